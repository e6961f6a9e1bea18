#pragma once
// Informal care (MODEL.md §5) as small pure functions the people model's phases call per
// resident: how many hours of lay help someone needs, how many a carer can give, whether
// someone asks a tie and whether the tie says yes, and how a carer's burden moves.
//
// The week runs: need and capacity -> asks (parallel, per asker) -> deterministic arbitration of
// each carer's hours (serial, by closeness then a salted hash) -> the help received works in
// the needs dynamics -> burden.
#include <algorithm>
#include <array>
#include <cstdint>

#include "wijksim/models/domains.hpp"
#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

/// Hours of lay help wanted this week: hours_per_unit_need × Σ lay_weight[d] × excess over the
/// need threshold. Children under 12 are cared for inside the household and ask nobody.
/// Branch-free (a select per domain), so that a phase's loop over residents vectorises.
[[nodiscard]] inline float informal_hours_needed(const std::array<float, kDomainCount>& severity, float age,
                                                 const InformalParameters& p) noexcept {
  const auto threshold = static_cast<float>(p.need_threshold);
  float need = 0.0F;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const float excess = severity[d] - threshold;
    need += static_cast<float>(p.lay_weight[d]) * (excess > 0.0F ? excess : 0.0F);
  }
  return age < 12.0F ? 0.0F : static_cast<float>(p.hours_per_unit_need) * need;
}

/// Hours this resident can give this week: none under 15 or while resting after stopping;
/// otherwise max_hours × (1 − burden) × (1 − own mental/physical trouble), halved above 80,
/// halved again when overburdened (cutting back), less the hours given as a volunteer.
/// Branch-free, like informal_hours_needed.
[[nodiscard]] inline float informal_capacity(float age, float burden, std::uint16_t rest_weeks_left, bool is_volunteer,
                                             float mental_severity, float physical_severity,
                                             const InformalParameters& p) noexcept {
  const float own_trouble = std::max(mental_severity, physical_severity);
  float hours = static_cast<float>(p.max_hours_per_week) * (1.0F - burden) * (1.0F - own_trouble);
  hours = age >= 80.0F ? hours * 0.5F : hours;
  hours = burden > static_cast<float>(p.overburden_threshold) ? hours * 0.5F : hours;  // cutting back
  hours = is_volunteer ? hours - static_cast<float>(p.volunteer_hours_per_week) : hours;
  hours = std::max(0.0F, hours);
  return age < 15.0F || rest_weeks_left > 0 ? 0.0F : hours;
}

/// Chance per week that someone with this reluctance asks a tie of this kind: reluctance
/// counts less toward household members (household_openness).
[[nodiscard]] double ask_probability(float reluctance, TieKind kind, const InformalParameters& p) noexcept;

/// Chance that a tie of this kind with this stated willingness says yes when asked.
/// Household members always do; kin mostly; friends and neighbours as willing as they say.
[[nodiscard]] double accept_probability(float willingness, TieKind kind) noexcept;

/// Order of service when one carer is asked by several: household first, then kin, friends,
/// neighbours.
[[nodiscard]] std::int32_t help_priority(TieKind kind) noexcept;

struct CarerState {
  float burden = 0.0F;
  std::uint16_t intensive_weeks = 0;
  std::uint16_t rest_weeks_left = 0;
};

/// A carer's week: burden grows with hours given (faster with little own strength) and decays
/// with rest; more than 8 hours counts an intensive week; reaching the stop threshold starts
/// a rest of rest_weeks.
void update_carer(CarerState& carer, float hours_given, float own_strength, const InformalParameters& p) noexcept;

/// Hours per week above which care is intensive (S0:L359: more than 8 hours a week).
inline constexpr float kIntensiveHoursPerWeek = 8.0F;

}  // namespace wijksim::models
