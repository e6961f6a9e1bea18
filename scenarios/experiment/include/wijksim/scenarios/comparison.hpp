#pragma once
// A comparison of arms (scenarios) over paired replicates: the headline outcomes of every run,
// then per measure the mean of each arm with its 95% interval, and each arm's paired
// difference from the first arm with its 95% interval (MODEL.md §1: run the regimes side by
// side on the same synthetic neighbourhood). The arms are just a list of scenarios: expert vs
// wraparound today, the 2×2 of care and funding regimes when funding lands.
//
// @code
//   std::vector<ComparisonArm> arms{{"expert", load_model_scenario("scenarios/expert.toml")},
//                                   {"wraparound", load_model_scenario("scenarios/wraparound.toml")}};
//   const ComparisonResult result = compare_arms(arms, PairedRunOptions{.replicates = 20});
//   for (const MeasureSummary& m : result.summarise()) { ... m.by_arm[1], m.difference_from_first[0] ... }
// @endcode
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "wijksim/scenarios/cost_benefit.hpp"
#include "wijksim/scenarios/headline_figures.hpp"
#include "wijksim/scenarios/interval_estimate.hpp"
#include "wijksim/scenarios/paired_runs.hpp"

namespace wijksim::scenarios {

struct ComparisonArm {
  std::string name;   ///< as reported ("expert", "wraparound")
  Scenario scenario;
};

struct ReplicateOutcome {
  std::uint64_t seed = 0;
  std::uint64_t run_id = 0;
  /// Model::state_checksum() before the first tick: equal across arms of a replicate when the
  /// arms share the population parameters (the same people at the start).
  std::uint64_t start_checksum = 0;
  HeadlineFigures figures;
  /// The cost ledger of each recorded year (HeadlineFiguresObserver::recorded_costs()).
  RunLedger costs_by_year;
};

struct MeasureSummary {
  const HeadlineMeasure* measure = nullptr;
  std::vector<IntervalEstimate> by_arm;
  /// Element k: arm k + 1 minus the first arm, paired by replicate.
  std::vector<IntervalEstimate> difference_from_first;
};

struct ComparisonResult {
  std::vector<std::string> arm_names;
  /// [arm][replicate]
  std::vector<std::vector<ReplicateOutcome>> outcomes;

  /// True when, in every replicate, every arm started from the same state.
  [[nodiscard]] bool starts_identical() const;
  /// One summary per headline_measures() entry, in that order.
  [[nodiscard]] std::vector<MeasureSummary> summarise() const;
  /// Costs and benefits per payer of every arm after the first against the first, paired by
  /// replicate (cost_benefit.hpp); element k is arm k + 1.
  [[nodiscard]] std::vector<ArmCostBenefit> cost_benefit() const;
};

/// More work on a run of a comparison (a recorder, comparison_recording.hpp): made on the run's
/// worker thread before the run starts, its observer sees every tick, and after_run() is
/// called on the same thread when the run has ended.
class RunAttachment {
 public:
  virtual ~RunAttachment() = default;
  [[nodiscard]] virtual engine::Observer& observer() = 0;
  virtual void after_run(PairedRun& run, const ReplicateOutcome& outcome) = 0;
};
/// Makes the attachment of a run; called from the worker threads at once (thread-safe).
using AttachToRun = std::function<std::unique_ptr<RunAttachment>(PairedRun& run)>;

/// Runs every arm × replicate (see for_each_paired_run) and measures HeadlineFigures, with
/// `attach` (when not empty) adding its work to every run. Throws engine::InputError when arms
/// differ in run.years or run.warmup_years (their differences would mix horizons), and
/// whatever the runs (or attachments) throw.
[[nodiscard]] ComparisonResult compare_arms(std::span<const ComparisonArm> arms, const PairedRunOptions& options,
                                            const AttachToRun& attach = {});

}  // namespace wijksim::scenarios
