#pragma once
// The phase scheduler. A model registers ordered phases (its systems); each phase declares
// which columns it reads and writes. Parallel phases run over a store's agents in fixed
// blocks; serial phases run once. Declarations are checked twice:
//   - when a phase is added: a parallel phase may not write a column it reads from *other*
//     agents (that is a data race; double-buffer instead);
//   - when a phase runs: PhaseContext::read/write refuse a column the phase did not declare.
//
// Usage:
//   Scheduler s;
//   s.add_parallel_phase("spread", people,
//       Access{}.read_others(people, infected).write(people, infected_next),
//       [&](PhaseContext& ctx, const BlockRange& block) {
//         auto in = ctx.read(people, infected);
//         auto out = ctx.write(people, infected_next);
//         for (auto i = block.begin; i < block.end; ++i) out[i] = ...;
//       });
//   s.run_tick(Tick{0}, executor, key);
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/error.hpp"
#include "wijksim/engine/executor.hpp"
#include "wijksim/engine/random.hpp"
#include "wijksim/engine/strong_id.hpp"

namespace wijksim::engine {

/// One declared column access, with a label ("store.column") for messages and listings.
struct ColumnAccess {
  ColumnKey key;
  std::string label;
};

/// What a phase reads and writes. `read` covers reads of an agent's own slot;
/// `read_others` covers reads of other agents' slots (neighbours, household members).
class Access {
 public:
  template <class Id, class T>
  Access& read(const AgentStore<Id>& store, Column<T> column) {
    reads_.push_back(entry(store, column));
    return *this;
  }
  template <class Id, class T>
  Access& read_others(const AgentStore<Id>& store, Column<T> column) {
    reads_others_.push_back(entry(store, column));
    return *this;
  }
  template <class Id, class T>
  Access& write(const AgentStore<Id>& store, Column<T> column) {
    writes_.push_back(entry(store, column));
    return *this;
  }

  [[nodiscard]] const std::vector<ColumnAccess>& reads() const noexcept { return reads_; }
  [[nodiscard]] const std::vector<ColumnAccess>& reads_others() const noexcept {
    return reads_others_;
  }
  [[nodiscard]] const std::vector<ColumnAccess>& writes() const noexcept { return writes_; }

  [[nodiscard]] bool may_read(const ColumnKey& key) const noexcept {
    return contains(reads_, key) || contains(reads_others_, key) || contains(writes_, key);
  }
  [[nodiscard]] bool may_write(const ColumnKey& key) const noexcept {
    return contains(writes_, key);
  }

 private:
  template <class Id, class T>
  static ColumnAccess entry(const AgentStore<Id>& store, Column<T> column) {
    return ColumnAccess{column.key, store.name() + "." + store.column_name(column.key.index)};
  }
  static bool contains(const std::vector<ColumnAccess>& list, const ColumnKey& key) noexcept {
    return std::any_of(list.begin(), list.end(), [&](const ColumnAccess& a) { return a.key == key; });
  }

  std::vector<ColumnAccess> reads_, reads_others_, writes_;
};

/// What a running phase sees: the tick, the run's random key, and checked column access.
class PhaseContext {
 public:
  /// `executor`: the run's executor, given to serial phases (side_by_side, for_each_block); null in blocks.
  PhaseContext(const std::string& phase, const Access& access, Tick tick, RandomKey key,
               Executor* executor = nullptr) noexcept
      : phase_(&phase), access_(&access), tick_(tick), key_(key), executor_(executor) {}

  [[nodiscard]] Tick tick() const noexcept { return tick_; }
  [[nodiscard]] RandomKey key() const noexcept { return key_; }
  [[nodiscard]] const std::string& phase() const noexcept { return *phase_; }

  /// A stream for one entity and purpose at this tick.
  [[nodiscard]] RandomStream stream(std::uint32_t entity, std::uint32_t purpose) const noexcept {
    return RandomStream(key_, entity, tick_, purpose);
  }

  /// Runs first() and second() of a serial phase at the same time, each on one of the
  /// executor's threads (one after the other at one thread, or inside a block body), and
  /// returns when both are done. Neither may write anything the other reads or writes, so the
  /// results never depend on the thread count. An exception from either is rethrown here (the
  /// other piece may then not have run). Two fixed blocks of one item: the same fork-join
  /// region, with the same annotations for ThreadSanitizer, as every parallel phase.
  template <class First, class Second>
  void side_by_side(First&& first, Second&& second) const {
    for_each_block(2, 1, [&](const BlockRange& piece) {
      if (piece.index == 0) {
        first();
      } else {
        second();
      }
    });
  }

  /// The run's executor, for parallel loops inside a serial phase over state the phase owns
  /// (AgentStore::commit); null inside a block body.
  [[nodiscard]] Executor* executor() const noexcept { return executor_; }

  /// A loop over fixed blocks of [0, n) inside a serial phase, in parallel on the executor's
  /// threads (Executor::for_each_block: each block writes only what it owns, so results are the
  /// same at any thread count); block after block inside a block body.
  template <class Body>
  void for_each_block(std::size_t n, std::size_t block_size, Body&& body) const {
    if (executor_ != nullptr) {
      executor_->for_each_block(n, block_size, std::forward<Body>(body));
      return;
    }
    for_each_block_in_order(n, block_size, std::forward<Body>(body));
  }

  /// Read-only view of a declared column. Throws AccessError if the phase did not declare it.
  template <class Id, class T>
  [[nodiscard]] std::span<const T> read(const AgentStore<Id>& store, Column<T> column) const {
    if (!access_->may_read(column.key)) refuse("read", store.name(), store.column_name(column.key.index));
    return store.values(column);
  }
  /// Writable view of a declared column. Throws AccessError if the phase did not declare a
  /// write to it.
  template <class Id, class T>
  [[nodiscard]] std::span<T> write(AgentStore<Id>& store, Column<T> column) const {
    if (!access_->may_write(column.key)) refuse("write", store.name(), store.column_name(column.key.index));
    return store.values(column);
  }

 private:
  [[noreturn]] void refuse(const char* what, const std::string& store,
                           const std::string& column) const;

  const std::string* phase_;
  const Access* access_;
  Tick tick_;
  RandomKey key_;
  Executor* executor_;
};

/// Time spent in one phase, summed over the ticks run so far (diagnostics only; never
/// influences results).
struct PhaseTiming {
  std::string name;
  double seconds = 0.0;
  std::uint64_t calls = 0;
};

/// The ordered list of phases of a model. Built once, then run tick after tick.
class Scheduler {
 public:
  using BlockBody = std::function<void(PhaseContext&, const BlockRange&)>;
  using SerialBody = std::function<void(PhaseContext&)>;
  using TickFilter = std::function<bool(Tick)>;

  /// Agents per block of a parallel phase. Part of the model's definition of a run: it fixes
  /// block boundaries (and so the order of per-block reductions), independently of threads.
  static constexpr std::size_t kDefaultBlockSize = 2048;

  explicit Scheduler(std::size_t block_size = kDefaultBlockSize);

  /// A phase that runs body once per fixed block of the store's current agents, in parallel.
  /// Throws AccessError if `access` writes a column it also reads from other agents.
  /// `runs_at` (optional) says at which ticks the phase runs (yearly ageing, the even ticks of
  /// a double buffer); at other ticks it costs nothing, not even a dispatch to the threads.
  template <class Id>
  void add_parallel_phase(std::string name, const AgentStore<Id>& store, Access access,
                          BlockBody body, TickFilter runs_at = {}) {
    add(std::move(name), [&store] { return store.size(); }, std::move(access), std::move(body),
        nullptr, std::move(runs_at));
  }

  /// A phase that runs body once, on the calling thread (arbitration, births, commits).
  void add_serial_phase(std::string name, Access access, SerialBody body, TickFilter runs_at = {});

  /// Lets the serial phase `serial` run at the same time as the parallel phase added right
  /// after it, instead of before it: the serial body is one more item of the parallel phase's
  /// blocks, taken first, so one thread runs it while the others work the blocks and it joins
  /// them when done (at one thread: the serial phase, then the blocks, as before). Results stay
  /// those of running them in order, and independent of the thread count, because neither may
  /// touch what the other writes: throws AccessError naming a column one writes and the other
  /// declares, or if `serial` is not a serial phase followed by a parallel one (and, when run,
  /// if the serial phase changed the number of agents the blocks cover). The serial body
  /// then gets no executor (its own parallel loops run block after block). Timing: the serial
  /// phase is timed alone; the parallel one as the pair's wall time less that.
  void run_beside_next(const std::string& serial);

  /// Runs every phase in order for one tick.
  void run_tick(Tick tick, Executor& executor, RandomKey key);

  [[nodiscard]] std::size_t block_size() const noexcept { return block_size_; }
  [[nodiscard]] std::size_t phase_count() const noexcept { return phases_.size(); }
  /// One line per phase: name, kind, reads, writes (for `--help`-style listings and docs).
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] std::vector<PhaseTiming> timings() const;

 private:
  struct Phase {
    std::string name;
    std::function<std::size_t()> extent;  // empty for serial phases
    Access access;
    BlockBody block_body;
    SerialBody serial_body;
    TickFilter runs_at;
    PhaseTiming timing;
    bool beside_next = false;  // a serial phase that runs beside the next, parallel, phase
  };
  /// The serial phase and the parallel phase after it, side by side (run_beside_next).
  void run_pair(Phase& serial, Phase& parallel, Tick tick, Executor& executor, RandomKey key);
  void add(std::string name, std::function<std::size_t()> extent, Access access,
           BlockBody block_body, SerialBody serial_body, TickFilter runs_at);

  std::size_t block_size_;
  std::vector<Phase> phases_;
};

}  // namespace wijksim::engine
