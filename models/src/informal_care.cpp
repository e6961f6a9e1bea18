#include "wijksim/models/informal_care.hpp"

#include <algorithm>
#include <cmath>

namespace wijksim::models {

double ask_probability(float reluctance, TieKind kind, const InformalParameters& p) noexcept {
  double r = reluctance;
  if (kind == TieKind::household) r *= 1.0 - p.household_openness;
  const double base = std::max(0.0, 1.0 - r);
  // The default exponent (2) without a call to pow(): this runs for every tie asked, every week.
  const double factor = p.reluctance_exponent == 2.0 ? base * base : std::pow(base, p.reluctance_exponent);
  return p.ask_probability * factor;
}

double accept_probability(float willingness, TieKind kind) noexcept {
  switch (kind) {
    case TieKind::household: return 1.0;
    case TieKind::kin: return std::sqrt(static_cast<double>(willingness));
    case TieKind::friend_tie: return willingness;
    case TieKind::neighbour: return static_cast<double>(willingness) * static_cast<double>(willingness);
  }
  return 0.0;
}

std::int32_t help_priority(TieKind kind) noexcept {
  switch (kind) {
    case TieKind::household: return 3;
    case TieKind::kin: return 2;
    case TieKind::friend_tie: return 1;
    case TieKind::neighbour: return 0;
  }
  return 0;
}

void update_carer(CarerState& carer, float hours_given, float own_strength, const InformalParameters& p) noexcept {
  const float load = static_cast<float>(p.burden_per_hour) * hours_given * (1.5F - own_strength);
  carer.burden = std::clamp(carer.burden * (1.0F - static_cast<float>(p.burden_recovery_per_week)) + load, 0.0F, 1.0F);
  carer.intensive_weeks = hours_given > kIntensiveHoursPerWeek
                              ? static_cast<std::uint16_t>(std::min<int>(carer.intensive_weeks + 1, UINT16_MAX))
                              : std::uint16_t{0};
  if (carer.rest_weeks_left > 0) {
    --carer.rest_weeks_left;
  } else if (carer.burden >= static_cast<float>(p.stop_threshold)) {
    carer.rest_weeks_left = static_cast<std::uint16_t>(p.rest_weeks);
  }
}

}  // namespace wijksim::models
