// Whole runs of shipped scenarios: schedules apply, care regimes switch, and results do not
// depend on the thread count.
#include <catch2/catch.hpp>

#include <filesystem>
#include <unordered_map>

#include "wijksim/models/care_figures.hpp"
#include "wijksim/models/informal_care.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;

namespace {
const std::filesystem::path kScenarios = WIJKSIM_SCENARIO_DIR;
const std::vector<std::string> kSmall{"population.dwellings_per_neighbourhood=500", "run.years=2"};

std::uint64_t checksum_of(const Scenario& scenario, int threads) {
  ScenarioRun run(scenario, 7, 0);
  (void)run.run(threads, {});
  return run.model().state_checksum();
}
}  // namespace

TEST_CASE("wraparound runs bit-identically at 1, 2 and 4 threads", "[determinism][care]") {
  const Scenario scenario = load_model_scenario(kScenarios / "wraparound.toml", kSmall);
  REQUIRE(scenario.schedule.size() >= 8);  // the switch at year 0
  const auto one = checksum_of(scenario, 1);
  CHECK(one == checksum_of(scenario, 2));
  CHECK(one == checksum_of(scenario, 4));
  const Scenario expert = load_model_scenario(kScenarios / "expert.toml", kSmall);
  CHECK(checksum_of(expert, 2) != one);  // the regime makes a difference
}

TEST_CASE("the switch at year 0 starts a team that takes households in", "[care][schedule]") {
  const Scenario scenario = load_model_scenario(kScenarios / "wraparound.toml", kSmall);
  ScenarioRun run(scenario, 3, 0);
  (void)run.run(2, {});
  const auto& care = run.model().care();
  std::size_t team_members = 0;
  for (const auto o : care.professionals().values(care.professional_columns().organisation)) {
    team_members += care.organisations()[o].is_team ? 1U : 0U;
  }
  CHECK(team_members > 0);
  bool team_episode = false;
  for (const auto& e : care.episodes()) team_episode = team_episode || care.organisations()[e.organisation].is_team;
  CHECK(team_episode);
  // Nothing of the team before the switch: the warm-up year has no team costs.
  const auto warmup = care.ledger().year(0);
  CHECK(warmup[static_cast<std::size_t>(models::Payer::municipality_social_support)][static_cast<std::size_t>(models::Tier::generalist)] == 0.0);
  CHECK(care.ledger().year(1)[static_cast<std::size_t>(models::Payer::municipality_social_support)][static_cast<std::size_t>(models::Tier::generalist)] > 0.0);
}

TEST_CASE("no services: no professional, no episode, no care cost", "[care]") {
  const Scenario scenario = load_model_defaults({"care.fte_scale=0", "population.dwellings_per_neighbourhood=400", "run.years=1"});
  ScenarioRun run(scenario, 1, 0);
  (void)run.run(1, {});
  CHECK(run.model().care().professionals().empty());
  CHECK(run.model().care().episodes().empty());
  const auto year = run.model().care().ledger().year(1);
  for (const auto& payer : year) {
    for (std::size_t t = 0; t < models::kTierCount; ++t) {
      // Incidents and income support are consequences, not care: they go on without services.
      const auto tier = static_cast<models::Tier>(t);
      if (tier != models::Tier::incidents && tier != models::Tier::income_support) CHECK(payer[t] == 0.0);
    }
  }
}

TEST_CASE("a staff shortage lengthens waits and hides part of the waiting list", "[care][waiting]") {
  const auto figures = [](const std::string& fte) {
    const Scenario scenario = load_model_defaults({"care.fte_scale=" + fte, "population.dwellings_per_neighbourhood=1500", "run.years=3"});
    ScenarioRun run(scenario, 2, 0);
    models::CareFiguresObserver observer(run.model());
    engine::Observer* observers[] = {&observer};
    (void)run.run(2, observers);
    return observer.figures();
  };
  const auto normal = figures("1.0");
  const auto short_staffed = figures("0.5");
  CHECK(short_staffed.real_wait_weeks > normal.real_wait_weeks);
  CHECK(short_staffed.real_wait_weeks > short_staffed.official_wait_weeks);
  CHECK(short_staffed.hidden_waiting_share > 0.0);
}

TEST_CASE("a scheduled change of the city's structure is refused", "[schedule][errors]") {
  const std::string text = "[[schedule]]\nyear = 1\n[schedule.set]\npopulation.dwellings_per_block = 30\n";
  const Scenario scenario = load_model_scenario_text(text, (kScenarios / "structure_change.toml").string(), kSmall);
  ScenarioRun run(scenario, 1, 0);
  CHECK_THROWS_WITH(run.run(1, {}), Catch::Contains("population.*, run.*"));
}

// Formal care takes work off the family (S4:L381): the lay-helpable hours a professional did
// for a resident in one week are hours the household's carers are not asked for in the next.
// Checked exactly, resident by resident: next week's need is this week's severity-based need
// less this week's lay-helpable professional hours, never below zero.
TEST_CASE("lay-helpable professional hours lower next week's informal need", "[care][informal]") {
  const Scenario scenario = load_model_defaults({"population.dwellings_per_neighbourhood=800", "run.years=1"});
  ScenarioRun run(scenario, 4, 0);
  class NextWeekNeed final : public engine::Observer {
   public:
    explicit NextWeekNeed(const models::Model& m) : model(m) {}
    void on_tick_end(engine::Tick) override {
      const auto& pop = model.population();
      const auto& res = pop.residents;
      const auto needed = res.values(pop.r.hours_needed);
      for (std::size_t i = 0; i < res.size(); ++i) {
        const auto it = predicted.find(res.id_at(i).value());
        if (it == predicted.end()) continue;
        ++compared;
        mismatches += needed[i] == it->second ? 0U : 1U;
      }
      // Predict next week's need from the state the next tick starts from.
      predicted.clear();
      const auto age = res.values(pop.r.age_years);
      const auto lay = res.values(pop.r.formal_lay_hours);
      for (std::size_t i = 0; i < res.size(); ++i) {
        std::array<float, models::kDomainCount> s{};
        for (std::size_t d = 0; d < models::kDomainCount; ++d) s[d] = res.values(pop.r.severity[d])[i];
        const float raw = models::informal_hours_needed(s, age[i], model.parameters().informal);
        predicted[res.id_at(i).value()] = std::max(0.0F, raw - lay[i]);
        relieved += lay[i] > 0.0F && raw > 0.0F ? 1U : 0U;
      }
    }
    const models::Model& model;
    std::unordered_map<std::uint32_t, float> predicted;
    std::size_t compared = 0, mismatches = 0, relieved = 0;
  } check(run.model());
  engine::Observer* observers[] = {&check};
  (void)run.run(2, observers);
  CHECK(check.compared > 52U * 1000U);
  CHECK(check.relieved > 100U);  // resident-weeks in which professionals took work off the family
  CHECK(check.mismatches == 0U);
}
