#pragma once
// Edit distance between names, for "did you mean ...?" suggestions on misspelt keys.
#include <cstddef>
#include <string_view>

namespace wijksim::engine {

/// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
/// substitutions and transpositions of adjacent characters each cost 1.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace wijksim::engine
