#include "wijksim/models/resident_factory.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/random_purpose.hpp"
#include "wijksim/models/social_network.hpp"

namespace wijksim::models {
namespace {

float clamp01(double v) noexcept { return static_cast<float>(std::clamp(v, 0.0, 1.0)); }
double logistic(double x) noexcept { return 1.0 / (1.0 + std::exp(-x)); }

HouseholdKind draw_kind(engine::RandomStream& s, const PopulationParameters& p) {
  const std::span<const double> shares(p.household_kind_share);
  return static_cast<HouseholdKind>(engine::categorical(s, shares));
}

}  // namespace

float domain_applicability(Domain domain, float age, HouseholdKind kind) noexcept {
  const bool adult = age >= 18.0F;
  const bool has_children = kind == HouseholdKind::couple_with_children || kind == HouseholdKind::single_parent;
  switch (domain) {
    case Domain::finances:
    case Domain::housing:
      return adult ? 1.0F : 0.0F;
    case Domain::work_daytime:
      if (age < 5.0F) return 0.0F;
      if (age < 18.0F) return 0.4F;  // school attendance
      return age < 67.0F ? 1.0F : 0.3F;
    case Domain::family:
      if (!adult) return 1.0F;
      if (has_children) return 1.0F;
      return kind == HouseholdKind::single_adult || kind == HouseholdKind::elderly_single ? 0.3F : 0.6F;
    case Domain::mental_health:
      return age < 12.0F ? 0.5F : 1.0F;
    case Domain::physical_health:
      return 0.3F + 0.9F * std::max(0.0F, (age - 50.0F) / 40.0F);
    case Domain::addiction:
      return age < 16.0F ? 0.0F : 0.7F;
    case Domain::social_network:
      if (!adult) return 0.5F;
      return age >= 75.0F ? 1.2F : 1.0F;
  }
  return 0.0F;
}

std::uint32_t ResidentFactory::add_resident(Population& population, std::uint32_t household, float age,
                                            double latent_logit, HouseholdKind kind, engine::Tick tick,
                                            engine::RandomStream& s) const {
  auto& residents = population.residents;
  (void)residents.spawn();
  const auto slot = static_cast<std::uint32_t>(residents.size() - 1);
  const auto& pp = p_->population;
  const auto& ip = p_->informal;
  const double latent = logistic(latent_logit);
  residents.values(population.r.age_years)[slot] = age;
  residents.values(population.r.household)[slot] = household;
  residents.values(population.r.moved_in_tick)[slot] = tick.value();
  residents.values(population.r.latent)[slot] = static_cast<float>(latent);
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const double domain_logit = latent_logit + pp.domain_noise * engine::normal(s, 0.0, 1.0);
    // Squaring keeps most baselines near zero while the vulnerable tail stays high (S1 SF2).
    const double v = logistic(domain_logit);
    const double base = pp.baseline_scale * static_cast<double>(domain_applicability(static_cast<Domain>(d), age, kind)) * v * v;
    const float baseline = static_cast<float>(std::min(0.95, base));
    residents.values(population.r.baseline[d])[slot] = baseline;
    // Start near the baseline, some residents with a recent setback.
    const double setback = engine::bernoulli(s, 0.15) ? engine::uniform(s, 0.0, 0.3) * (baseline > 0.0F ? 1.0 : 0.0) : 0.0;
    residents.values(population.r.severity[d])[slot] = clamp01(static_cast<double>(baseline) + setback);
  }
  residents.values(population.r.own_strength)[slot] = clamp01(1.0 - latent + engine::normal(s, 0.0, 0.15));
  residents.values(population.r.reluctance)[slot] =
      clamp01(ip.reluctance_mean + ip.reluctance_spread * engine::normal(s, 0.0, 1.0) + 0.2 * (latent - 0.5));
  residents.values(population.r.trust)[slot] = clamp01(0.6 - 0.3 * latent + engine::normal(s, 0.0, 0.15));
  residents.values(population.r.willingness)[slot] =
      clamp01(ip.willingness_mean + ip.willingness_spread * engine::normal(s, 0.0, 1.0) - 0.2 * (latent - 0.5));
  if (age >= 18.0F && age < 80.0F) {
    const double w = residents.values(population.r.willingness)[slot];
    const double start = ip.volunteer_start_per_year * w;
    const double stationary = start + ip.volunteer_stop_per_year > 0.0 ? start / (start + ip.volunteer_stop_per_year) : 0.0;
    residents.values(population.r.is_volunteer)[slot] = engine::bernoulli(s, stationary) ? 1 : 0;
  }
  return slot;
}

std::uint32_t ResidentFactory::create_household(Population& population, std::uint32_t dwelling,
                                                engine::Tick tick, double vulnerability_shift) const {
  engine::RandomStream s(key_, dwelling, tick, kPurposeGenerateHousehold);
  const auto& pp = p_->population;
  auto& households = population.households;
  (void)households.spawn();
  const auto hh = static_cast<std::uint32_t>(households.size() - 1);
  const HouseholdKind kind = draw_kind(s, pp);
  households.values(population.h.dwelling)[hh] = dwelling;
  households.values(population.h.block)[hh] = population.dwelling_block[dwelling];
  households.values(population.h.neighbourhood)[hh] = population.dwelling_neighbourhood[dwelling];
  households.values(population.h.kind)[hh] = static_cast<std::uint8_t>(kind);
  households.values(population.h.moved_in_tick)[hh] = tick.value();
  population.dwelling_household[dwelling] = hh;

  const double household_z = engine::normal(s, 0.0, 1.0);
  const double rho = pp.household_correlation;
  const double intercept = pp.vulnerability_mean + pp.deprivation_vulnerability * pp.deprivation + vulnerability_shift;
  auto member_logit = [&] {
    const double z = rho * household_z + std::sqrt(1.0 - rho * rho) * engine::normal(s, 0.0, 1.0);
    return intercept + pp.vulnerability_spread * z;
  };
  auto add = [&](float age) { (void)add_resident(population, hh, age, member_logit(), kind, tick, s); };
  auto adult_age = [&](double lo, double hi) { return static_cast<float>(engine::uniform(s, lo, hi)); };
  auto add_children = [&](float parent_age) {
    const std::uint32_t extra = engine::poisson(s, std::max(0.0, pp.mean_children - 1.0));
    const std::uint32_t children = std::min<std::uint32_t>(6, 1 + extra);
    const double oldest = std::min(17.9, static_cast<double>(parent_age) - 18.0);
    for (std::uint32_t c = 0; c < children; ++c) add(static_cast<float>(engine::uniform(s, 0.0, std::max(0.5, oldest))));
  };
  switch (kind) {
    case HouseholdKind::single_adult: add(adult_age(20, 66)); break;
    case HouseholdKind::couple: {
      const float a = adult_age(22, 64);
      add(a);
      add(std::clamp(a + static_cast<float>(engine::normal(s, 0.0, 3.0)), 18.0F, 66.0F));
      break;
    }
    case HouseholdKind::couple_with_children: {
      const float a = adult_age(25, 50);
      add(a);
      add(std::clamp(a + static_cast<float>(engine::normal(s, 0.0, 3.0)), 20.0F, 60.0F));
      add_children(a);
      break;
    }
    case HouseholdKind::single_parent: {
      const float a = adult_age(22, 50);
      add(a);
      add_children(a);
      break;
    }
    case HouseholdKind::elderly_single: add(adult_age(66, 95)); break;
    case HouseholdKind::elderly_couple: {
      const float a = adult_age(66, 90);
      add(a);
      add(std::clamp(a + static_cast<float>(engine::normal(s, 0.0, 3.0)), 66.0F, 98.0F));
      break;
    }
  }
  return hh;
}

std::uint32_t ResidentFactory::add_newborn(Population& population, std::uint32_t household, engine::Tick tick,
                                           std::uint32_t entity) const {
  engine::RandomStream s(key_, entity, tick, kPurposeNewborn);
  const auto& pp = p_->population;
  // A newborn inherits the household's vulnerability through the mean latent of its members.
  double latent_sum = 0.0;
  const auto members = population.members(household);
  for (const std::uint32_t m : members) latent_sum += static_cast<double>(population.residents.values(population.r.latent)[m]);
  const double mean_latent = members.empty() ? 0.3 : latent_sum / static_cast<double>(members.size());
  const double clipped = std::clamp(mean_latent, 0.01, 0.99);
  const double logit = std::log(clipped / (1.0 - clipped)) +
                       pp.vulnerability_spread * std::sqrt(1.0 - pp.household_correlation * pp.household_correlation) *
                           engine::normal(s, 0.0, 1.0);
  const auto kind = static_cast<HouseholdKind>(population.households.values(population.h.kind)[household]);
  return add_resident(population, household, 0.0F, logit, kind, tick, s);
}

void generate_city(Population& population, const Parameters& parameters, engine::RandomKey key) {
  const auto& pp = parameters.population;
  const auto neighbourhoods = static_cast<std::uint32_t>(pp.neighbourhoods);
  const auto per_neighbourhood = static_cast<std::uint32_t>(pp.dwellings_per_neighbourhood);
  const auto per_block = static_cast<std::uint32_t>(pp.dwellings_per_block);
  const std::uint32_t blocks_per_neighbourhood = (per_neighbourhood + per_block - 1) / per_block;
  const std::uint32_t dwellings = neighbourhoods * per_neighbourhood;
  population.dwelling_block.resize(dwellings);
  population.dwelling_neighbourhood.resize(dwellings);
  population.dwelling_household.assign(dwellings, Population::kVacant);
  population.block_count = neighbourhoods * blocks_per_neighbourhood;
  population.neighbourhood_count = static_cast<std::uint16_t>(neighbourhoods);
  for (std::uint32_t d = 0; d < dwellings; ++d) {
    const std::uint32_t n = d / per_neighbourhood;
    population.dwelling_neighbourhood[d] = static_cast<std::uint16_t>(n);
    population.dwelling_block[d] = n * blocks_per_neighbourhood + (d % per_neighbourhood) / per_block;
  }
  const ResidentFactory factory(parameters, key);
  const engine::Tick start{0};
  for (std::uint32_t d = 0; d < dwellings; ++d) {
    engine::RandomStream occupancy(key, d, start, kPurposeMoveIn);
    if (!engine::bernoulli(occupancy, pp.occupancy)) continue;
    (void)factory.create_household(population, d, start, 0.0);
  }
  population.rebuild_membership();
  population.network = engine::TrackedNetwork(build_initial_network(population, parameters.network, key));
}

}  // namespace wijksim::models
