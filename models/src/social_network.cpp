#include "wijksim/models/social_network.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/random_purpose.hpp"

namespace wijksim::models {
namespace {

engine::EdgeSpec tie(std::uint32_t a, std::uint32_t b, TieKind kind, float weight) {
  return engine::EdgeSpec{a, b, static_cast<std::uint8_t>(kind), weight};
}

/// Applies vulnerable tie loss to a friend or neighbour tie: false if the tie is lost,
/// otherwise its weight is reduced.
bool survives_vulnerability(engine::EdgeSpec& e, const Population& population, const NetworkParameters& p,
                            engine::RandomStream& s) {
  const auto latent = population.residents.values(population.r.latent);
  const float worst = std::max(latent[e.source], latent[e.target]);
  if (engine::bernoulli(s, p.vulnerable_tie_loss * static_cast<double>(worst))) return false;
  e.weight *= 1.0F - 0.5F * static_cast<float>(p.vulnerable_tie_loss) * worst;
  return true;
}

void household_ties(const Population& population, std::uint32_t hh, std::vector<engine::EdgeSpec>& out) {
  const auto members = population.members(hh);
  for (std::size_t i = 0; i < members.size(); ++i) {
    for (std::size_t j = i + 1; j < members.size(); ++j) {
      out.push_back(tie(members[i], members[j], TieKind::household, kTieWeight[0]));
    }
  }
}

std::uint32_t first_adult(const Population& population, std::uint32_t hh) {
  const auto age = population.residents.values(population.r.age_years);
  for (const std::uint32_t m : population.members(hh)) {
    if (age[m] >= 18.0F) return m;
  }
  const auto members = population.members(hh);
  return members.empty() ? UINT32_MAX : members.front();
}

}  // namespace

engine::Network build_initial_network(const Population& population, const NetworkParameters& p,
                                      engine::RandomKey key) {
  const auto& residents = population.residents;
  const auto age = residents.values(population.r.age_years);
  const auto household_of = residents.values(population.r.household);
  const auto latent = residents.values(population.r.latent);
  const auto household_block = population.households.values(population.h.block);
  const auto household_neighbourhood = population.households.values(population.h.neighbourhood);
  const auto n_households = static_cast<std::uint32_t>(population.households.size());
  std::vector<engine::EdgeSpec> ties;

  for (std::uint32_t hh = 0; hh < n_households; ++hh) household_ties(population, hh, ties);

  // Kin in another household of the same neighbourhood (households of a neighbourhood are
  // contiguous slots at generation).
  std::vector<std::uint32_t> neighbourhood_begin(population.neighbourhood_count + 1U, n_households);
  for (std::uint32_t hh = n_households; hh-- > 0;) neighbourhood_begin[household_neighbourhood[hh]] = hh;
  for (std::size_t n = population.neighbourhood_count; n-- > 0;) {
    neighbourhood_begin[n] = std::min(neighbourhood_begin[n], neighbourhood_begin[n + 1]);
  }
  for (std::uint32_t hh = 0; hh < n_households; ++hh) {
    engine::RandomStream s(key, hh, engine::Tick{0}, kPurposeKinLink);
    if (!engine::bernoulli(s, p.kin_link_probability)) continue;
    const std::uint32_t n = household_neighbourhood[hh];
    const std::uint32_t begin = neighbourhood_begin[n];
    const std::uint32_t count = neighbourhood_begin[n + 1] - begin;
    if (count < 2) continue;
    std::uint32_t other = begin + engine::uniform_index(s, count - 1);
    if (other >= hh) ++other;
    const std::uint32_t a = first_adult(population, hh);
    const std::uint32_t b = first_adult(population, other);
    if (a != UINT32_MAX && b != UINT32_MAX) ties.push_back(tie(a, b, TieKind::kin, kTieWeight[1]));
  }

  // Adults, by neighbourhood (for friends) and by block (for neighbours).
  std::vector<std::uint32_t> adults;
  for (std::uint32_t i = 0; i < residents.size(); ++i) {
    if (age[i] >= 18.0F) adults.push_back(i);
  }
  std::vector<engine::EdgeSpec> optional_ties;
  {
    std::vector<std::uint32_t> block_of_adult(adults.size());
    for (std::size_t a = 0; a < adults.size(); ++a) block_of_adult[a] = household_block[household_of[adults[a]]];
    // Two extra per adult: the ring also meets the adult's own household members, dropped here.
    const auto ring = engine::spatial_neighbour_ties(block_of_adult, static_cast<std::uint32_t>(p.neighbour_ties) + 2U,
                                                     static_cast<std::uint8_t>(TieKind::neighbour), kTieWeight[2]);
    for (auto e : ring) {
      e.source = adults[e.source];
      e.target = adults[e.target];
      if (household_of[e.source] != household_of[e.target]) optional_ties.push_back(e);
    }
  }
  if (p.friend_ties > 0) {
    std::size_t begin = 0;
    while (begin < adults.size()) {
      const auto n = household_neighbourhood[household_of[adults[begin]]];
      std::size_t end = begin;
      while (end < adults.size() && household_neighbourhood[household_of[adults[end]]] == n) ++end;
      std::vector<double> likeness(end - begin);
      for (std::size_t a = begin; a < end; ++a) {
        likeness[a - begin] = 0.5 * static_cast<double>(age[adults[a]]) / 100.0 + 0.5 * static_cast<double>(latent[adults[a]]);
      }
      engine::SmallWorldSpec spec;
      spec.mean_degree = static_cast<std::uint32_t>(p.friend_ties);
      spec.rewire_probability = p.friend_rewire_probability;
      spec.homophily = p.homophily;
      spec.kind = static_cast<std::uint8_t>(TieKind::friend_tie);
      spec.weight = kTieWeight[3];
      for (auto e : engine::homophilous_small_world_ties(likeness, spec, key, kPurposeFriends + 1000U * n)) {
        e.source = adults[begin + e.source];
        e.target = adults[begin + e.target];
        if (household_of[e.source] != household_of[e.target]) optional_ties.push_back(e);
      }
      begin = end;
    }
  }
  for (std::size_t t = 0; t < optional_ties.size(); ++t) {
    auto e = optional_ties[t];
    engine::RandomStream s(key, static_cast<std::uint32_t>(t), engine::Tick{0}, kPurposeTieLoss);
    if (survives_vulnerability(e, population, p, s)) ties.push_back(e);
  }
  return engine::Network::from_ties(static_cast<std::uint32_t>(residents.size()), ties);
}

std::vector<engine::EdgeSpec> ties_for_new_household(const Population& population, std::uint32_t hh,
                                                     const NetworkParameters& p, engine::RandomKey key,
                                                     engine::Tick tick) {
  std::vector<engine::EdgeSpec> ties;
  household_ties(population, hh, ties);
  const auto households = population.households.values(population.h.dwelling);
  const std::uint32_t dwelling = households[hh];
  engine::RandomStream s(key, dwelling, tick, kPurposeNewTies);
  const auto age = population.residents.values(population.r.age_years);
  const auto latent = population.residents.values(population.r.latent);
  const auto per_block_dwellings = [&](std::uint32_t block) {
    std::vector<std::uint32_t> occupied;
    const auto first = static_cast<std::uint32_t>(
        std::lower_bound(population.dwelling_block.begin(), population.dwelling_block.end(), block) -
        population.dwelling_block.begin());
    for (std::uint32_t d = first; d < population.dwelling_block.size() && population.dwelling_block[d] == block; ++d) {
      const std::uint32_t other = population.dwelling_household[d];
      if (other != Population::kVacant && other != hh) occupied.push_back(other);
    }
    return occupied;
  };
  const auto same_neighbourhood_dwellings = [&](std::uint16_t n) {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    const auto& dn = population.dwelling_neighbourhood;
    first = static_cast<std::uint32_t>(std::lower_bound(dn.begin(), dn.end(), n) - dn.begin());
    last = static_cast<std::uint32_t>(std::upper_bound(dn.begin(), dn.end(), n) - dn.begin());
    return std::pair{first, last};
  };
  const std::uint32_t me = first_adult(population, hh);
  if (me == UINT32_MAX) return ties;
  const std::uint16_t n = population.dwelling_neighbourhood[dwelling];
  const auto dwellings = same_neighbourhood_dwellings(n);  // not a structured binding: clang 14 cannot capture one
  const std::uint32_t first = dwellings.first;
  const std::uint32_t last = dwellings.second;
  auto random_household_in_neighbourhood = [&]() -> std::uint32_t {
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::uint32_t d = first + engine::uniform_index(s, last - first);
      const std::uint32_t other = population.dwelling_household[d];
      if (other != Population::kVacant && other != hh) return other;
    }
    return Population::kVacant;
  };
  if (engine::bernoulli(s, p.kin_link_probability)) {
    const std::uint32_t other = random_household_in_neighbourhood();
    if (other != Population::kVacant) {
      const std::uint32_t b = first_adult(population, other);
      if (b != UINT32_MAX) ties.push_back(tie(me, b, TieKind::kin, kTieWeight[1]));
    }
  }
  std::vector<engine::EdgeSpec> optional_ties;
  const auto block_households = per_block_dwellings(population.dwelling_block[dwelling]);
  for (std::uint32_t m : population.members(hh)) {
    if (age[m] < 18.0F) continue;
    if (!block_households.empty()) {
      for (int k = 0; k < p.neighbour_ties / 2; ++k) {
        const std::uint32_t other = block_households[engine::uniform_index(s, static_cast<std::uint32_t>(block_households.size()))];
        const std::uint32_t b = first_adult(population, other);
        if (b != UINT32_MAX) optional_ties.push_back(tie(m, b, TieKind::neighbour, kTieWeight[2]));
      }
    }
    // Friends: candidates drawn in the neighbourhood, accepted by likeness (homophily).
    const double mine = 0.5 * static_cast<double>(age[m]) / 100.0 + 0.5 * static_cast<double>(latent[m]);
    int made = 0;
    for (int attempt = 0; attempt < 4 * p.friend_ties && made < p.friend_ties / 2; ++attempt) {
      const std::uint32_t other = random_household_in_neighbourhood();
      if (other == Population::kVacant) continue;
      const std::uint32_t b = first_adult(population, other);
      if (b == UINT32_MAX) continue;
      const double theirs = 0.5 * static_cast<double>(age[b]) / 100.0 + 0.5 * static_cast<double>(latent[b]);
      const double accept = 1.0 - p.homophily * std::min(1.0, 4.0 * std::fabs(mine - theirs));
      if (!engine::bernoulli(s, accept)) continue;
      optional_ties.push_back(tie(m, b, TieKind::friend_tie, kTieWeight[3]));
      ++made;
    }
  }
  for (auto e : optional_ties) {
    if (survives_vulnerability(e, population, p, s)) ties.push_back(e);
  }
  return ties;
}

std::vector<engine::EdgeSpec> ties_for_newborn(const Population& population, std::uint32_t child) {
  std::vector<engine::EdgeSpec> ties;
  const auto hh = population.residents.values(population.r.household)[child];
  for (const std::uint32_t m : population.members(hh)) {
    if (m != child) ties.push_back(tie(m, child, TieKind::household, kTieWeight[0]));
  }
  return ties;
}

}  // namespace wijksim::models
