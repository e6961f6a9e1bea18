#pragma once
// What the loader needs besides the scenario text: the horizon, the model's constraints and
// command-line overrides.
#include <string>
#include <vector>

#include "wijksim/scenarios/constraint.hpp"

namespace wijksim::scenarios {

/// Shown as the file of errors and locations that come from `overrides`.
inline constexpr const char* kCommandLine = "<command line>";

struct LoaderOptions {
  /// The declared integer or real parameter holding the run's length in years; schedule years
  /// must lie in [0, its value]. Empty: only years below 0 are refused.
  std::string horizon_parameter = "run.years";
  /// Checked on the start-of-run set and again after each scheduled year's changes.
  std::vector<Constraint> constraints;
  /// `--set` arguments, "key=value" with a dotted key and a TOML value ("needs.drift_rate=0.05",
  /// "care.outreach_enabled=true"); text that is not a TOML value is taken as a string (and
  /// refused as such). Applied after every file, in order.
  std::vector<std::string> overrides;
};

}  // namespace wijksim::scenarios
