#pragma once
// The social network of MODEL.md §5 on the engine's CSR network: kin within households (kind
// household) and between households (kin), neighbours on the same block, and friends by
// homophily in age and background (a small world). The most vulnerable end up with fewer and
// weaker ties (S0 SF9): friend and neighbour ties are dropped with a probability, and weakened,
// in proportion to the latent vulnerability of the more vulnerable end.
//
// Tie weights: household 1.0, kin 0.8, friend 0.5, neighbour 0.3 (assumption: closeness
// orders who is asked first and who says yes).
#include <cstdint>
#include <vector>

#include "wijksim/engine/network.hpp"
#include "wijksim/engine/random.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"

namespace wijksim::models {

inline constexpr float kTieWeight[kTieKindCount] = {1.0F, 0.8F, 0.3F, 0.5F};

/// The network at the start of a run (residents in slot order).
[[nodiscard]] engine::Network build_initial_network(const Population& population, const NetworkParameters& p,
                                                    engine::RandomKey key);

/// Ties of the members of a household that just moved in (household slot `hh`, members are
/// the last slots): household ties, maybe kin in the neighbourhood, neighbours on the block,
/// friends among the alike. Draws from stream (dwelling, tick, kPurposeNewTies).
[[nodiscard]] std::vector<engine::EdgeSpec> ties_for_new_household(const Population& population, std::uint32_t hh,
                                                                   const NetworkParameters& p, engine::RandomKey key,
                                                                   engine::Tick tick);

/// Household ties of a newborn (resident slot `child`) to the other members.
[[nodiscard]] std::vector<engine::EdgeSpec> ties_for_newborn(const Population& population, std::uint32_t child);

}  // namespace wijksim::models
