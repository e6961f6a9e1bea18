#include "wijksim/scenarios/comparison.hpp"

#include <algorithm>
#include <string>

#include "wijksim/engine/error.hpp"

namespace wijksim::scenarios {

bool ComparisonResult::starts_identical() const {
  if (outcomes.empty()) return true;
  for (std::size_t r = 0; r < outcomes.front().size(); ++r) {
    for (const auto& arm : outcomes) {
      if (arm.at(r).start_checksum != outcomes.front()[r].start_checksum) return false;
    }
  }
  return true;
}

std::vector<MeasureSummary> ComparisonResult::summarise() const {
  std::vector<MeasureSummary> out;
  for (const HeadlineMeasure& measure : headline_measures()) {
    MeasureSummary s;
    s.measure = &measure;
    std::vector<std::vector<double>> values(outcomes.size());
    for (std::size_t a = 0; a < outcomes.size(); ++a) {
      for (const ReplicateOutcome& o : outcomes[a]) values[a].push_back(measure.value(o.figures));
      s.by_arm.push_back(estimate_mean(values[a]));
    }
    for (std::size_t a = 1; a < outcomes.size(); ++a) s.difference_from_first.push_back(estimate_paired_difference(values[a], values[0]));
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ArmCostBenefit> ComparisonResult::cost_benefit() const {
  std::vector<std::vector<RunLedger>> ledgers;
  for (const auto& arm : outcomes) {
    ledgers.emplace_back();
    for (const ReplicateOutcome& o : arm) ledgers.back().push_back(o.costs_by_year);
  }
  return compare_cost_benefit(ledgers);
}

namespace {
/// "10 years after a 1-year warm-up", "1 year after no warm-up".
std::string horizon_text(int years, int warmup) {
  std::string text = std::to_string(years);
  text.append(years == 1 ? " year after " : " years after ");
  if (warmup == 0) return text.append("no warm-up");
  return text.append("a ").append(std::to_string(warmup)).append("-year warm-up");
}
}  // namespace

ComparisonResult compare_arms(std::span<const ComparisonArm> arms, const PairedRunOptions& options,
                              const AttachToRun& attach) {
  std::vector<Scenario> scenarios;
  for (const ComparisonArm& arm : arms) scenarios.push_back(arm.scenario);
  if (!arms.empty()) {
    const auto first = model_parameters().resolve(arms.front().scenario.parameters).run;
    for (const ComparisonArm& arm : arms) {
      const auto run = model_parameters().resolve(arm.scenario.parameters).run;
      if (run.years == first.years && run.warmup_years == first.warmup_years) continue;
      std::string expected = "the horizon of the first arm '";
      expected.append(arms.front().name).append("': ").append(horizon_text(first.years, first.warmup_years));
      throw engine::InputError("arm '" + arm.name + "' (run.years, run.warmup_years)", expected,
                               horizon_text(run.years, run.warmup_years),
                               "set the same run.years in every scenario, or pass --years (and --set run.warmup_years=N)");
    }
  }

  ComparisonResult result;
  for (const ComparisonArm& arm : arms) result.arm_names.push_back(arm.name);
  result.outcomes.assign(arms.size(), std::vector<ReplicateOutcome>(static_cast<std::size_t>(std::max(0, options.replicates))));
  for_each_paired_run(scenarios, options, [&](PairedRun& run) {
    ReplicateOutcome outcome;
    outcome.seed = run.run().seed();
    outcome.run_id = run.run().run_id();
    outcome.start_checksum = run.model().state_checksum();
    HeadlineFiguresObserver observer(run.model());
    std::unique_ptr<RunAttachment> attachment = attach ? attach(run) : nullptr;
    std::vector<engine::Observer*> observers{&observer};
    if (attachment) observers.push_back(&attachment->observer());
    run.run_to_end(observers);
    outcome.figures = observer.figures();
    outcome.costs_by_year = observer.recorded_costs();
    if (attachment) attachment->after_run(run, outcome);
    result.outcomes[run.arm()][run.replicate()] = outcome;
  });
  return result;
}

}  // namespace wijksim::scenarios
