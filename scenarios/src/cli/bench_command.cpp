// `wijksim bench engine`: the engine's reference kernel at several sizes and thread counts.
// Prints agent-updates per second, the speed-up over one thread, bytes per agent and the
// final-state checksum, which must be equal at every thread count (exit 1 otherwise).
#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/engine/reference_kernel.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::cli {
namespace {

struct BenchEngineOptions {
  std::vector<std::uint32_t> agents{20'000, 1'000'000};
  std::vector<int> threads{1, 2};
  double updates = 4.0e7;  // per timed measurement
  int repeats = 3;
  std::uint64_t seed = 1;
  bool json = false;
};

int run_bench_engine(const BenchEngineOptions& options) {
  struct Row {
    engine::ReferenceKernelFigures best;
    double speedup = 1.0;
  };
  std::vector<Row> rows;
  bool checksums_match = true;
  for (const std::uint32_t agents : options.agents) {
    engine::ReferenceKernel kernel(agents, options.seed);
    const auto ticks = static_cast<std::uint32_t>(
        std::max(4.0, options.updates / std::max<std::uint32_t>(agents, 1)));
    const std::uint32_t warmup = std::max<std::uint32_t>(2, ticks / 10);
    double one_thread_rate = 0.0;
    std::uint64_t reference_checksum = 0;
    for (std::size_t t = 0; t < options.threads.size(); ++t) {
      engine::ReferenceKernelFigures best;
      for (int r = 0; r < options.repeats; ++r) {
        const auto figures = kernel.run(warmup, ticks, options.threads[t]);
        if (r == 0 || figures.updates_per_second > best.updates_per_second) best = figures;
      }
      if (t == 0) reference_checksum = best.checksum;
      if (best.checksum != reference_checksum) checksums_match = false;
      if (best.threads == 1) one_thread_rate = best.updates_per_second;
      Row row{best, one_thread_rate > 0.0 ? best.updates_per_second / one_thread_rate : 0.0};
      rows.push_back(row);
      if (!options.json) {
        std::cout << std::setw(9) << best.agents << " agents  " << std::setw(2) << best.threads
                  << " threads  " << std::fixed << std::setprecision(1) << std::setw(7)
                  << best.updates_per_second / 1e6 << " M updates/s  x" << std::setprecision(2)
                  << row.speedup << "  " << best.bytes_per_agent << " B/agent  mean degree "
                  << std::setprecision(1) << best.mean_degree << "  checksum "
                  << hex64(best.checksum) << "  (" << best.ticks << " ticks, best of "
                  << options.repeats << ")\n";
      }
    }
  }
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("engine_reference_kernel");
    j.key("hardware_threads").value(static_cast<std::uint64_t>(std::thread::hardware_concurrency()));
    j.key("checksums_match").value(checksums_match);
    j.key("runs").begin_array();
    for (const auto& row : rows) {
      j.begin_object()
          .key("agents").value(static_cast<std::uint64_t>(row.best.agents))
          .key("threads").value(row.best.threads)
          .key("ticks").value(static_cast<std::uint64_t>(row.best.ticks))
          .key("seconds").value(row.best.seconds)
          .key("agent_updates_per_second").value(row.best.updates_per_second)
          .key("speedup_vs_1_thread").value(row.speedup)
          .key("bytes_per_agent").value(static_cast<std::uint64_t>(row.best.bytes_per_agent))
          .key("mean_degree").value(row.best.mean_degree)
          .key("checksum").hex(row.best.checksum)
          .end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << (checksums_match ? "checksums match across thread counts\n"
                                  : "CHECKSUM MISMATCH across thread counts\n");
  }
  return checksums_match ? 0 : 1;
}

struct BenchPeopleOptions {
  std::vector<int> neighbourhoods{1, 90};  // reference neighbourhood; a city of ~1,000,000
  std::vector<int> threads{1, 2};
  double resident_ticks = 2.0e7;           // per timed measurement
  std::uint64_t seed = 1;
  bool json = false;
};

struct PeopleBenchRow {
  int neighbourhoods = 0;
  std::size_t residents = 0;
  int threads = 0;
  int ticks = 0;
  double setup_seconds = 0.0;
  double seconds = 0.0;
  double resident_ticks_per_second = 0.0;
  double speedup = 1.0;
  std::size_t bytes_per_resident = 0;
  std::uint64_t checksum = 0;
  std::vector<engine::PhaseTiming> phases;
};

int run_bench_people(const BenchPeopleOptions& options) {
  const models::ModelParameters declared;
  std::vector<PeopleBenchRow> rows;
  bool checksums_match = true;
  for (const int neighbourhoods : options.neighbourhoods) {
    engine::ParameterSetBuilder builder(declared.registry());
    builder.set("population.neighbourhoods", std::int64_t{neighbourhoods});
    const auto parameters = declared.resolve(std::move(builder).freeze());
    double one_thread = 0.0;
    std::uint64_t reference = 0;
    for (std::size_t t = 0; t < options.threads.size(); ++t) {
      const auto t0 = std::chrono::steady_clock::now();
      models::Model model(parameters, options.seed, 0);
      const double setup = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const std::size_t residents = model.population().residents.size();
      const int ticks = std::clamp(static_cast<int>(options.resident_ticks / static_cast<double>(residents)), 4, 520);
      engine::Executor executor(options.threads[t]);
      engine::Simulation simulation(model.scheduler(), executor, model.key());
      (void)simulation.run(engine::Tick{0}, engine::Tick{2});  // warm caches and thread pool
      const auto t1 = std::chrono::steady_clock::now();
      (void)simulation.run(engine::Tick{2}, engine::Tick{2 + ticks});
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      PeopleBenchRow row;
      row.neighbourhoods = neighbourhoods;
      row.residents = model.population().residents.size();
      row.threads = options.threads[t];
      row.ticks = ticks;
      row.setup_seconds = setup;
      row.seconds = seconds;
      row.resident_ticks_per_second = static_cast<double>(residents) * ticks / seconds;
      if (t == 0) one_thread = row.resident_ticks_per_second;
      row.speedup = one_thread > 0.0 ? row.resident_ticks_per_second / one_thread : 0.0;
      row.bytes_per_resident = model.population().allocated_bytes() / std::max<std::size_t>(1, row.residents);
      row.checksum = model.state_checksum();
      row.phases = model.scheduler().timings();
      if (t == 0) reference = row.checksum;
      checksums_match = checksums_match && row.checksum == reference;
      rows.push_back(row);
      if (!options.json) {
        std::cout << std::setw(4) << neighbourhoods << " neighbourhoods " << std::setw(9) << row.residents << " residents  "
                  << std::setw(2) << row.threads << " threads  " << std::fixed << std::setprecision(2) << std::setw(7)
                  << row.resident_ticks_per_second / 1e6 << " M resident-ticks/s  x" << row.speedup << "  "
                  << row.bytes_per_resident << " B/resident  set-up " << std::setprecision(1) << setup << " s  checksum "
                  << hex64(row.checksum) << "  (" << ticks << " ticks)\n      time per phase:";
        double total = 0.0;
        for (const auto& phase : row.phases) total += phase.seconds;
        for (const auto& phase : row.phases) {
          std::cout << ' ' << phase.name << ' ' << std::setprecision(0) << 100.0 * phase.seconds / total << '%';
        }
        std::cout << '\n';
      }
    }
  }
  if (options.json) {
    JsonWriter j;
    j.begin_object().key("benchmark").value("people_model").key("checksums_match").value(checksums_match).key("runs").begin_array();
    for (const auto& row : rows) {
      j.begin_object().key("neighbourhoods").value(row.neighbourhoods).key("residents").value(static_cast<std::uint64_t>(row.residents))
          .key("threads").value(row.threads).key("ticks").value(row.ticks).key("setup_seconds").value(row.setup_seconds)
          .key("seconds").value(row.seconds).key("resident_ticks_per_second").value(row.resident_ticks_per_second)
          .key("speedup_vs_first").value(row.speedup).key("bytes_per_resident").value(static_cast<std::uint64_t>(row.bytes_per_resident))
          .key("checksum").hex(row.checksum).key("phase_seconds").begin_object();
      for (const auto& phase : row.phases) j.key(phase.name).value(phase.seconds);
      j.end_object().end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << (checksums_match ? "checksums match across thread counts\n" : "CHECKSUM MISMATCH across thread counts\n");
  }
  return checksums_match ? 0 : 1;
}

}  // namespace

std::vector<Command> add_bench_commands(CLI::App& parent) {
  auto* bench = parent.add_subcommand("bench", "Benchmarks that print their figures");
  bench->require_subcommand(1);
  auto* engine_cmd = bench->add_subcommand(
      "engine",
      "The engine's reference kernel (SoA state, 8-16 CSR neighbour reads, two Philox draws,\n"
      "double-buffered writes): agent-updates per second per size and thread count, speed-up,\n"
      "bytes per agent, and a checksum that must match at every thread count (exit 1 if not).");
  auto options = std::make_shared<BenchEngineOptions>();
  engine_cmd->add_option("--agents", options->agents, "Agent counts to measure")
      ->check(CLI::Range(2U, 50'000'000U))
      ->capture_default_str();
  engine_cmd->add_option("--threads", options->threads, "Thread counts to measure (first is the baseline)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  engine_cmd->add_option("--updates", options->updates, "Agent-updates per timed measurement")
      ->check(CLI::Range(1e3, 1e11))
      ->capture_default_str();
  engine_cmd->add_option("--repeats", options->repeats, "Measurements per point; the best is reported")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  engine_cmd->add_option("--seed", options->seed, "Seed of the synthetic network and state")->capture_default_str();
  engine_cmd->add_flag("--json", options->json, "Print all figures as one JSON object");
  auto* people_cmd = bench->add_subcommand(
      "people",
      "The people model (needs, informal care, demography, network; no formal care) on the reference\n"
      "neighbourhood and on a city of about 1,000,000 residents: resident-ticks per second per thread\n"
      "count, speed-up, bytes per resident, set-up time, and a checksum that must match (exit 1 if not).");
  auto people = std::make_shared<BenchPeopleOptions>();
  people_cmd->add_option("--neighbourhoods", people->neighbourhoods, "City sizes in neighbourhoods of 6,000 dwellings")
      ->check(CLI::Range(1, 2000))->capture_default_str();
  people_cmd->add_option("--threads", people->threads, "Thread counts (first is the baseline)")->check(CLI::Range(1, 256))->capture_default_str();
  people_cmd->add_option("--resident-ticks", people->resident_ticks, "Resident-ticks per timed measurement")
      ->check(CLI::Range(1e3, 1e11))->capture_default_str();
  people_cmd->add_option("--seed", people->seed, "Random seed")->capture_default_str();
  people_cmd->add_flag("--json", people->json, "Print all figures as one JSON object");
  return {Command{engine_cmd, [options] { return run_bench_engine(*options); }},
          Command{people_cmd, [people] { return run_bench_people(*people); }}};
}

}  // namespace wijksim::cli
