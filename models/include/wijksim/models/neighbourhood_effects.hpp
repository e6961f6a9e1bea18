#pragma once
// Effects that neighbourhood-level institutions (projects, the municipality) exert on the
// mechanisms of people and care, set each tick by FundingSystem and read by the phases
// (MODEL.md §8: while alive a project builds volunteers, ties, finders and trust, and lowers
// drift in its target domains). All zero when nothing acts: then the phases behave exactly as
// without funding.
#include <array>
#include <vector>

#include "wijksim/models/domains.hpp"

namespace wijksim::models {

struct NeighbourhoodEffect {
  /// Extra recovery per week in a domain (added to needs.drift_per_week for residents here who
  /// are above their baseline).
  std::array<float, kDomainCount> extra_drift_per_week{};
  /// Multiplier on outreach detection by informal finders (1 + finder_boost).
  float finder_boost = 0.0F;
};

struct NeighbourhoodEffects {
  std::vector<NeighbourhoodEffect> by_neighbourhood;
};

}  // namespace wijksim::models
