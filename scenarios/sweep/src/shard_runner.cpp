#include "wijksim/sweep/shard_runner.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/scenarios/headline_figures.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"
#include "wijksim/sweep/thread_time.hpp"

namespace wijksim::sweep {
namespace {

namespace fs = std::filesystem;
namespace wa = wijksim::analysis;

class TickForwarder final : public engine::Observer {
 public:
  explicit TickForwarder(const std::function<void()>& on_tick) : on_tick_(on_tick) {}
  void on_tick_end(engine::Tick /*tick*/) override { on_tick_(); }

 private:
  const std::function<void()>& on_tick_;
};

std::string scratch_prefix(const Shard& shard) {
  std::string prefix(".");
  prefix.append(shard.stem()).append(".");
  return prefix;
}

}  // namespace

void remove_stale_scratch_files(const fs::path& scratch_dir, const Shard& shard) {
  const std::string prefix = scratch_prefix(shard);
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(scratch_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.find(".h5.part-") != std::string::npos) stale.push_back(entry.path());
  }
  for (const auto& path : stale) fs::remove(path, ec);
}

ShardRunResult run_shard(const SweepSpec& spec, const RunPlan& plan, ShardFile& file, const ShardRunOptions& options) {
  ShardRunResult result;
  const std::vector<std::size_t> mine = shard_runs(plan, file.shard());
  result.runs_in_shard = mine.size();
  std::vector<std::size_t> todo;
  for (const std::size_t i : mine) {
    if (file.complete_runs().count(plan.runs[i].id) != 0) {
      ++result.already_complete;
    } else {
      todo.push_back(i);
    }
  }
  if (file.is_finished()) {
    result.finished = true;
    return result;
  }
  remove_stale_scratch_files(options.scratch_dir, file.shard());

  std::atomic<std::size_t> next{0};
  std::atomic<bool> halt{false};
  std::atomic<std::size_t> completed{0};
  std::mutex shard_lock;
  std::mutex error_lock;
  std::exception_ptr error;
  const auto& measures = scenarios::headline_measures();

  const auto one_run = [&](const PlannedRun& run) {
    const SweepArm& arm = spec.arms.at(run.arm);
    const scenarios::Scenario scenario = load_run_scenario(spec, plan, run);
    scenarios::ScenarioRun simulation(scenario, run.seed, run.engine_run_id);
    wa::OutputFile scratch = wa::OutputFile::create(
        options.scratch_dir / scratch_prefix(file.shard()).append(run.id).append(".h5"), {.overwrite = true});
    {
      scenarios::RunRecording recording(scratch, simulation, {.run_id = run.id, .threads = 1});
      scenarios::HeadlineFiguresObserver headline(simulation.model());
      std::vector<engine::Observer*> observers{&recording.observer(), &headline};
      std::optional<TickForwarder> ticks;
      if (options.on_tick) {
        ticks.emplace(options.on_tick);
        observers.push_back(&*ticks);
      }
      const auto start = std::chrono::system_clock::now();
      const engine::RunResult ran = simulation.run(1, observers, &halt);
      if (ran.stopped_early) return;  // the scratch file is deleted with `scratch`
      recording.finish({.scenario_name = arm.scenario_file ? arm.scenario : std::string("reference (built-in defaults)"),
                        .threads = 1,
                        .start = start,
                        .end = std::chrono::system_clock::now()});
      const wa::Group group = scratch.root().open_group("runs").open_group(run.id);
      wa::write_attribute(group, "point", static_cast<std::int64_t>(run.point));
      wa::write_attribute(group, "arm", arm.name);
      wa::write_attribute(group, "replicate", static_cast<std::int64_t>(run.replicate));
      const scenarios::HeadlineFigures figures = headline.figures();
      std::vector<double> outcomes;
      outcomes.reserve(measures.size());
      for (const auto& m : measures) outcomes.push_back(m.value(figures));
      wa::write_attribute(group, "outcome_value", outcomes);
    }
    scratch.flush();
    {
      const std::lock_guard lock(shard_lock);
      file.add_run(scratch, run.id);
      completed.fetch_add(1);
      if (options.on_run_done) options.on_run_done(run);
    }
  };

  const auto worker = [&] {
    while (!halt.load()) {
      const std::size_t k = next.fetch_add(1);
      if (k >= todo.size()) return;
      try {
        one_run(plan.runs[todo[k]]);
      } catch (...) {
        const std::lock_guard lock(error_lock);
        if (!error) error = std::current_exception();
        halt.store(true);
      }
    }
  };

  const std::size_t thread_count = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)), todo.size());
  std::vector<std::thread> threads;
  std::atomic<std::size_t> running{thread_count};
  std::mutex done_lock;
  std::condition_variable done;
  std::optional<WorkerTimes> workers;
  if (thread_count > 0) workers.emplace();
  for (std::size_t t = 0; t < thread_count; ++t) {
    threads.emplace_back([&] {
      const auto born = std::chrono::steady_clock::now();
      const std::optional<ThreadTimes> at_start = this_thread_times();
      worker();
      const std::optional<ThreadTimes> at_end = this_thread_times();
      const double alive = std::chrono::duration<double>(std::chrono::steady_clock::now() - born).count();
      {
        const std::lock_guard lock(done_lock);
        if (workers && at_start && at_end) {
          ++workers->threads;
          workers->alive_s += alive;
          workers->on_core_s += at_end->on_core_s - at_start->on_core_s;
          workers->waiting_for_core_s += at_end->waiting_for_core_s - at_start->waiting_for_core_s;
        } else {
          workers.reset();
        }
        running.fetch_sub(1);
      }
      done.notify_all();
    });
  }
  {
    std::unique_lock lock(done_lock);
    while (running.load() > 0) {
      done.wait_for(lock, options.wait_interval);
      if (options.stop != nullptr && options.stop->load()) halt.store(true);
      if (options.on_wait) {
        lock.unlock();
        options.on_wait();
        lock.lock();
      }
    }
  }
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);

  result.completed_now = completed.load();
  result.workers = workers;
  result.stopped = options.stop != nullptr && options.stop->load();
  if (!result.stopped && result.already_complete + result.completed_now == result.runs_in_shard) {
    file.finish();
    result.finished = true;
  }
  return result;
}

}  // namespace wijksim::sweep
