#pragma once
// The engine's reference kernel: the cheapest per-agent update of the shape every wijksim
// model has — SoA state, 8–16 neighbour reads through the CSR network, two counter-based
// draws, double-buffered writes — run through the real AgentStore, Scheduler and Executor.
// `wijksim bench engine` times it; model benchmarks report their cost as a ratio to it.
#include <cstdint>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/executor.hpp"
#include "wijksim/engine/network.hpp"
#include "wijksim/engine/scheduler.hpp"

namespace wijksim::engine {

struct ReferenceKernelFigures {
  std::uint32_t agents = 0;
  std::uint32_t ticks = 0;
  int threads = 0;
  double seconds = 0.0;
  double updates_per_second = 0.0;
  double mean_degree = 0.0;
  std::size_t bytes_per_agent = 0;  ///< store columns + network, per agent
  std::uint64_t checksum = 0;       ///< of the final state; equal at every thread count
};

class ReferenceKernel {
 public:
  /// Builds `agents` agents with a homophilous small world of mean degree 12 (8–16 ties each
  /// for nearly all agents). Deterministic in (agents, seed).
  ReferenceKernel(std::uint32_t agents, std::uint64_t seed);

  /// Resets the state, runs `warmup_ticks` untimed and `ticks` timed on `threads` threads.
  [[nodiscard]] ReferenceKernelFigures run(std::uint32_t warmup_ticks, std::uint32_t ticks,
                                           int threads);

 private:
  struct AgentTag;
  using AgentId = StrongId<AgentTag>;

  void reset_state();

  RandomKey key_;
  AgentStore<AgentId> agents_{"kernel"};
  Column<float> level_a_, level_b_, inertia_;
  Network network_;
  Scheduler scheduler_;
};

}  // namespace wijksim::engine
