#include "detail/suggest.hpp"

#include <algorithm>

#include "wijksim/engine/text_distance.hpp"

namespace wijksim::scenarios::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) { return engine::edit_distance(a, b); }

std::string closest_of(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 4) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace wijksim::scenarios::detail
