#pragma once
// Informal care (MODEL.md §5) as small pure functions the people model's phases call per
// resident: how many hours of lay help someone needs, how many a carer can give, whether
// someone asks a tie and whether the tie says yes, and how a carer's burden moves.
//
// The week runs: need and capacity -> asks (parallel, per asker) -> deterministic arbitration of
// each carer's hours (serial, by closeness then a salted hash) -> the help received works in
// the needs dynamics -> burden.
#include <array>
#include <cstdint>

#include "wijksim/models/domains.hpp"
#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

/// Hours of lay help wanted this week: hours_per_unit_need × Σ lay_weight[d] × excess over the
/// need threshold. Children under 12 are cared for inside the household and ask nobody.
[[nodiscard]] float informal_hours_needed(const std::array<float, kDomainCount>& severity, float age,
                                          const InformalParameters& p) noexcept;

/// Hours this resident can give this week: none under 15 or while resting after stopping;
/// otherwise max_hours × (1 − burden) × (1 − own mental/physical trouble), halved above 80,
/// halved again when overburdened (cutting back), less the hours given as a volunteer.
[[nodiscard]] float informal_capacity(float age, float burden, std::uint16_t rest_weeks_left, bool is_volunteer,
                                      float mental_severity, float physical_severity,
                                      const InformalParameters& p) noexcept;

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
