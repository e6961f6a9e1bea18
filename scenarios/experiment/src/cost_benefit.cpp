#include "wijksim/scenarios/cost_benefit.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace wijksim::scenarios {
namespace {

constexpr auto kCosts = static_cast<std::size_t>(CostBenefitQuantity::costs);
constexpr auto kBenefits = static_cast<std::size_t>(CostBenefitQuantity::benefits);
constexpr auto kNet = static_cast<std::size_t>(CostBenefitQuantity::net);

/// A payer's euro of one year, split into interventions and consequences.
struct Split {
  double intervention = 0.0;
  double consequence = 0.0;
};

Split split(const models::PayerTierTable& table, std::size_t payer) noexcept {
  Split s;
  for (std::size_t t = 0; t < models::kTierCount; ++t) {
    (is_consequence(static_cast<models::Tier>(t)) ? s.consequence : s.intervention) += table[payer][t];
  }
  return s;
}

/// The horizon estimate of one payer (or of all, payer = kPayerCount) over replicates.
PayerEstimate estimate(const std::vector<PayerCostBenefit>& by_replicate, std::size_t payer) {
  PayerEstimate e;
  for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) {
    std::vector<double> values;
    for (const PayerCostBenefit& r : by_replicate) {
      const auto quantity = static_cast<CostBenefitQuantity>(q);
      values.push_back(payer < models::kPayerCount ? r.of(quantity, payer) : r.all_payers(quantity));
    }
    e.quantity[q] = estimate_mean(values);
  }
  e.ratio = benefit_cost_ratio(e.quantity[kBenefits].mean, e.quantity[kCosts].mean);
  return e;
}

}  // namespace

double PayerCostBenefit::all_payers(CostBenefitQuantity q) const {
  double sum = 0.0;
  for (const double v : euro.at(static_cast<std::size_t>(q))) sum += v;
  return sum;
}

PayerCostBenefit cost_benefit(const models::PayerTierTable& arm, const models::PayerTierTable& baseline) noexcept {
  PayerCostBenefit out;
  for (std::size_t p = 0; p < models::kPayerCount; ++p) {
    const Split a = split(arm, p);
    const Split b = split(baseline, p);
    out.euro[kCosts][p] = a.intervention - b.intervention;
    out.euro[kBenefits][p] = b.consequence - a.consequence;
    out.euro[kNet][p] = out.euro[kBenefits][p] - out.euro[kCosts][p];
  }
  return out;
}

std::string_view BenefitCostRatio::reason() const noexcept {
  switch (status) {
    case RatioStatus::defined:
      return {};
    case RatioStatus::no_difference:
      return "undefined (no costs, no benefits)";
    case RatioStatus::spends_less_saves:
      return "undefined (spends no more, saves too)";
    case RatioStatus::spends_less_loses:
      return "undefined (spends less, avoids less: read net)";
  }
  return {};
}

BenefitCostRatio benefit_cost_ratio(double mean_benefits, double mean_costs) noexcept {
  if (mean_costs > 0.0) return {mean_benefits / mean_costs, RatioStatus::defined};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (mean_costs == 0.0 && mean_benefits == 0.0) return {nan, RatioStatus::no_difference};
  return {nan, mean_benefits >= 0.0 ? RatioStatus::spends_less_saves : RatioStatus::spends_less_loses};
}

std::vector<ArmCostBenefit> compare_cost_benefit(const std::vector<std::vector<RunLedger>>& ledgers) {
  std::vector<ArmCostBenefit> out;
  if (ledgers.size() < 2) return out;
  const std::vector<RunLedger>& baseline = ledgers.front();
  const std::size_t years = baseline.empty() ? 0 : baseline.front().size();
  for (std::size_t a = 0; a < ledgers.size(); ++a) {
    if (ledgers[a].size() != baseline.size()) {
      throw std::invalid_argument("compare_cost_benefit: arm " + std::to_string(a) + " has " + std::to_string(ledgers[a].size()) +
                                  " replicates, the baseline " + std::to_string(baseline.size()));
    }
    for (std::size_t r = 0; r < ledgers[a].size(); ++r) {
      if (ledgers[a][r].size() != years) {
        throw std::invalid_argument("compare_cost_benefit: arm " + std::to_string(a) + ", replicate " + std::to_string(r) + " has " +
                                    std::to_string(ledgers[a][r].size()) + " recorded years, expected " + std::to_string(years));
      }
    }
  }
  for (std::size_t a = 1; a < ledgers.size(); ++a) {
    ArmCostBenefit arm;
    arm.arm = a;
    for (std::size_t r = 0; r < baseline.size(); ++r) {
      std::vector<PayerCostBenefit> by_year;
      PayerCostBenefit horizon;
      for (std::size_t y = 0; y < years; ++y) {
        by_year.push_back(cost_benefit(ledgers[a][r][y], baseline[r][y]));
        for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) {
          for (std::size_t p = 0; p < models::kPayerCount; ++p) horizon.euro[q][p] += by_year.back().euro[q][p];
        }
      }
      for (auto& quantity : horizon.euro) {
        for (double& v : quantity) v = years > 0 ? v / static_cast<double>(years) : 0.0;
      }
      arm.by_replicate_year.push_back(std::move(by_year));
      arm.by_replicate.push_back(horizon);
    }
    for (std::size_t p = 0; p < models::kPayerCount; ++p) arm.payers[p] = estimate(arm.by_replicate, p);
    arm.all_payers = estimate(arm.by_replicate, models::kPayerCount);
    out.push_back(std::move(arm));
  }
  return out;
}

}  // namespace wijksim::scenarios
