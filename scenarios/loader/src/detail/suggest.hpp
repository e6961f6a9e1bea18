#pragma once
// Suggestions for misspelt names that are not parameters (reserved keys, topics, schedule
// fields). Parameter names use engine::ParameterRegistry::closest_name; this uses the same
// measure and threshold so that both suggest alike.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wijksim::scenarios::detail {

/// Damerau–Levenshtein (optimal string alignment) distance.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `name`, or "" when none is within max(2, |name| / 4) edits.
[[nodiscard]] std::string closest_of(std::string_view name,
                                     const std::vector<std::string>& candidates);

}  // namespace wijksim::scenarios::detail
