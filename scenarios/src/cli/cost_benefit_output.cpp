#include "cli/cost_benefit_output.hpp"

#include <cstddef>

#include "cli/estimate_output.hpp"

namespace wijksim::cli {
namespace {

using scenarios::CostBenefitQuantity;
using scenarios::kCostBenefitQuantityCount;
using scenarios::kCostBenefitQuantityNames;
using scenarios::PayerEstimate;

std::string ratio_text(const scenarios::BenefitCostRatio& r) {
  return r.is_defined() ? number_text(r.value) : std::string(r.reason());
}

std::vector<std::string> row(const std::string& payer, const PayerEstimate& e) {
  std::vector<std::string> cells{payer};
  for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) cells.push_back(estimate_text(e.quantity[q], true));
  cells.push_back(ratio_text(e.ratio));
  return cells;
}

/// A payer's (or all payers', payer = kPayerCount) fields: each quantity's estimate with the
/// replicates' values, then the ratio.
void write_payer(JsonWriter& j, const scenarios::ArmCostBenefit& arm, const PayerEstimate& e, std::size_t payer) {
  for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) {
    j.key(kCostBenefitQuantityNames[q]).begin_object();
    write_estimate(j, e.quantity[q]);
    j.key("replicates").begin_array();
    const auto quantity = static_cast<CostBenefitQuantity>(q);
    for (const auto& r : arm.by_replicate) j.value(payer < models::kPayerCount ? r.of(quantity, payer) : r.all_payers(quantity));
    j.end_array().end_object();
  }
  j.key("ratio").value(e.ratio.value).key("ratio_note").value(e.ratio.reason());
}

}  // namespace

void print_cost_benefit(std::ostream& out, const std::vector<std::string>& arm_names, const std::vector<scenarios::ArmCostBenefit>& arms,
                        int years) {
  for (const auto& arm : arms) {
    out << "\nCosts and benefits per payer, " << arm_names.at(arm.arm) << " against " << arm_names.front()
        << " (euro per year for the whole area, mean of the " << years << " recorded " << (years == 1 ? "year" : "years") << "):\n";
    std::vector<std::vector<std::string>> rows{{"payer", "costs", "benefits", "net", "benefit/cost"}};
    for (std::size_t p = 0; p < models::kPayerCount; ++p) rows.push_back(row(std::string(models::kPayerNames[p]), arm.payers[p]));
    rows.push_back(row("all payers", arm.all_payers));
    print_aligned_rows(out, rows);
  }
  if (arms.empty()) return;
  out << "\nCosts: extra spending on care, coordination, practical fixes, projects and commissioning. Benefits: costs\n"
      << "avoided (incidents: evictions, out-of-home placements, crisis admissions, police call-outs; income support).\n"
      << "Net = benefits - costs: what the payer saves. Each against the first arm, paired by replicate: mean [95%\n"
      << "t-interval]. Benefit/cost = mean benefits / mean costs, undefined where the arm spends no more (MODEL.md §8).\n";
}

void write_cost_benefit_json(JsonWriter& j, const std::vector<std::string>& arm_names, const std::vector<scenarios::ArmCostBenefit>& arms) {
  j.key("cost_benefit").begin_array();
  for (const auto& arm : arms) {
    const std::size_t years = arm.by_replicate_year.empty() ? 0 : arm.by_replicate_year.front().size();
    j.begin_object().key("arm").value(arm_names.at(arm.arm)).key("versus").value(arm_names.front()).key("unit").value("euro per year")
        .key("years").value(static_cast<std::int64_t>(years)).key("payers").begin_array();
    for (std::size_t p = 0; p < models::kPayerCount; ++p) {
      j.begin_object().key("payer").value(models::kPayerNames[p]);
      write_payer(j, arm, arm.payers[p], p);
      j.end_object();
    }
    j.end_array().key("all_payers").begin_object();
    write_payer(j, arm, arm.all_payers, models::kPayerCount);
    j.end_object().end_object();
  }
  j.end_array();
}

}  // namespace wijksim::cli
