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

/// Weekly event probabilities for this resident (index LifeEvent), before drawing.
[[nodiscard]] std::array<double, kLifeEventCount> life_event_probabilities(const NeedsState& state,
                                                                           const NeedsParameters& p) noexcept;

/// Adds the shock of `event` to the resident's severities (spread over domains, scaled by
/// which domains apply to them).
void apply_life_event(NeedsState& state, std::size_t event, const NeedsParameters& p) noexcept;

/// One week for one resident. Draws one word for life events (and one more only if an event
/// happens) from `stream`.
NeedsOutcome advance_needs(NeedsState& state, const NeedsParameters& needs, const InformalParameters& informal,
                           engine::RandomStream& stream) noexcept;

/// The incident a new crisis in `domain` produces for a resident of this age, if any.
[[nodiscard]] bool incident_for(Domain domain, float age, IncidentKind& kind) noexcept;

}  // namespace wijksim::models
