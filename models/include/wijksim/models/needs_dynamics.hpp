#pragma once
// How one resident's needs change in one week (MODEL.md §4), as a pure function of the
// resident's state, their household's aggregate and one random stream — so that each
// mechanism can be tested on its own and the parallel phase is a loop over residents.
//
// Order within the week: life events, cross-domain spillover, household spillover (children),
// effect of informal help received, effect of professional treatment, overburden harm, then
// recovery drift toward the baseline;
// severities are clamped to [0, 1]. Crisis crossings are reported, not acted on: the model's
// incident phase decides the consequences.
#include <array>
#include <cstdint>

#include "wijksim/engine/random.hpp"
#include "wijksim/models/domains.hpp"
#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

/// The part of a resident's state the needs dynamics reads and writes.
struct NeedsState {
  std::array<float, kDomainCount> severity{};
  std::array<float, kDomainCount> baseline{};
  float age = 40.0F;
  HouseholdKind household_kind = HouseholdKind::single_adult;
  float own_strength = 0.5F;
  float hours_needed = 0.0F;    ///< lay help wanted this week (hours)
  float help_received = 0.0F;   ///< lay help received this week (hours)
  float burden = 0.0F;          ///< as a carer, [0, 1]
  float household_adult_trouble = 0.0F;  ///< excess severity of the worst adult (see HouseholdColumns)
  std::uint8_t crisis_flags = 0;
  /// Professional treatment this week: share of the excess severity removed per domain.
  std::array<float, kDomainCount> care_relief{};
  /// Share of the treatment relief that also lowers the baseline (lasting recovery).
  float care_baseline_learning = 0.0F;
  /// Treatment lowers severity toward this share of the baseline, not below.
  float care_floor_share = 0.0F;
  /// Extra recovery per week from neighbourhood institutions (projects), per domain: speeds the
  /// way down to the baseline only (someone below it is not pulled back up).
  std::array<float, kDomainCount> extra_drift{};
};

struct NeedsOutcome {
  /// Bit d set: domain d crossed the crisis threshold this week (a new crisis episode).
  std::uint8_t new_crises = 0;
  /// The life event that happened this week, or kLifeEventCount for none.
  std::size_t life_event = kLifeEventCount;
};

/// What the weekly step needs of the parameters, converted once (per tick or per change of
/// parameters) rather than per resident: weekly rates, float factors as the step multiplies
/// them. Every value is the exact number the step used to compute inline, so results do not
/// depend on whether the constants are shared.
struct NeedsConstants {
  NeedsConstants(const NeedsParameters& needs, const InformalParameters& informal,
                 float care_baseline_learning, float care_floor_share) noexcept;

  std::array<double, kLifeEventCount> event_rate_per_week{};
  std::array<float, kLifeEventCount> event_shock{};
  float spillover_threshold = 0.0F;
  /// spillover_per_week × spillover[from][to] (float product), 0 where domains are not linked.
  std::array<std::array<float, kDomainCount>, kDomainCount> spillover_rate{};
  float household_spillover_per_week = 0.0F;
  float intergenerational_per_week = 0.0F;
  float need_threshold = 0.0F;
  /// help_efficacy_per_week × lay_weight[d] (float product).
  std::array<float, kDomainCount> help_efficacy{};
  float care_baseline_learning = 0.0F;
  float care_floor_share = 0.0F;
  float overburden_threshold = 0.0F;
  float overburden_harm_per_week = 0.0F;
  double drift_per_week = 0.0;
  double strength_recovery_gain = 0.0;
  float crisis_reopen = 0.0F;  ///< below this a domain's crisis episode closes (hysteresis)
};

/// Residents processed per call of advance_needs_block at most (its scratch is on the stack).
inline constexpr std::size_t kNeedsBlockMax = 256;

/// A block of residents for advance_needs_block, in struct-of-arrays form: every pointer
/// addresses `size` values, household and neighbourhood inputs already gathered per resident.
struct NeedsBlock {
  std::size_t size = 0;  ///< at most kNeedsBlockMax
  std::array<float*, kDomainCount> severity{};
  std::array<float*, kDomainCount> baseline{};
  std::array<const float*, kDomainCount> care_relief{};
  /// Extra recovery per domain from projects (see NeedsState::extra_drift), or all null when
  /// no resident of the block has any.
  std::array<const float*, kDomainCount> extra_drift{};
  const float* age = nullptr;
  const HouseholdKind* household_kind = nullptr;
  const float* own_strength = nullptr;
  const float* hours_needed = nullptr;
  const float* help_received = nullptr;
  const float* burden = nullptr;
  const float* household_adult_trouble = nullptr;
  std::uint8_t* crisis_flags = nullptr;
  engine::RandomStream* life_event_streams = nullptr;  ///< one per resident; adults draw once
  std::uint8_t* new_crises = nullptr;  ///< out: NeedsOutcome::new_crises per resident
  std::uint8_t* life_event = nullptr;  ///< out: NeedsOutcome::life_event per resident
};

/// One week for a block of residents: exactly advance_needs for each (the same draws and the
/// same floating-point operations in the same order per resident), organised domain by domain
/// so that the loops run over contiguous columns without branches.
void advance_needs_block(const NeedsBlock& block, const NeedsConstants& constants) noexcept;

/// Weekly event probabilities for this resident (index LifeEvent), before drawing.
[[nodiscard]] std::array<double, kLifeEventCount> life_event_probabilities(const NeedsState& state,
                                                                           const NeedsParameters& p) noexcept;

/// Adds the shock of `event` to the resident's severities (spread over domains, scaled by
/// which domains apply to them).
void apply_life_event(NeedsState& state, std::size_t event, const NeedsParameters& p) noexcept;

/// One week for one resident (a block of one). Draws one uniform from `stream`, for adults only.
NeedsOutcome advance_needs(NeedsState& state, const NeedsParameters& needs, const InformalParameters& informal,
                           engine::RandomStream& stream) noexcept;

/// The incident a new crisis in `domain` produces for a resident of this age, if any.
[[nodiscard]] bool incident_for(Domain domain, float age, IncidentKind& kind) noexcept;

}  // namespace wijksim::models
