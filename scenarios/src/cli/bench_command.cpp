// `wijksim bench engine`: the engine's reference kernel at several sizes and thread counts.
// Prints agent-updates per second, the speed-up over one thread, bytes per agent and the
// final-state checksum, which must be equal at every thread count (exit 1 otherwise).
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <thread>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/engine/reference_kernel.hpp"

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

}  // namespace

Command add_bench_command(CLI::App& parent) {
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
  return Command{engine_cmd, [options] { return run_bench_engine(*options); }};
}

}  // namespace wijksim::cli
