#include "wijksim/engine/reference_kernel.hpp"

#include <chrono>
#include <vector>

#include "wijksim/engine/checksum.hpp"
#include "wijksim/engine/simulation.hpp"

namespace wijksim::engine {
namespace {
constexpr std::uint32_t kPurposeStep = 1;
constexpr std::uint32_t kPurposeInit = 2;
constexpr std::uint32_t kPurposeNetwork = 3;
constexpr float kWordToUnit = 0x1.0p-32F;

// One update: move toward the weighted mean of the neighbours, with a rare random shock.
// `from` is last tick's buffer, `to` this tick's; no agent reads what another writes.
void step_block(const Network& net, std::span<const float> from, std::span<float> to,
                std::span<const float> inertia, RandomKey key, Tick tick, const BlockRange& block) {
  const auto rows = net.row_starts();
  const auto targets = net.targets();
  const auto weights = net.weights();
  for (std::size_t i = block.begin; i < block.end; ++i) {
    float sum = 0.0F;
    float weight_sum = 0.0F;
    for (std::uint32_t e = rows[i]; e < rows[i + 1]; ++e) {
      sum += weights[e] * from[targets[e]];
      weight_sum += weights[e];
    }
    const float mean = weight_sum > 0.0F ? sum / weight_sum : from[i];
    const auto words = philox_block(key, static_cast<std::uint32_t>(i),
                                    static_cast<std::uint32_t>(tick.value()), kPurposeStep, 0);
    const float shock_draw = static_cast<float>(words[0]) * kWordToUnit;
    const float shock_size = static_cast<float>(words[1]) * kWordToUnit;
    float next = inertia[i] * from[i] + (1.0F - inertia[i]) * mean;
    if (shock_draw < 0.01F) next += 0.5F * shock_size;
    to[i] = next > 1.0F ? 1.0F : next;
  }
}
}  // namespace

ReferenceKernel::ReferenceKernel(std::uint32_t agents, std::uint64_t seed)
    : key_(RandomKey::from(seed, 0)) {
  level_a_ = agents_.add_column<float>("level_a");
  level_b_ = agents_.add_column<float>("level_b");
  inertia_ = agents_.add_column<float>("inertia");
  for (std::uint32_t i = 0; i < agents; ++i) (void)agents_.spawn();

  std::vector<double> attribute(agents);
  for (std::uint32_t i = 0; i < agents; ++i) {
    RandomStream s(key_, i, Tick{0}, kPurposeInit);
    attribute[i] = s.next_double();
  }
  SmallWorldSpec spec;
  spec.mean_degree = 12;
  spec.rewire_probability = 0.1;
  spec.homophily = 0.9;
  auto ties = homophilous_small_world_ties(attribute, spec, key_, kPurposeNetwork);
  for (std::size_t t = 0; t < ties.size(); ++t) {
    ties[t].weight = 0.5F + static_cast<float>(attribute[ties[t].target]);
  }
  network_ = Network::from_ties(agents, ties);

  // Double buffering as two phases with static declarations: on even ticks A -> B, on odd
  // ticks B -> A. Each phase reads other agents' values of one column and writes the other.
  auto add_step = [this](const char* name, Column<float> from, Column<float> to, int parity) {
    scheduler_.add_parallel_phase(
        name, agents_,
        Access{}.read_others(agents_, from).write(agents_, to).read(agents_, inertia_),
        [this, from, to](PhaseContext& ctx, const BlockRange& block) {
          step_block(network_, ctx.read(agents_, from), ctx.write(agents_, to),
                     ctx.read(agents_, inertia_), ctx.key(), ctx.tick(), block);
        },
        [parity](Tick tick) { return (tick.value() & 1) == parity; });
  };
  add_step("step_a_to_b", level_a_, level_b_, 0);
  add_step("step_b_to_a", level_b_, level_a_, 1);
}

void ReferenceKernel::reset_state() {
  auto a = agents_.values(level_a_);
  auto b = agents_.values(level_b_);
  auto inertia = agents_.values(inertia_);
  for (std::size_t i = 0; i < agents_.size(); ++i) {
    RandomStream s(key_, static_cast<std::uint32_t>(i), Tick{0}, kPurposeInit);
    (void)s.next_double();  // the attribute drawn at construction
    a[i] = static_cast<float>(s.next_double());
    b[i] = 0.0F;
    inertia[i] = 0.5F + 0.4F * static_cast<float>(s.next_double());
  }
}

ReferenceKernelFigures ReferenceKernel::run(std::uint32_t warmup_ticks, std::uint32_t ticks,
                                            int threads) {
  reset_state();
  Executor executor(threads);
  Simulation simulation(scheduler_, executor, key_);
  const Tick start{0};
  (void)simulation.run(start, start + static_cast<Tick::rep_type>(warmup_ticks));
  const auto t0 = std::chrono::steady_clock::now();
  (void)simulation.run(start + static_cast<Tick::rep_type>(warmup_ticks),
                       start + static_cast<Tick::rep_type>(warmup_ticks + ticks));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  ReferenceKernelFigures figures;
  figures.agents = static_cast<std::uint32_t>(agents_.size());
  figures.ticks = ticks;
  figures.threads = threads;
  figures.seconds = seconds;
  figures.updates_per_second =
      seconds > 0.0 ? static_cast<double>(agents_.size()) * ticks / seconds : 0.0;
  figures.mean_degree =
      agents_.empty() ? 0.0 : static_cast<double>(network_.edge_count()) / static_cast<double>(agents_.size());
  figures.bytes_per_agent =
      agents_.empty() ? 0
                      : (agents_.allocated_bytes() + network_.allocated_bytes()) / agents_.size();
  Checksum checksum;
  agents_.for_each_column_bytes([&](const std::string&, std::span<const std::byte> bytes) {
    checksum.add(bytes);
  });
  figures.checksum = checksum.value();
  return figures;
}

}  // namespace wijksim::engine
