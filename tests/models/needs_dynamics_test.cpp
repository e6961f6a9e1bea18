// Each mechanism of the needs dynamics on its own (MODEL.md §4).
#include <catch2/catch.hpp>

#include <vector>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/needs_dynamics.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {
Parameters needs_defaults() {
  const ModelParameters declared;
  return declared.resolve(declared.defaults());
}
NeedsParameters quiet(const Parameters& p) {
  NeedsParameters n = p.needs;
  n.event_rate_per_year.fill(0.0);  // no life events unless a test wants them
  return n;
}
engine::RandomStream stream(std::uint32_t entity = 1) {
  return engine::RandomStream(engine::RandomKey::from(5, 0), entity, engine::Tick{0}, 7);
}
NeedsState adult() {
  NeedsState s;
  s.age = 40.0F;
  s.household_kind = HouseholdKind::couple;
  s.own_strength = 0.5F;
  return s;
}
}  // namespace

TEST_CASE("drift pulls severity toward the baseline and faster with own strength", "[needs]") {
  const auto p = needs_defaults();
  const auto n = quiet(p);
  auto weak = adult();
  weak.severity[index(Domain::finances)] = 0.45F;  // below the spillover threshold
  weak.baseline[index(Domain::finances)] = 0.1F;
  weak.own_strength = 0.0F;
  auto strong = weak;
  strong.own_strength = 1.0F;
  auto s1 = stream();
  auto s2 = stream();
  (void)advance_needs(weak, n, p.informal, s1);
  (void)advance_needs(strong, n, p.informal, s2);
  const float start = 0.45F;
  CHECK(weak.severity[index(Domain::finances)] < start);
  CHECK(strong.severity[index(Domain::finances)] < weak.severity[index(Domain::finances)]);
  CHECK(weak.severity[index(Domain::finances)] > 0.1F);
  // Exactly the documented rate: gap closed by drift × (1 + gain × strength).
  const double expected = 0.45 - n.drift_per_week * (0.45 - 0.1);
  CHECK(weak.severity[index(Domain::finances)] == Approx(expected).epsilon(1e-5));
}

TEST_CASE("spillover raises the linked domains and only them", "[needs]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  auto s = adult();
  s.severity[index(Domain::finances)] = 0.9F;  // debt well above the threshold
  auto rs = stream();
  (void)advance_needs(s, n, p.informal, rs);
  CHECK(s.severity[index(Domain::mental_health)] > 0.0F);  // debt -> mental health
  CHECK(s.severity[index(Domain::housing)] > 0.0F);        // debt -> housing
  CHECK(s.severity[index(Domain::family)] > 0.0F);         // debt -> parenting
  CHECK(s.severity[index(Domain::addiction)] == 0.0F);     // no link from finances
  CHECK(s.severity[index(Domain::physical_health)] == 0.0F);
  CHECK(s.severity[index(Domain::social_network)] == 0.0F);
  const double expected = n.spillover_per_week * n.spillover[index(Domain::finances)][index(Domain::mental_health)] *
                          (0.9 - n.spillover_threshold);
  CHECK(s.severity[index(Domain::mental_health)] == Approx(expected).epsilon(1e-5));
}

TEST_CASE("below the threshold nothing spills over", "[needs]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  auto s = adult();
  s.severity[index(Domain::addiction)] = static_cast<float>(n.spillover_threshold) - 0.01F;
  auto rs = stream();
  (void)advance_needs(s, n, p.informal, rs);
  CHECK(s.severity[index(Domain::finances)] == 0.0F);
  CHECK(s.severity[index(Domain::family)] == 0.0F);
}

TEST_CASE("a parent's trouble lands on the children's family and mental domains", "[needs]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  NeedsState child;
  child.age = 8.0F;
  child.household_kind = HouseholdKind::single_parent;
  child.household_adult_trouble = 0.4F;
  auto adult_in_same_home = adult();
  adult_in_same_home.household_adult_trouble = 0.4F;
  auto s1 = stream();
  auto s2 = stream();
  (void)advance_needs(child, n, p.informal, s1);
  (void)advance_needs(adult_in_same_home, n, p.informal, s2);
  CHECK(child.severity[index(Domain::family)] > 0.0F);
  CHECK(child.severity[index(Domain::mental_health)] > 0.0F);
  CHECK(child.baseline[index(Domain::family)] > 0.0F);  // passed on to the next generation
  CHECK(child.severity[index(Domain::finances)] == 0.0F);
  CHECK(adult_in_same_home.severity[index(Domain::family)] == 0.0F);  // the push is on the children
}

TEST_CASE("informal help lowers lay-helpable domains, barely the specialist ones", "[needs][informal]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  n.spillover_per_week = 0.0;
  auto helped = adult();
  helped.severity[index(Domain::social_network)] = 0.7F;
  helped.severity[index(Domain::addiction)] = 0.7F;
  helped.hours_needed = 10.0F;
  helped.help_received = 10.0F;
  auto alone = helped;
  alone.help_received = 0.0F;
  auto s1 = stream();
  auto s2 = stream();
  (void)advance_needs(helped, n, p.informal, s1);
  (void)advance_needs(alone, n, p.informal, s2);
  const float social_gain = alone.severity[index(Domain::social_network)] - helped.severity[index(Domain::social_network)];
  const float addiction_gain = alone.severity[index(Domain::addiction)] - helped.severity[index(Domain::addiction)];
  CHECK(social_gain > 0.0F);
  CHECK(addiction_gain >= 0.0F);
  CHECK(social_gain > 10.0F * addiction_gain);
}

TEST_CASE("overburden raises the carer's own mental and physical severity", "[needs][informal]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  auto carer = adult();
  carer.burden = 0.95F;
  auto rested = adult();
  rested.burden = 0.1F;
  auto s1 = stream();
  auto s2 = stream();
  (void)advance_needs(carer, n, p.informal, s1);
  (void)advance_needs(rested, n, p.informal, s2);
  CHECK(carer.severity[index(Domain::mental_health)] > 0.0F);
  CHECK(carer.severity[index(Domain::physical_health)] > 0.0F);
  CHECK(rested.severity[index(Domain::mental_health)] == 0.0F);
}

TEST_CASE("life events hit their domains, by age and situation", "[needs][events]") {
  const auto p = needs_defaults();
  auto s = adult();
  apply_life_event(s, static_cast<std::size_t>(LifeEvent::job_loss), p.needs);
  CHECK(s.severity[index(Domain::work_daytime)] == Approx(p.needs.event_shock[0]));
  CHECK(s.severity[index(Domain::finances)] > 0.0F);
  CHECK(s.severity[index(Domain::addiction)] == 0.0F);

  auto poor = adult();
  poor.severity[index(Domain::finances)] = 0.7F;
  const auto rich_prob = life_event_probabilities(adult(), p.needs);
  const auto poor_prob = life_event_probabilities(poor, p.needs);
  CHECK(rich_prob[static_cast<std::size_t>(LifeEvent::eviction_notice)] == 0.0);
  CHECK(poor_prob[static_cast<std::size_t>(LifeEvent::eviction_notice)] > 0.0);
  CHECK(poor_prob[static_cast<std::size_t>(LifeEvent::debt_shock)] > rich_prob[static_cast<std::size_t>(LifeEvent::debt_shock)]);
  NeedsState child;
  child.age = 10.0F;
  for (const double q : life_event_probabilities(child, p.needs)) CHECK(q == 0.0);
  auto old = adult();
  old.age = 80.0F;
  CHECK(life_event_probabilities(old, p.needs)[1] > rich_prob[1]);  // illness rises with age
  CHECK(life_event_probabilities(old, p.needs)[0] == 0.0);          // no job to lose
}

TEST_CASE("crossing the crisis threshold opens one episode and one incident", "[needs][incidents]") {
  const auto p = needs_defaults();
  auto n = quiet(p);
  n.drift_per_week = 0.0;
  n.spillover_per_week = 0.0;
  auto s = adult();
  s.severity[index(Domain::housing)] = 0.9F;
  auto rs = stream();
  const auto first = advance_needs(s, n, p.informal, rs);
  CHECK(first.new_crises == (1U << index(Domain::housing)));
  const auto second = advance_needs(s, n, p.informal, rs);
  CHECK(second.new_crises == 0);  // still the same episode
  s.severity[index(Domain::housing)] = 0.5F;  // recovered below the hysteresis band
  (void)advance_needs(s, n, p.informal, rs);
  s.severity[index(Domain::housing)] = 0.85F;
  CHECK(advance_needs(s, n, p.informal, rs).new_crises == (1U << index(Domain::housing)));

  IncidentKind kind{};
  CHECK(incident_for(Domain::housing, 40.0F, kind));
  CHECK(kind == IncidentKind::eviction);
  CHECK(incident_for(Domain::family, 9.0F, kind));
  CHECK(kind == IncidentKind::out_of_home_placement);
  CHECK(incident_for(Domain::mental_health, 30.0F, kind));
  CHECK(kind == IncidentKind::crisis_admission);
  CHECK_FALSE(incident_for(Domain::finances, 30.0F, kind));
}

TEST_CASE("a block of residents steps exactly as each resident alone", "[needs][block]") {
  // The model steps residents in blocks, domain by domain (advance_needs_block); a block must
  // give every resident the same bits as stepping them one at a time, whatever the mix.
  const auto p = needs_defaults();
  const NeedsConstants constants(p.needs, p.informal, 0.02F, 0.5F);
  constexpr std::size_t n = 203;  // not a multiple of the vector width
  std::vector<NeedsState> alone(n);
  engine::RandomStream setup(engine::RandomKey::from(9, 0), 0, engine::Tick{0}, 1);
  const auto u = [&setup] { return static_cast<float>(engine::uniform01(setup)); };
  for (std::size_t i = 0; i < n; ++i) {
    NeedsState& s = alone[i];
    s.age = 90.0F * u();
    s.household_kind = static_cast<HouseholdKind>(i % kHouseholdKindCount);
    s.own_strength = u();
    s.hours_needed = i % 3 == 0 ? 0.0F : 10.0F * u();
    s.help_received = i % 4 == 0 ? 0.0F : 6.0F * u();
    s.burden = u();
    s.household_adult_trouble = i % 2 == 0 ? 0.0F : 0.4F * u();
    s.crisis_flags = static_cast<std::uint8_t>(i * 37U);
    s.care_baseline_learning = 0.02F;
    s.care_floor_share = 0.5F;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      s.severity[d] = u();
      s.baseline[d] = 0.6F * u();
      s.care_relief[d] = (i + d) % 5 == 0 ? 0.3F * u() : 0.0F;
      s.extra_drift[d] = (i + d) % 7 == 0 ? 0.02F * u() : 0.0F;
    }
  }
  std::vector<NeedsState> together = alone;
  const auto key = engine::RandomKey::from(3, 1);
  std::vector<NeedsOutcome> expected(n);
  for (std::size_t i = 0; i < n; ++i) {
    engine::RandomStream s(key, static_cast<std::uint32_t>(i), engine::Tick{5}, 2);
    expected[i] = advance_needs(alone[i], p.needs, p.informal, s);
  }

  for (std::size_t first = 0; first < n; first += kNeedsBlockMax) {
    const std::size_t size = std::min(kNeedsBlockMax, n - first);
    std::array<std::vector<float>, kDomainCount> sev, base, relief, extra;
    std::vector<float> age, strength, needed, received, burden, trouble;
    std::vector<HouseholdKind> kind;
    std::vector<std::uint8_t> flags, crises(size), event(size);
    std::vector<engine::RandomStream> streams;
    for (std::size_t k = 0; k < size; ++k) {
      const NeedsState& s = together[first + k];
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        sev[d].push_back(s.severity[d]);
        base[d].push_back(s.baseline[d]);
        relief[d].push_back(s.care_relief[d]);
        extra[d].push_back(s.extra_drift[d]);
      }
      age.push_back(s.age);
      kind.push_back(s.household_kind);
      strength.push_back(s.own_strength);
      needed.push_back(s.hours_needed);
      received.push_back(s.help_received);
      burden.push_back(s.burden);
      trouble.push_back(s.household_adult_trouble);
      flags.push_back(s.crisis_flags);
      streams.emplace_back(key, static_cast<std::uint32_t>(first + k), engine::Tick{5}, 2);
    }
    NeedsBlock b;
    b.size = size;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      b.severity[d] = sev[d].data();
      b.baseline[d] = base[d].data();
      b.care_relief[d] = relief[d].data();
      b.extra_drift[d] = extra[d].data();
    }
    b.age = age.data();
    b.household_kind = kind.data();
    b.own_strength = strength.data();
    b.hours_needed = needed.data();
    b.help_received = received.data();
    b.burden = burden.data();
    b.household_adult_trouble = trouble.data();
    b.crisis_flags = flags.data();
    b.life_event_streams = streams.data();
    b.new_crises = crises.data();
    b.life_event = event.data();
    advance_needs_block(b, constants);
    for (std::size_t k = 0; k < size; ++k) {
      const std::size_t i = first + k;
      INFO("resident " << i);
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        REQUIRE(sev[d][k] == alone[i].severity[d]);
        REQUIRE(base[d][k] == alone[i].baseline[d]);
      }
      REQUIRE(flags[k] == alone[i].crisis_flags);
      REQUIRE(crises[k] == expected[i].new_crises);
      REQUIRE(event[k] == expected[i].life_event);
    }
  }
}
