#pragma once
// A rule between parameters that no single range can state (a minimum age below a maximum
// age), provided by a model and checked by the loader on every resolved parameter set.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/engine/parameters.hpp"

namespace wijksim::scenarios {

/// `check` returns std::nullopt when the set is consistent, or a short text saying what was
/// found ("minimum age 90 is above maximum age 80"). It must be a pure function of the set.
/// A violation is reported at the place that last set one of `keys` (declared names), with
/// `description` as what was expected.
///
/// @code
///   Constraint{"population.min_age below population.max_age",
///              {"population.min_age", "population.max_age"},
///              [=](const engine::ParameterSet& p) -> std::optional<std::string> {
///                if (p.get(min_age) < p.get(max_age)) return std::nullopt;
///                return "minimum age " + std::to_string(p.get(min_age)) + ", maximum age " +
///                       std::to_string(p.get(max_age));
///              }};
/// @endcode
struct Constraint {
  std::string description;
  std::vector<std::string> keys;
  std::function<std::optional<std::string>(const engine::ParameterSet&)> check;
};

}  // namespace wijksim::scenarios
