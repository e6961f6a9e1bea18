// The invariant checker (models/invariants.hpp): it catches deliberately broken states, one
// invariant at a time, and 50-year runs of a small neighbourhood with funding on (the durable
// and the carousel arm of the 2x2) keep every invariant after every tick.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "wijksim/models/invariants.hpp"
#include "wijksim/models/resident_factory.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {

Parameters small_city() {
  engine::ParameterSetBuilder b(scenarios::model_parameters().registry());
  b.set("population.dwellings_per_neighbourhood", std::int64_t{120});
  return scenarios::model_parameters().resolve(std::move(b).freeze());
}

/// A freshly generated city: every invariant holds.
struct City {
  Parameters p = small_city();
  Population pop;
  City() { generate_city(pop, p, engine::RandomKey::from(5, 0)); }
};

/// The invariant named by the violation that `f` throws (empty when nothing is thrown).
template <typename F>
std::string broken(F&& f) {
  try {
    f();
  } catch (const InvariantViolation& v) {
    CHECK(v.tick() == 7);
    CHECK_FALSE(v.entity().empty());
    CHECK(std::string(v.what()).find("after tick 7") != std::string::npos);
    return v.invariant();
  }
  return {};
}

constexpr engine::Tick kTick{7};

}  // namespace

TEST_CASE("a generated city keeps every invariant of people and households", "[invariants]") {
  City city;
  REQUIRE(city.pop.residents.size() > 100);
  CHECK_NOTHROW(check_people(city.pop, kTick));
  CHECK_NOTHROW(check_households(city.pop, kTick));
}

TEST_CASE("broken people are caught, naming the invariant and the resident", "[invariants]") {
  City city;
  auto& res = city.pop.residents;
  const auto& r = city.pop.r;
  SECTION("a severity that is not a number") {
    res.values(r.severity[3])[10] = std::numeric_limits<float>::quiet_NaN();
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "severity of " + std::string(kDomainNames[3]) + " in [0, 1]");
  }
  SECTION("a severity above 1") {
    res.values(r.severity[0])[4] = 1.5F;
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "severity of " + std::string(kDomainNames[0]) + " in [0, 1]");
  }
  SECTION("negative hours received") {
    res.values(r.help_received)[2] = -0.5F;
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "hours received >= 0");
  }
  SECTION("a carer giving more hours than they can") {
    res.values(r.help_capacity)[3] = 2.0F;
    res.values(r.hours_given)[3] = 3.0F;
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "carer's hours given <= hours they can give");
  }
  SECTION("an infinite age") {
    res.values(r.age_years)[1] = std::numeric_limits<float>::infinity();
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "age in [0, 150) years");
  }
  SECTION("a resident out of creation order (the recorder bisects on it)") {
    res.values(r.moved_in_tick)[20] = res.values(r.moved_in_tick)[21] + 1;
    CHECK(broken([&] { check_people(city.pop, kTick); }) ==
          "residents in creation order (moved-in tick never decreases along slots)");
  }
  SECTION("a removal left pending") {
    res.mark_removed(0);
    CHECK(broken([&] { check_people(city.pop, kTick); }) == "no resident removal pending between ticks");
  }
}

TEST_CASE("broken households are caught", "[invariants]") {
  City city;
  auto& pop = city.pop;
  auto household = pop.residents.values(pop.r.household);
  SECTION("a resident whose household does not exist") {
    household[5] = static_cast<std::uint32_t>(pop.households.size());
    CHECK(broken([&] { check_households(pop, kTick); }) == "every resident's household exists");
  }
  SECTION("a household without members") {
    const std::uint32_t emptied = household[0];
    const std::uint32_t other = emptied == 0 ? 1 : 0;
    for (auto& hh : household) {
      if (hh == emptied) hh = other;
    }
    pop.rebuild_membership();
    CHECK(broken([&] { check_households(pop, kTick); }) == "every household has at least one member");
  }
  SECTION("a membership index that was not rebuilt") {
    std::size_t mover = 0;  // someone who does not live alone: their household keeps a member
    while (pop.members(household[mover]).size() < 2) ++mover;
    household[mover] = household[mover] == 0 ? 1 : 0;
    CHECK(broken([&] { check_households(pop, kTick); }) == "the membership index matches the residents' household column");
  }
  SECTION("two households in one dwelling") {
    auto dwelling = pop.households.values(pop.h.dwelling);
    dwelling[1] = dwelling[0];
    CHECK(broken([&] { check_households(pop, kTick); }) == "each household lives in its own dwelling");
  }
  SECTION("negative discretionary budget") {
    pop.households.values(pop.h.budget_used)[2] = -1.0F;
    CHECK(broken([&] { check_households(pop, kTick); }) == "discretionary budget used >= 0");
  }
}

TEST_CASE("counts that do not add up are caught", "[invariants]") {
  DemographyCounts c;
  c.births = 2;
  c.deaths = 1;
  c.residents_moved_in = 3;
  c.residents_moved_out = 4;
  c.households_moved_in = 1;
  c.households_moved_out = 2;
  const PopulationCounts before{1000, 500};
  // 1000 + 2 + 3 - 1 - 4 - 1 placed = 999; households 500 + 1 - 2 - (0..6 left empty).
  CHECK_NOTHROW(check_conservation(before, {999, 499}, c, 1, kTick));
  CHECK_NOTHROW(check_conservation(before, {999, 497}, c, 1, kTick));
  CHECK(broken([&] { check_conservation(before, {1000, 499}, c, 1, kTick); }) ==
        "residents conserved: change = births + moved in - deaths - moved out - placed out of home");
  CHECK(broken([&] { check_conservation(before, {999, 500}, c, 1, kTick); }) ==
        "households conserved: change = moved in - moved out - left empty");
  CHECK(broken([&] { check_conservation(before, {999, 490}, c, 1, kTick); }) ==
        "households conserved: change = moved in - moved out - left empty");
}

namespace {

/// `years` recorded years of a shipped scenario on a small city with every invariant checked
/// after every tick (a violation throws out of the run and fails the test with its message).
std::int64_t checked_run(const std::string& scenario_file, int years, int dwellings, std::uint64_t seed) {
  const auto scenario = scenarios::load_model_scenario(
      std::string(WIJKSIM_SCENARIO_DIR) + "/" + scenario_file,
      {"run.years=" + std::to_string(years), "population.dwellings_per_neighbourhood=" + std::to_string(dwellings)});
  scenarios::ScenarioRun run(scenario, seed, 0);
  InvariantChecker invariants(run.model());
  std::vector<engine::Observer*> observers{&invariants};
  const auto result = run.run(2, observers);
  CHECK(result.next_tick == run.end());
  CHECK_FALSE(run.model().population().residents.empty());
  return invariants.ticks_checked();
}

}  // namespace

TEST_CASE("a model run keeps every invariant, funding off", "[invariants]") {
  CHECK(checked_run("wraparound.toml", 3, 200, 2) == 52 * 4);
}

TEST_CASE("50 years of wraparound care with durable funding keep every invariant", "[invariants][slow]") {
  CHECK(checked_run("wraparound_durable.toml", 50, 300, 1) == 52 * 51);
}

TEST_CASE("50 years of expert care with the project carousel keep every invariant", "[invariants][slow]") {
  CHECK(checked_run("expert_carousel.toml", 50, 300, 1) == 52 * 51);
}
