#include "wijksim/engine/scheduler.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

namespace wijksim::engine {

void PhaseContext::refuse(const char* what, const std::string& store,
                          const std::string& column) const {
  throw AccessError("phase '" + *phase_ + "' tried to " + what + " column '" + store + "." +
                    column + "' that it did not declare; add it to the phase's Access");
}

Scheduler::Scheduler(std::size_t block_size) : block_size_(block_size) {
  if (block_size_ == 0) throw InputError("scheduler block size", "an integer >= 1", "0");
}

void Scheduler::add_serial_phase(std::string name, Access access, SerialBody body,
                                 TickFilter runs_at) {
  add(std::move(name), {}, std::move(access), nullptr, std::move(body), std::move(runs_at));
}

void Scheduler::add(std::string name, std::function<std::size_t()> extent, Access access,
                    BlockBody block_body, SerialBody serial_body, TickFilter runs_at) {
  for (const auto& p : phases_) {
    if (p.name == name) throw AccessError("phase '" + name + "' added twice");
  }
  if (extent) {
    for (const auto& w : access.writes()) {
      for (const auto& r : access.reads_others()) {
        if (w.key == r.key) {
          throw AccessError("parallel phase '" + name + "' writes column '" + w.label +
                            "' and reads it from other agents: that is a data race; "
                            "read last tick's column and write a second one (double-buffer)");
        }
      }
    }
  }
  Phase phase{name,
              std::move(extent),
              std::move(access),
              std::move(block_body),
              std::move(serial_body),
              std::move(runs_at),
              PhaseTiming{name, 0.0, 0}};
  phases_.push_back(std::move(phase));
}

namespace {
/// The first column that `writer` writes and `other` declares in any way, or null.
const ColumnAccess* first_conflict(const Access& writer, const Access& other) {
  for (const auto& w : writer.writes()) {
    if (other.may_read(w.key)) return &w;
  }
  return nullptr;
}
}  // namespace

void Scheduler::run_beside_next(const std::string& serial) {
  const auto it = std::find_if(phases_.begin(), phases_.end(), [&](const Phase& p) { return p.name == serial; });
  if (it == phases_.end() || it->extent) {
    throw AccessError("run_beside_next: '" + serial + "' is not a serial phase of this scheduler");
  }
  const auto next = std::next(it);
  if (next == phases_.end() || !next->extent) {
    throw AccessError("run_beside_next: the phase after '" + serial + "' must be a parallel phase");
  }
  for (const auto& [writer, other] : {std::pair{&*it, &*next}, std::pair{&*next, &*it}}) {
    if (const ColumnAccess* c = first_conflict(writer->access, other->access)) {
      throw AccessError("phases '" + it->name + "' and '" + next->name + "' cannot run side by side: '" +
                        writer->name + "' writes column '" + c->label + "' that '" + other->name + "' declares");
    }
  }
  it->beside_next = true;
}

void Scheduler::run_pair(Phase& serial, Phase& parallel, Tick tick, Executor& executor, RandomKey key) {
  const auto start = std::chrono::steady_clock::now();
  double serial_seconds = 0.0;
  const std::size_t n = parallel.extent();
  // Item 0 is the serial phase, items 1.. the parallel phase's fixed blocks: the blocks and
  // their indices are those of running the phase alone.
  executor.for_each_block(block_count(n, block_size_) + 1, 1, [&](const BlockRange& item) {
    if (item.index == 0) {
      const auto serial_start = std::chrono::steady_clock::now();
      PhaseContext ctx(serial.name, serial.access, tick, key);
      serial.serial_body(ctx);
      serial_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - serial_start).count();
      return;
    }
    PhaseContext ctx(parallel.name, parallel.access, tick, key);
    parallel.block_body(ctx, block_range(item.index - 1, n, block_size_));
  });
  if (parallel.extent() != n) {
    throw AccessError("phase '" + serial.name + "' changed the number of agents of '" + parallel.name +
                      "' while running beside it");
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  serial.timing.seconds += serial_seconds;
  ++serial.timing.calls;
  parallel.timing.seconds += std::max(0.0, wall - serial_seconds);
  ++parallel.timing.calls;
}

void Scheduler::run_tick(Tick tick, Executor& executor, RandomKey key) {
  for (std::size_t i = 0; i < phases_.size(); ++i) {
    Phase& phase = phases_[i];
    if (phase.runs_at && !phase.runs_at(tick)) continue;
    if (phase.beside_next) {
      Phase& next = phases_[i + 1];
      if (!next.runs_at || next.runs_at(tick)) {
        run_pair(phase, next, tick, executor, key);
        ++i;
        continue;
      }
    }
    const auto start = std::chrono::steady_clock::now();
    if (phase.extent) {
      const std::size_t n = phase.extent();
      executor.for_each_block(n, block_size_, [&](const BlockRange& block) {
        PhaseContext ctx(phase.name, phase.access, tick, key);
        phase.block_body(ctx, block);
      });
    } else {
      PhaseContext ctx(phase.name, phase.access, tick, key, &executor);
      phase.serial_body(ctx);
    }
    phase.timing.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++phase.timing.calls;
  }
}

std::string Scheduler::describe() const {
  std::ostringstream out;
  auto list = [&out](const char* label, const std::vector<ColumnAccess>& accesses) {
    if (accesses.empty()) return;
    out << "  " << label << ":";
    for (const auto& a : accesses) out << ' ' << a.label;
  };
  for (const auto& p : phases_) {
    out << p.name << (p.extent ? " [parallel]" : " [serial]");
    list("reads", p.access.reads());
    list("reads-others", p.access.reads_others());
    list("writes", p.access.writes());
    out << '\n';
  }
  return out.str();
}

std::vector<PhaseTiming> Scheduler::timings() const {
  std::vector<PhaseTiming> result;
  result.reserve(phases_.size());
  for (const auto& p : phases_) result.push_back(p.timing);
  return result;
}

}  // namespace wijksim::engine
