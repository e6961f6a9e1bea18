#pragma once
// Arms × replicates with common random numbers (ARCHITECTURE.md, "Paired comparisons"):
// replicate r of every arm runs with the same seed and run id, so that a difference between arms
// is measured on the same people with the same life events. Runs go side by side on the
// threads, each run on one thread: a run is a pure function of (scenario, seed, run id), so the
// thread count never changes any result.
//
// @code
//   std::vector<HeadlineFigures> figures(arms.size() * 20);
//   for_each_paired_run(arms, PairedRunOptions{.replicates = 20, .seed = 1, .threads = 2},
//                       [&](PairedRun& run) {
//                         HeadlineFiguresObserver observer(run.model());
//                         engine::Observer* observers[] = {&observer};
//                         run.run_to_end(observers);
//                         figures[run.arm() * 20 + run.replicate()] = observer.figures();
//                       });
// @endcode
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "wijksim/scenarios/model_scenario.hpp"

namespace wijksim::scenarios {

/// The order runs are started in (with a shared counter, so they also finish in about that
/// order): replicate-major starts the arms of one replicate together; arm-major runs every
/// replicate of the first arm first (what a recorder writing in (arm, replicate) order wants:
/// few finished runs wait for an earlier one). Never changes a result.
enum class RunOrder { replicate_major, arm_major };

struct PairedRunOptions {
  int replicates = 20;     ///< >= 1
  std::uint64_t seed = 1;  ///< replicate r runs with seed + r and run id r
  int threads = 1;         ///< runs side by side (>= 1); never changes a result
  /// Called after every simulated tick of every run, from the worker threads at once: must be
  /// thread-safe (a progress meter). May be empty.
  std::function<void()> on_tick;
  RunOrder order = RunOrder::replicate_major;
};

/// Seed and run id of replicate `r`, the same in every arm.
[[nodiscard]] constexpr std::uint64_t replicate_seed(std::uint64_t seed, std::size_t r) noexcept { return seed + r; }
[[nodiscard]] constexpr std::uint64_t replicate_run_id(std::size_t r) noexcept { return r; }

/// Ticks that every run of `arms` × `replicates` simulates together (warm-up included).
[[nodiscard]] std::uint64_t paired_run_ticks(std::span<const Scenario> arms, int replicates);

/// One run of the experiment, handed to the body on a worker thread, built but not started.
class PairedRun {
 public:
  PairedRun(const Scenario& scenario, std::size_t arm, std::size_t replicate, std::uint64_t seed,
            const std::function<void()>* on_tick);
  [[nodiscard]] std::size_t arm() const noexcept { return arm_; }
  [[nodiscard]] std::size_t replicate() const noexcept { return replicate_; }
  [[nodiscard]] ScenarioRun& run() noexcept { return run_; }
  [[nodiscard]] const models::Model& model() const noexcept { return run_.model(); }
  /// Runs to the end on one thread, calling `observers` (and the progress callback) after every
  /// tick. Call once.
  void run_to_end(std::span<engine::Observer* const> observers);

 private:
  ScenarioRun run_;
  std::size_t arm_;
  std::size_t replicate_;
  const std::function<void()>* on_tick_;
};

/// Calls `body` once for each (arm, replicate), up to options.threads at once, in no particular
/// order: the body must write its results only to a place owned by its (arm, replicate). An
/// exception from a body (or a run) stops the others and is rethrown here. Throws
/// std::invalid_argument for replicates or threads below 1.
void for_each_paired_run(std::span<const Scenario> arms, const PairedRunOptions& options,
                         const std::function<void(PairedRun&)>& body);

}  // namespace wijksim::scenarios
