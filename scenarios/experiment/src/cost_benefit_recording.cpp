#include "wijksim/scenarios/cost_benefit_recording.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "detail/fixed_dataset.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"

namespace wijksim::scenarios {
namespace {

namespace wa = wijksim::analysis;
using detail::write_doubles;
using detail::write_strings;

constexpr std::size_t kPayers = models::kPayerCount;
constexpr std::size_t kQuantities = kCostBenefitQuantityCount;
constexpr const char* kSigns =
    "costs = intervention(arm) - intervention(first arm); benefits = consequence(first arm) - consequence(arm), "
    "consequences being the tiers incidents and income_support; net = benefits - costs; paired by replicate "
    "(MODEL.md §8, MKBA S0:L961). NaN for the first arm.";

/// The horizon estimates of every arm, `of` choosing a payer's (or all payers') estimate.
template <typename Of>
void write_estimates(const wa::Group& g, const std::string& prefix, std::vector<std::string> dims, std::size_t arm_count,
                     std::size_t cells, const std::vector<ArmCostBenefit>& arms, Of of) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> mean(arm_count * cells * kQuantities, nan), low = mean, high = mean;
  std::vector<double> ratio(arm_count * cells, nan);
  std::vector<std::string> note(arm_count * cells, "baseline");
  for (const ArmCostBenefit& arm : arms) {
    for (std::size_t c = 0; c < cells; ++c) {
      const PayerEstimate& e = of(arm, c);
      for (std::size_t q = 0; q < kQuantities; ++q) {
        const std::size_t at = (arm.arm * cells + c) * kQuantities + q;
        mean[at] = e.quantity[q].mean;
        low[at] = e.quantity[q].low;
        high[at] = e.quantity[q].high;
      }
      ratio[arm.arm * cells + c] = e.ratio.value;
      note[arm.arm * cells + c] = std::string(e.ratio.reason());
    }
  }
  std::vector<std::string> with_quantity = dims;
  with_quantity.emplace_back("quantity");
  write_doubles(g, prefix + "_mean", with_quantity, mean,
                {.units = "EUR per year", .long_name = "mean over replicates of the horizon's yearly mean", .description = kSigns});
  write_doubles(g, prefix + "_low", with_quantity, low,
                {.units = "EUR per year", .long_name = "95% t-interval of the paired mean, lower end",
                 .description = "NaN with fewer than 2 replicates"});
  write_doubles(g, prefix + "_high", with_quantity, high,
                {.units = "EUR per year", .long_name = "95% t-interval of the paired mean, upper end",
                 .description = "NaN with fewer than 2 replicates"});
  write_doubles(g, prefix + "_ratio", dims, ratio,
                {.units = "1", .long_name = "benefit-cost ratio: mean benefits / mean costs",
                 .description = "NaN when mean costs <= 0 (see the note) and for the first arm"});
  write_strings(g, prefix + "_ratio_note", dims, note,
                {.long_name = "why the ratio is undefined", .description = "empty when it is defined"});
}

}  // namespace

void write_cost_benefit(const wa::Group& g, std::size_t arm_count, std::size_t replicates, const std::vector<ArmCostBenefit>& arms) {
  const std::size_t years = arms.empty() || arms.front().by_replicate_year.empty() ? 0 : arms.front().by_replicate_year.front().size();
  for (const ArmCostBenefit& arm : arms) {
    if (arm.arm == 0 || arm.arm >= arm_count || arm.by_replicate_year.size() != replicates) {
      throw std::invalid_argument("write_cost_benefit: arm " + std::to_string(arm.arm) + " is not a later arm with every replicate");
    }
  }
  std::vector<std::int64_t> year_values;
  for (std::size_t y = 0; y < years; ++y) year_values.push_back(static_cast<std::int64_t>(y));
  std::vector<std::string> payers(models::kPayerNames.begin(), models::kPayerNames.end());
  std::vector<std::string> quantities(kCostBenefitQuantityNames.begin(), kCostBenefitQuantityNames.end());
  wa::add_dimension(g, "year", year_values, {.long_name = "recorded year", .description = "0 = the first year after the warm-up"});
  wa::add_dimension(g, "payer", payers, {.long_name = "payer", .description = "who carries a cost (MODEL.md §8)"});
  wa::add_dimension(g, "quantity", quantities, {.long_name = "cost-benefit quantity", .description = kSigns});

  std::vector<double> ledger(arm_count * replicates * years * kPayers * kQuantities, std::numeric_limits<double>::quiet_NaN());
  for (const ArmCostBenefit& arm : arms) {
    for (std::size_t r = 0; r < replicates; ++r) {
      for (std::size_t y = 0; y < years; ++y) {
        const PayerCostBenefit& cell = arm.by_replicate_year[r].at(y);
        for (std::size_t p = 0; p < kPayers; ++p) {
          for (std::size_t q = 0; q < kQuantities; ++q) {
            ledger[(((arm.arm * replicates + r) * years + y) * kPayers + p) * kQuantities + q] = cell.euro[q][p];
          }
        }
      }
    }
  }
  write_doubles(g, "cost_benefit", {"arm", "replicate", "year", "payer", "quantity"}, ledger,
                {.units = "EUR", .long_name = "costs, benefits and net per payer against the first arm", .description = kSigns});
  write_estimates(g, "cost_benefit", {"arm", "payer"}, arm_count, kPayers, arms,
                  [](const ArmCostBenefit& a, std::size_t p) -> const PayerEstimate& { return a.payers[p]; });
  write_estimates(g, "cost_benefit_all", {"arm"}, arm_count, 1, arms,
                  [](const ArmCostBenefit& a, std::size_t) -> const PayerEstimate& { return a.all_payers; });
}

}  // namespace wijksim::scenarios
