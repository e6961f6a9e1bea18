#include "wijksim/engine/scheduler.hpp"

#include <sstream>

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

void Scheduler::run_tick(Tick tick, Executor& executor, RandomKey key) {
  for (auto& phase : phases_) {
    if (phase.runs_at && !phase.runs_at(tick)) continue;
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
