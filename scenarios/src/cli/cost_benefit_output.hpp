#pragma once
// `wijksim compare`'s cost-benefit ledger per payer (scenarios/experiment cost_benefit.hpp):
// a table per arm against the first, and the same in --json.
#include <ostream>
#include <string>
#include <vector>

#include "cli/json_writer.hpp"
#include "wijksim/scenarios/cost_benefit.hpp"

namespace wijksim::cli {

/// For each arm after the first: a row per payer and one for all payers with costs, benefits,
/// net (euro per year over the `years` recorded, mean [95% t-interval of the paired
/// differences]) and the benefit-cost ratio, then what the columns mean.
void print_cost_benefit(std::ostream& out, const std::vector<std::string>& arm_names, const std::vector<scenarios::ArmCostBenefit>& arms,
                        int years);

/// The key "cost_benefit" of the open JSON object: an array with an object per arm after the
/// first (arm, versus, unit, payers: per payer costs, benefits, net as mean/low/high and the
/// replicates' horizon values, ratio and ratio_note; all_payers the same).
void write_cost_benefit_json(JsonWriter& j, const std::vector<std::string>& arm_names, const std::vector<scenarios::ArmCostBenefit>& arms);

}  // namespace wijksim::cli
