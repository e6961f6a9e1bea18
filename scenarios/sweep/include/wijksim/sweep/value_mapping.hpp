#pragma once
// From a unit coordinate u in [0, 1) (a Latin hypercube or Sobol point) to a swept parameter's
// value, and from a value to the text of its `--set` override.
#include <string>

#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::sweep {

/// The value at `u` (clamped into [0, 1)):
///  - levels: levels[floor(u × count)];
///  - uniform: low + u × (high − low); for an integer parameter every integer in [low, high]
///    is equally likely (low + floor(u × (high − low + 1)));
///  - log_uniform: exp(ln low + u × (ln high − ln low));
///  - normal: the inverse CDF of normal(mean, sd) truncated to [low, high] at u.
/// Integer parameters take the nearest integer of a continuous value, kept in [low, high].
[[nodiscard]] double map_unit_value(const SweptParameter& parameter, double u);

/// Standard normal quantile (inverse CDF), p in (0, 1): Acklam's rational approximation with
/// one Halley step (relative error below 1e-15).
[[nodiscard]] double normal_quantile(double p);

/// The TOML text of `value` for `parameter` ("true", "3", "0.25"): shortest text that reads
/// back as the same double.
[[nodiscard]] std::string override_text(const SweptParameter& parameter, double value);

}  // namespace wijksim::sweep
