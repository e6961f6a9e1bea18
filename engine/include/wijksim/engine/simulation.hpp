#pragma once
// Drives a Scheduler tick by tick and tells observers after each tick. Observers (recorders,
// progress bars, invariant checks) see the state between ticks, when no phase runs; they must
// not change it. The engine knows nothing of what they do with it (files, screens).
#include <atomic>
#include <vector>

#include "wijksim/engine/executor.hpp"
#include "wijksim/engine/random.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/engine/strong_id.hpp"

namespace wijksim::engine {

/// Sees the model's state after each tick. Implementations hold their own const view of the
/// state they record; every call comes from the thread that called Simulation::run.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_run_begin(Tick /*first*/) {}
  virtual void on_tick_end(Tick tick) = 0;
  virtual void on_run_end(Tick /*last_completed*/, bool /*stopped_early*/) {}
};

/// Outcome of Simulation::run.
struct RunResult {
  Tick next_tick;           ///< first tick not run
  bool stopped_early = false;
};

class Simulation {
 public:
  Simulation(Scheduler& scheduler, Executor& executor, RandomKey key) noexcept
      : scheduler_(&scheduler), executor_(&executor), key_(key) {}

  /// Observers are called in the order they were added. The simulation does not own them.
  void add_observer(Observer& observer) { observers_.push_back(&observer); }

  /// Runs ticks [first, end). Between ticks, checks `stop` (if given) and returns early when
  /// it is set (a signal handler may set it): state is then consistent at a tick boundary.
  RunResult run(Tick first, Tick end, const std::atomic<bool>* stop = nullptr) {
    for (auto* o : observers_) o->on_run_begin(first);
    Tick tick = first;
    bool stopped = false;
    for (; tick < end; ++tick) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) {
        stopped = true;
        break;
      }
      scheduler_->run_tick(tick, *executor_, key_);
      for (auto* o : observers_) o->on_tick_end(tick);
    }
    for (auto* o : observers_) o->on_run_end(tick - 1, stopped);
    return RunResult{tick, stopped};
  }

 private:
  Scheduler* scheduler_;
  Executor* executor_;
  RandomKey key_;
  std::vector<Observer*> observers_;
};

}  // namespace wijksim::engine
