// `wijksim demo`: a demonstration run of the engine on its synthetic contagion-with-clinics
// model (engine/examples), printing a line per simulated year, the time per phase, and the
// final state checksum (identical at every thread count).
#include <chrono>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/examples/contagion_model.hpp"

namespace wijksim::cli {
namespace {

struct DemoOptions {
  examples::ContagionConfig config;
  int years = 5;
  int threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
};

class YearlyPrinter final : public engine::Observer {
 public:
  YearlyPrinter(const examples::ContagionModel& model, engine::Executor& executor)
      : model_(model), executor_(executor) {}
  void on_tick_end(engine::Tick tick) override {
    if ((tick.value() + 1) % 52 != 0) return;
    const auto s = model_.summary(executor_, tick);
    std::cout << "year " << std::setw(2) << (tick.value() + 1) / 52 << "  population "
              << std::setw(7) << s.population << "  mean load " << std::fixed
              << std::setprecision(4) << s.mean_load << "  in treatment " << std::setw(5)
              << s.in_treatment << "  slots granted " << std::setw(7) << s.slots_granted
              << "  refused " << std::setw(7) << s.requests_refused << "  births " << s.births
              << "  deaths " << s.deaths << '\n';
  }

 private:
  const examples::ContagionModel& model_;
  engine::Executor& executor_;
};

int run_demo(const DemoOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  examples::ContagionModel model(options.config);
  engine::Executor executor(options.threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  YearlyPrinter printer(model, executor);
  simulation.add_observer(printer);
  std::cout << "wijksim demo: the engine's synthetic model (load spreading on a network, clinics\n"
               "with limited slots, births and deaths), "
            << options.config.people << " people, " << options.years << " years, "
            << options.threads << " threads, seed " << options.config.seed << "\n";
  const auto result = simulation.run(engine::Tick{0}, engine::Tick{options.years * 52});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "time per phase:";
  for (const auto& timing : model.scheduler().timings()) {
    std::cout << "  " << timing.name << " " << std::fixed << std::setprecision(3) << timing.seconds << " s";
  }
  std::cout << "\nfinished " << result.next_tick.value() << " ticks in " << std::setprecision(2)
            << seconds << " s; state checksum " << hex64(model.state_checksum())
            << " (the same at any --threads)\n";
  return 0;
}

}  // namespace

Command add_demo_command(CLI::App& parent) {
  auto* demo = parent.add_subcommand(
      "demo",
      "A demonstration run of the engine on its synthetic model (until the care model exists):\n"
      "prints a line per year and a state checksum that is the same at any thread count: the thread\n"
      "count never changes the results, only the speed.");
  auto options = std::make_shared<DemoOptions>();
  demo->add_option("--people", options->config.people, "Number of agents")
      ->check(CLI::Range(10U, 10'000'000U))
      ->capture_default_str();
  demo->add_option("--years", options->years, "Years to simulate (52 ticks each)")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  demo->add_option("--threads", options->threads, "Worker threads (results do not depend on it)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  demo->add_option("--seed", options->config.seed, "Random seed")->capture_default_str();
  return Command{demo, [options] { return run_demo(*options); }};
}

}  // namespace wijksim::cli
