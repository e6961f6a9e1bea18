// Every scenario shipped in scenarios/ loads and runs at small scale (300 dwellings) through
// ScenarioRun, over a horizon just past its last scheduled change (1 year without one), and its
// schedule takes effect.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "run_program.hpp"
#include "wijksim/scenarios/headline_figures.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
namespace fs = std::filesystem;

namespace {

// One TEST_CASE per file below; this list must name every file in scenarios/ (checked).
const std::set<std::string> kTested{
    "budget_cut", "escalation_officer", "eviction_prevention", "expert",       "family_group_conference",
    "neighbourhood_coach", "no_services", "one_plan", "reference", "regime_switch", "wraparound",
    // The 2x2 of care x funding regimes, and the practices that run on projects.
    "expert_carousel", "expert_durable", "wraparound_carousel", "wraparound_durable", "living_room",
    "services_marketplace", "veerkracht_carnisse", "frontline_team_nieuw_voor_oud", "wij_breda"};

fs::path shipped(const std::string& stem) { return fs::path(WIJKSIM_SHIPPED_SCENARIOS) / (stem + ".toml"); }

/// The regime settings a schedule may change, as the model reads them.
std::vector<double> regime_of(const models::Parameters& p) {
  const auto& c = p.care;
  return {c.fte_scale, c.integration, c.outreach, static_cast<double>(c.max_professionals_per_household), c.network_activation,
          c.discretionary_budget, c.front_load, c.per_product_payment, c.team_fte_per_1000_residents};
}

void smoke(const std::string& stem) {
  const fs::path path = shipped(stem);
  INFO(path.string());
  // A header comment that says where the scenario comes from.
  const std::string text = cli::testing::read_file(path);
  CHECK(text.rfind("# ", 0) == 0);
  CHECK(std::regex_search(text, std::regex(R"(S[0-4](:L[0-9]+| SF[0-9]+)|MODEL\.md)")));

  const std::string small = "population.dwellings_per_neighbourhood=300";
  const Scenario as_shipped = load_model_scenario(path, {small});
  double last_year = 0.0;
  for (const auto& change : as_shipped.schedule) last_year = std::max(last_year, change.year);
  // A change in year y applies at the start of that year: the run must go past it.
  const int years = static_cast<int>(std::floor(last_year)) + 1;
  const Scenario scenario = load_model_scenario(path, {small, "run.years=" + std::to_string(years)});
  REQUIRE(scenario.schedule.size() == as_shipped.schedule.size());

  ScenarioRun run(scenario, 1, 0);
  const auto start = regime_of(run.model().parameters());
  HeadlineFiguresObserver observer(run.model());
  engine::Observer* observers[] = {&observer};
  const auto result = run.run(1, observers);
  CHECK_FALSE(result.stopped_early);
  CHECK(result.next_tick == run.end());

  const HeadlineFigures f = observer.figures();
  CHECK(f.recorded_weeks == 52 * years);
  CHECK(f.residents > 300.0);
  for (const auto& m : headline_measures()) {
    INFO(m.id);
    CHECK(std::isfinite(m.value(f)));
    CHECK(m.value(f) >= 0.0);
  }
  CHECK(f.crisis_share <= 1.0);
  CHECK(f.vulnerable_share <= 1.0);
  const bool has_services = run.model().parameters().care.fte_scale > 0.0;
  CHECK((f.professional_hours_per_year > 0.0) == has_services);

  // The schedule took effect: the model ends with the values of the last scheduled change.
  engine::ParameterSetBuilder end(scenario.parameters);
  for (const auto& change : scenario.schedule) end.set(change.parameter_index, change.value);
  const auto expected = regime_of(model_parameters().resolve(std::move(end).freeze()));
  CHECK(regime_of(run.model().parameters()) == expected);
  if (!scenario.schedule.empty()) CHECK(expected != start);
}

}  // namespace

TEST_CASE("every file in scenarios/ has a smoke test here", "[scenarios][shipped]") {
  std::set<std::string> present;
  for (const auto& entry : fs::directory_iterator(WIJKSIM_SHIPPED_SCENARIOS)) {
    if (entry.path().extension() == ".toml") present.insert(entry.path().stem().string());
  }
  CHECK(present == kTested);
}

#define WIJKSIM_SHIPPED_SCENARIO_TEST(stem) \
  TEST_CASE("shipped scenario " stem ".toml loads and runs", "[scenarios][shipped]") { smoke(stem); }

WIJKSIM_SHIPPED_SCENARIO_TEST("reference")
WIJKSIM_SHIPPED_SCENARIO_TEST("expert")
WIJKSIM_SHIPPED_SCENARIO_TEST("wraparound")
WIJKSIM_SHIPPED_SCENARIO_TEST("no_services")
WIJKSIM_SHIPPED_SCENARIO_TEST("budget_cut")
WIJKSIM_SHIPPED_SCENARIO_TEST("regime_switch")
WIJKSIM_SHIPPED_SCENARIO_TEST("neighbourhood_coach")
WIJKSIM_SHIPPED_SCENARIO_TEST("family_group_conference")
WIJKSIM_SHIPPED_SCENARIO_TEST("one_plan")
WIJKSIM_SHIPPED_SCENARIO_TEST("eviction_prevention")
WIJKSIM_SHIPPED_SCENARIO_TEST("escalation_officer")
WIJKSIM_SHIPPED_SCENARIO_TEST("expert_carousel")
WIJKSIM_SHIPPED_SCENARIO_TEST("expert_durable")
WIJKSIM_SHIPPED_SCENARIO_TEST("wraparound_carousel")
WIJKSIM_SHIPPED_SCENARIO_TEST("wraparound_durable")
WIJKSIM_SHIPPED_SCENARIO_TEST("living_room")
WIJKSIM_SHIPPED_SCENARIO_TEST("services_marketplace")
WIJKSIM_SHIPPED_SCENARIO_TEST("veerkracht_carnisse")
WIJKSIM_SHIPPED_SCENARIO_TEST("frontline_team_nieuw_voor_oud")
WIJKSIM_SHIPPED_SCENARIO_TEST("wij_breda")
