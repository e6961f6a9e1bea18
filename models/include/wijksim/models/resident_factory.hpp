#pragma once
// Creates households and their residents: the synthetic neighbourhood generator at the start
// of a run, and the source of in-movers during it ("movers carry their needs": an in-moving
// household is drawn from the same distribution, shifted by
// demography.in_mover_vulnerability_shift).
//
// Needs are clustered (S1 SF2–SF3): each household draws a latent vulnerability, members share
// it with correlation population.household_correlation, and each domain's baseline deviates
// from the member's latent by population.domain_noise. Domains apply by age and household
// (a child has no debts of its own; physical needs rise with age).
#include <cstdint>
#include <vector>

#include "wijksim/engine/random.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"

namespace wijksim::models {

class ResidentFactory {
 public:
  ResidentFactory(const Parameters& parameters, engine::RandomKey key) noexcept
      : p_(&parameters), key_(key) {}

  /// Appends a household living in `dwelling` and its members (spawned at the end of the
  /// stores). Draws come from the stream (dwelling, tick, purpose): one household per dwelling
  /// per tick. Returns the new household's slot. Does not touch the network.
  std::uint32_t create_household(Population& population, std::uint32_t dwelling, engine::Tick tick,
                                 double vulnerability_shift) const;

  /// Appends a newborn to household slot `household` (birth). Returns the resident slot.
  std::uint32_t add_newborn(Population& population, std::uint32_t household, engine::Tick tick,
                            std::uint32_t entity) const;

 private:
  struct Member {
    float age;
  };
  std::uint32_t add_resident(Population& population, std::uint32_t household, float age,
                             double latent_logit, HouseholdKind kind, engine::Tick tick,
                             engine::RandomStream& stream) const;

  const Parameters* p_;
  engine::RandomKey key_;
};

/// Generates the whole city: dwellings in blocks in neighbourhoods, households in the occupied
/// dwellings, the membership index and the social network. Deterministic in (parameters, key).
void generate_city(Population& population, const Parameters& parameters, engine::RandomKey key);

/// Relative weight of each domain for a resident of this age in this kind of household
/// (0 = the domain does not apply).
[[nodiscard]] float domain_applicability(Domain domain, float age, HouseholdKind kind) noexcept;

}  // namespace wijksim::models
