#include "wijksim/scenarios/model_scenario.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace wijksim::scenarios {
namespace {

LoaderOptions options_with(const std::vector<std::string>& overrides) {
  LoaderOptions options;
  options.horizon_parameter = "run.years";
  options.constraints = model_constraints();
  options.overrides = overrides;
  return options;
}

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

const models::ModelParameters& model_parameters() {
  static const models::ModelParameters declared;
  return declared;
}

std::vector<Constraint> model_constraints() {
  const auto& declared = model_parameters();
  std::vector<Constraint> constraints;
  constraints.push_back(Constraint{
      "care.technique_share + care.relationship_share + care.engagement_share = 1 (within 0.01)",
      {"care.technique_share", "care.relationship_share", "care.engagement_share"},
      [&declared](const engine::ParameterSet& set) -> std::optional<std::string> {
        const auto p = declared.resolve(set);
        const double sum = p.care.technique_share + p.care.relationship_share + p.care.engagement_share;
        if (std::fabs(sum - 1.0) <= 0.01) return std::nullopt;
        return "shares summing to " + number(sum);
      }});
  constraints.push_back(Constraint{
      "care.generalist_start_skill <= care.generalist_skill (generalists grow, not shrink)",
      {"care.generalist_start_skill", "care.generalist_skill"},
      [&declared](const engine::ParameterSet& set) -> std::optional<std::string> {
        const auto p = declared.resolve(set);
        if (p.care.generalist_start_skill <= p.care.generalist_skill) return std::nullopt;
        return "start skill " + number(p.care.generalist_start_skill) + " above mature skill " + number(p.care.generalist_skill);
      }});
  constraints.push_back(Constraint{
      "informal.overburden_threshold <= informal.stop_threshold (carers cut back before they stop)",
      {"informal.overburden_threshold", "informal.stop_threshold"},
      [&declared](const engine::ParameterSet& set) -> std::optional<std::string> {
        const auto p = declared.resolve(set);
        if (p.informal.overburden_threshold <= p.informal.stop_threshold) return std::nullopt;
        return "overburden at " + number(p.informal.overburden_threshold) + ", stop at " + number(p.informal.stop_threshold);
      }});
  std::vector<std::string> shares;
  for (const auto kind : models::kHouseholdKindNames) shares.push_back("population.share_" + std::string(kind));
  constraints.push_back(Constraint{
      "at least one household kind with a positive share", shares,
      [&declared](const engine::ParameterSet& set) -> std::optional<std::string> {
        const auto p = declared.resolve(set);
        double sum = 0.0;
        for (const double s : p.population.household_kind_share) sum += s;
        if (sum > 0.0) return std::nullopt;
        return "all household shares 0";
      }});
  return constraints;
}

Scenario load_model_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  return load_scenario(path, model_parameters().registry(), options_with(overrides));
}

Scenario load_model_scenario_text(std::string_view text, std::string_view display_path,
                                  const std::vector<std::string>& overrides) {
  return load_scenario_text(text, display_path, model_parameters().registry(), options_with(overrides));
}

Scenario load_model_defaults(const std::vector<std::string>& overrides) {
  return load_defaults(model_parameters().registry(), options_with(overrides));
}

ScenarioRun::ScenarioRun(const Scenario& scenario, std::uint64_t seed, std::uint64_t run_id)
    : scenario_(&scenario),
      seed_(seed),
      run_id_(run_id),
      model_(std::make_unique<models::Model>(model_parameters().resolve(scenario.parameters), seed, run_id)) {}

engine::RunResult ScenarioRun::run(int threads, std::span<engine::Observer* const> observers,
                                   const std::atomic<bool>* stop) {
  engine::Executor executor(threads);
  engine::Simulation simulation(model_->scheduler(), executor, model_->key());
  for (auto* o : observers) simulation.add_observer(*o);
  // The schedule, in order; changes of one year applied together.
  const engine::Tick start = model_->warmup_end();
  const engine::Tick end = model_->run_end();
  engine::ParameterSet current = scenario_->parameters;
  engine::Tick tick{0};
  std::size_t next = 0;
  const auto& schedule = scenario_->schedule;
  engine::RunResult result{tick, false};
  while (tick < end) {
    engine::Tick until = end;
    if (next < schedule.size()) {
      const engine::Tick at = start + static_cast<engine::Tick::rep_type>(std::lround(schedule[next].year * 52.0));
      if (at <= tick) {
        engine::ParameterSetBuilder builder(current);
        const double year = schedule[next].year;
        while (next < schedule.size() && schedule[next].year == year) {
          builder.set(schedule[next].parameter_index, schedule[next].value);
          ++next;
        }
        current = std::move(builder).freeze();
        model_->set_parameters(model_parameters().resolve(current), tick);
        continue;
      }
      until = std::min(at, end);
    }
    result = simulation.run(tick, until, stop);
    tick = result.next_tick;
    if (result.stopped_early) return result;
  }
  return result;
}

}  // namespace wijksim::scenarios
