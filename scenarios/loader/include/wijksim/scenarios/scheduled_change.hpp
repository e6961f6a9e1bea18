#pragma once
// One parameter change that a scenario schedules during a run (a budget cut in year 2).
#include <cstdint>
#include <string>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::scenarios {

/// `value` is already validated against the declaration (type and range) and normalised the
/// way ParameterSetBuilder stores it (an integer given for a real parameter is a double).
struct ScheduledChange {
  double year = 0.0;                  ///< years from the start of the recorded run, in [0, horizon]
  std::string label;                  ///< the entry's `label`, "" when it has none
  std::uint32_t parameter_index = 0;  ///< index in the registry
  engine::ParameterValue value;
  SourceLocation where;  ///< the key in the entry's `set` table
};

}  // namespace wijksim::scenarios
