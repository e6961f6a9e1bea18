#include "wijksim/scenarios/paired_runs.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace wijksim::scenarios {
namespace {

/// Forwards every tick to the experiment's progress callback.
class TickForwarder final : public engine::Observer {
 public:
  explicit TickForwarder(const std::function<void()>& on_tick) : on_tick_(on_tick) {}
  void on_tick_end(engine::Tick /*tick*/) override { on_tick_(); }

 private:
  const std::function<void()>& on_tick_;
};

}  // namespace

std::uint64_t paired_run_ticks(std::span<const Scenario> arms, int replicates) {
  std::uint64_t ticks = 0;
  for (const Scenario& arm : arms) {
    const auto run = model_parameters().resolve(arm.parameters).run;
    ticks += static_cast<std::uint64_t>(52 * (run.warmup_years + run.years)) * static_cast<std::uint64_t>(std::max(0, replicates));
  }
  return ticks;
}

PairedRun::PairedRun(const Scenario& scenario, std::size_t arm, std::size_t replicate, std::uint64_t seed,
                     const std::function<void()>* on_tick)
    : run_(scenario, replicate_seed(seed, replicate), replicate_run_id(replicate)),
      arm_(arm),
      replicate_(replicate),
      on_tick_(on_tick) {}

void PairedRun::run_to_end(std::span<engine::Observer* const> observers) {
  std::vector<engine::Observer*> all(observers.begin(), observers.end());
  std::optional<TickForwarder> forwarder;
  if (on_tick_ != nullptr && *on_tick_) {
    forwarder.emplace(*on_tick_);
    all.push_back(&*forwarder);
  }
  (void)run_.run(1, all);
}

void for_each_paired_run(std::span<const Scenario> arms, const PairedRunOptions& options,
                         const std::function<void(PairedRun&)>& body) {
  if (options.replicates < 1) throw std::invalid_argument("for_each_paired_run: replicates below 1");
  if (options.threads < 1) throw std::invalid_argument("for_each_paired_run: threads below 1");
  const auto replicates = static_cast<std::size_t>(options.replicates);
  const std::size_t runs = arms.size() * replicates;
  // Replicate-major order (the default): the arms of one replicate start together, so that a
  // run stopped by an error leaves no arm much further than another. Arm-major: every
  // replicate of an arm before the next arm.
  const auto one = [&](std::size_t k) {
    const bool arm_major = options.order == RunOrder::arm_major;
    const std::size_t arm = arm_major ? k / replicates : k % arms.size();
    const std::size_t replicate = arm_major ? k % replicates : k / arms.size();
    PairedRun run(arms[arm], arm, replicate, options.seed, &options.on_tick);
    body(run);
  };
  if (options.threads == 1) {
    for (std::size_t k = 0; k < runs; ++k) one(k);
    return;
  }
  // Each run is single-threaded, so plain threads run them side by side (more than cores:
  // allowed, never faster). Each worker takes the next run from a shared counter, so runs
  // start in order k = 0, 1, ... and finish in about that order. After an exception no new run
  // starts; the first one caught is rethrown once every worker has stopped. Plain threads,
  // not TBB: ThreadSanitizer sees their start and join, and needs no annotation.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  const auto stop_with = [&](std::exception_ptr error) {
    const std::lock_guard lock(error_mutex);
    if (!first_error) first_error = std::move(error);
    failed.store(true);
  };
  const auto work = [&] {
    for (std::size_t k = next++; k < runs && !failed.load(); k = next++) {
      try {
        one(k);
      } catch (...) {
        stop_with(std::current_exception());
        return;
      }
    }
  };
  const auto workers = std::min(runs, static_cast<std::size_t>(options.threads));
  std::vector<std::thread> threads;
  threads.reserve(workers);
  try {
    for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  } catch (...) {  // no thread to be had: the runs already started finish, none new start
    stop_with(std::current_exception());
  }
  work();  // the calling thread is a worker too
  for (std::thread& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace wijksim::scenarios
