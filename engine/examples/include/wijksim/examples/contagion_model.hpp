#pragma once
// A small, non-trivial synthetic model that exercises every engine piece the way wijksim's
// care model will: SoA agents with births and deaths, a network that is rebuilt when the
// population changes, double-buffered neighbour reads, counter-based draws, capacity
// contention (clinic slots granted by priority), deterministic reductions and an observer.
//
// People carry a "load" in [0, 1] that spreads along ties and is raised by random shocks;
// people above a threshold ask the clinic of their area for a slot; granted people are treated
// for some weeks, which lowers their load. It is a demonstration and a test bed, not a model
// of anything: no parameter here has a source.
#include <cstdint>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/contention.hpp"
#include "wijksim/engine/network.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/engine/simulation.hpp"

namespace wijksim::examples {

struct ContagionConfig {
  std::uint32_t people = 20'000;
  std::uint32_t group_size = 4;           ///< people per household-like group
  std::uint32_t groups_per_area = 50;     ///< groups served by one clinic
  double clinic_slots_per_area = 3.0;     ///< new treatment slots per tick per clinic
  double birth_probability = 0.0004;      ///< per person per tick
  std::uint64_t seed = 1;
  std::uint64_t run_id = 0;
};

struct ContagionSummary {
  std::int32_t tick = 0;
  std::uint64_t population = 0;
  double mean_load = 0.0;
  std::uint64_t in_treatment = 0;
  std::uint64_t births = 0;       ///< cumulative
  std::uint64_t deaths = 0;       ///< cumulative
  std::uint64_t slots_granted = 0;  ///< cumulative
  std::uint64_t requests_refused = 0;  ///< cumulative
};

class ContagionModel {
 public:
  explicit ContagionModel(const ContagionConfig& config);

  [[nodiscard]] engine::Scheduler& scheduler() noexcept { return scheduler_; }
  [[nodiscard]] engine::RandomKey key() const noexcept { return key_; }
  /// Summary at the end of the last completed tick; the mean is a deterministic reduction.
  [[nodiscard]] ContagionSummary summary(engine::Executor& executor, engine::Tick last) const;
  /// Checksum of every column, the id list and the network arrays.
  [[nodiscard]] std::uint64_t state_checksum() const;
  /// Every column's bytes, the ids and the network, concatenated (for byte comparisons).
  [[nodiscard]] std::vector<std::byte> state_bytes() const;
  [[nodiscard]] const engine::Network& network() const noexcept { return network_; }
  [[nodiscard]] std::size_t population() const noexcept { return people_.size(); }

 private:
  struct PersonTag;
  using PersonId = engine::StrongId<PersonTag>;

  void build_phases();
  [[nodiscard]] std::span<const float> current_load(engine::Tick tick) const;

  ContagionConfig config_;
  engine::RandomKey key_;
  engine::AgentStore<PersonId> people_{"people"};
  engine::Column<float> load_a_, load_b_, age_years_;
  engine::Column<std::uint32_t> group_;
  engine::Column<std::uint16_t> treatment_weeks_left_;
  engine::Network network_;
  engine::Scheduler scheduler_;
  engine::RequestBuffer requests_;
  std::uint32_t next_group_ = 0;
  std::uint64_t births_ = 0, deaths_ = 0, granted_ = 0, refused_ = 0;
};

}  // namespace wijksim::examples
