#include "wijksim/models/project.hpp"

#include <algorithm>

namespace wijksim::models {

float Project::coalition_strength() const noexcept {
  if (coalition_size == 0) return 0.0F;
  float sum = 0.0F;
  for (std::size_t k = 0; k < coalition_size; ++k) sum += coalition[k].commitment;
  return sum / static_cast<float>(coalition_size);
}

float Project::realised_effect() const noexcept {
  if (!is_alive(state)) return 0.0F;
  const float led = leader.present ? 1.0F : 0.5F;
  return std::clamp(effectiveness * maturity() * integrity * led, 0.0F, 1.0F);
}

std::string label_name(std::uint32_t label) {
  // Words of Dutch project names; 12 × 12 combinations, then numbered.
  static constexpr std::string_view kFirst[] = {"Buurt", "Samen", "Wijk",  "Thuis", "Kracht", "Eigen",
                                                "Sterk", "Nieuw", "Hart",  "Mee",   "Dichtbij", "Vitaal"};
  static constexpr std::string_view kSecond[] = {"kracht", "punt",  "huis",  "net",  "werk",  "wijzer",
                                                 "plein",  "kompas", "brug", "kring", "lijn", "kamer"};
  constexpr std::uint32_t kCombinations = 12U * 12U;
  const std::uint32_t k = label % kCombinations;
  std::string name;
  name.append(kFirst[k / 12U]);
  name.append(kSecond[k % 12U]);
  if (label >= kCombinations) {
    name.append(" ");
    name.append(std::to_string(label / kCombinations + 1U));
  }
  return name;
}

}  // namespace wijksim::models
