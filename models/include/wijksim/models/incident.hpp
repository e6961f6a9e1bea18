#pragma once
// An incident: a domain crossing the crisis threshold, with consequences (MODEL.md §4).
#include <cstdint>

#include "wijksim/models/domains.hpp"

namespace wijksim::models {

struct Incident {
  std::int32_t tick = 0;
  IncidentKind kind = IncidentKind::eviction;
  std::uint8_t reserved = 0;  ///< explicit padding: every byte of an Incident is defined
  std::uint16_t neighbourhood = 0;
  std::uint32_t household = 0;  ///< HouseholdId value (stable)
  std::uint32_t resident = 0;   ///< ResidentId value (stable)
};

}  // namespace wijksim::models
