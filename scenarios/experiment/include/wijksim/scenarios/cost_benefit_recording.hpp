#pragma once
// The cost-benefit ledger per payer (cost_benefit.hpp) written into a comparison file's
// /comparison group (analysis/SCHEMA.md), with netCDF-4 dimension scales so that
// xarray.open_dataset(path, engine="h5netcdf", group="comparison") reads it by name:
//
//   year, payer, quantity           dimensions (recorded years 0 … Y-1, payer names,
//                                   costs / benefits / net)
//   cost_benefit      (arm, replicate, year, payer, quantity)  euro in that year
//   cost_benefit_mean, _low, _high  (arm, payer, quantity)     euro per year over the horizon:
//                                   mean over replicates and its 95% t-interval
//   cost_benefit_ratio (arm, payer), cost_benefit_ratio_note (arm, payer)
//   cost_benefit_all_mean, _low, _high (arm, quantity), cost_benefit_all_ratio (arm),
//   cost_benefit_all_ratio_note (arm)                          the same summed over payers
//
// Every value of the first arm (the baseline) is NaN, as for the headline differences.
#include <cstddef>
#include <string>
#include <vector>

#include "wijksim/analysis/group.hpp"
#include "wijksim/scenarios/cost_benefit.hpp"

namespace wijksim::scenarios {

/// Writes the ledger of `arms` (compare_cost_benefit's result for `arm_count` arms of
/// `replicates` replicates, arm k at arms[k - 1]) into `comparison`, which must hold the
/// dimensions `arm` and `replicate`. Throws analysis::OutputError, or std::invalid_argument
/// when an element of `arms` is not a later arm with `replicates` replicates.
void write_cost_benefit(const analysis::Group& comparison, std::size_t arm_count, std::size_t replicates,
                        const std::vector<ArmCostBenefit>& arms);

}  // namespace wijksim::scenarios
