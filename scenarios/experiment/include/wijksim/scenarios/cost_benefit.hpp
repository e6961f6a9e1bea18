#pragma once
// A social cost-benefit ledger per payer (MODEL.md §8; the Dutch MKBA, S0:L961): every euro an
// arm spends or avoids, booked to the payer who carries it, against the paired baseline arm of
// the same experiment (replicate r of both ran with the same seed: the same people and life
// events), per recorded year and over the horizon.
//
// The ledger's tiers split in two (is_consequence):
//  - consequences: what a payer carries because things went wrong — Tier::incidents
//    (evictions, out-of-home placement = residential youth care, crisis admissions, police
//    call-outs) and Tier::income_support (social assistance);
//  - interventions: every other tier (generalist and specialist care, coordination, practical
//    fixes, projects, commissioning).
//
// Sign conventions, in euro, per payer p, year y and replicate r of arm k against the baseline:
//  - costs    = intervention(k) − intervention(baseline): what the arm spends on top; negative
//               when it spends less;
//  - benefits = consequence(baseline) − consequence(k): the costs it avoids; negative when the
//               arm has more incidents or benefits to pay;
//  - net      = benefits − costs (= total(baseline) − total(k)): what the payer saves.
// Over the horizon each is a mean per recorded year (euro per year), then a mean over replicates
// with the 95% t-interval of the paired differences (interval_estimate.hpp). The benefit-cost
// ratio is mean benefits / mean costs; it is undefined when mean costs <= 0 (the arm spends no
// more, so there is nothing to return on: read net), and RatioStatus says which way.
//
// @code
//   // ledgers[arm][replicate][recorded year], the first arm the baseline
//   const std::vector<ArmCostBenefit> arms = compare_cost_benefit(ledgers);
//   const PayerEstimate& insurer = arms[0].payers[static_cast<std::size_t>(models::Payer::health_insurer)];
//   insurer.of(CostBenefitQuantity::benefits).mean;  // euro per year avoided by the insurer
// @endcode
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "wijksim/models/cost_ledger.hpp"
#include "wijksim/scenarios/interval_estimate.hpp"

namespace wijksim::scenarios {

enum class CostBenefitQuantity : std::uint8_t { costs = 0, benefits, net };
inline constexpr std::size_t kCostBenefitQuantityCount = 3;
inline constexpr std::array<std::string_view, kCostBenefitQuantityCount> kCostBenefitQuantityNames{"costs", "benefits", "net"};

/// Whether a tier is a consequence (avoided: a benefit) rather than an intervention (a cost).
[[nodiscard]] constexpr bool is_consequence(models::Tier tier) noexcept {
  return tier == models::Tier::incidents || tier == models::Tier::income_support;
}

/// The recorded years' ledger tables of one run, year 0 the first after the warm-up (euro).
using RunLedger = std::vector<models::PayerTierTable>;

/// Costs, benefits and net of one year (or one horizon) per payer, euro.
struct PayerCostBenefit {
  /// [quantity][payer]
  std::array<std::array<double, models::kPayerCount>, kCostBenefitQuantityCount> euro{};

  [[nodiscard]] double of(CostBenefitQuantity q, std::size_t payer) const { return euro.at(static_cast<std::size_t>(q)).at(payer); }
  /// Summed over payers: the society's figure.
  [[nodiscard]] double all_payers(CostBenefitQuantity q) const;
};

/// One year of an arm against the same year of its baseline (the sign conventions above).
[[nodiscard]] PayerCostBenefit cost_benefit(const models::PayerTierTable& arm, const models::PayerTierTable& baseline) noexcept;

/// Why a benefit-cost ratio is or is not defined.
enum class RatioStatus : std::uint8_t {
  defined,             ///< mean costs > 0
  no_difference,       ///< mean costs and benefits both 0: nothing to weigh
  spends_less_saves,   ///< mean costs <= 0 and benefits >= 0 (not both 0): the arm spends no more and saves too
  spends_less_loses,   ///< mean costs <= 0 and benefits < 0: it spends less and avoids less; read net
};

struct BenefitCostRatio {
  double value = 0.0;  ///< euro avoided per euro spent; NaN unless defined
  RatioStatus status = RatioStatus::defined;
  [[nodiscard]] bool is_defined() const noexcept { return status == RatioStatus::defined; }
  /// Empty when defined, else why not, for tables ("undefined (spends no more, saves too)").
  [[nodiscard]] std::string_view reason() const noexcept;
};

/// mean_benefits / mean_costs when mean_costs > 0; otherwise undefined, with the reason.
[[nodiscard]] BenefitCostRatio benefit_cost_ratio(double mean_benefits, double mean_costs) noexcept;

/// A payer's (or all payers') horizon figures: euro per recorded year, over replicates.
struct PayerEstimate {
  std::array<IntervalEstimate, kCostBenefitQuantityCount> quantity;
  BenefitCostRatio ratio;
  [[nodiscard]] const IntervalEstimate& of(CostBenefitQuantity q) const { return quantity.at(static_cast<std::size_t>(q)); }
};

/// One arm against the baseline (the first arm).
struct ArmCostBenefit {
  std::size_t arm = 0;  ///< index into the arms given, >= 1
  /// [replicate][recorded year]
  std::vector<std::vector<PayerCostBenefit>> by_replicate_year;
  /// [replicate]: the mean over recorded years (euro per year)
  std::vector<PayerCostBenefit> by_replicate;
  std::array<PayerEstimate, models::kPayerCount> payers;
  PayerEstimate all_payers;
};

/// For every arm after the first, against the first: `ledgers[arm][replicate]` the run's
/// recorded years. Every run must have as many replicates and recorded years as the baseline's
/// first (std::invalid_argument otherwise: pairs must match). Fewer than 2 arms: empty.
[[nodiscard]] std::vector<ArmCostBenefit> compare_cost_benefit(const std::vector<std::vector<RunLedger>>& ledgers);

}  // namespace wijksim::scenarios
