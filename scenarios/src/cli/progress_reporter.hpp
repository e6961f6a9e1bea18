#pragma once
// Progress of long work on stderr (ARCHITECTURE.md, "Command line"): on a terminal, one line
// redrawn in place with the share done and an estimate of the time left; in a log (stderr not
// a terminal), a plain line every few seconds, so that logs stay short.
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "wijksim/engine/simulation.hpp"

namespace wijksim::cli {

class ProgressReporter final : public engine::Observer {
 public:
  /// `label`: what is running ("wijksim run"); ticks [0, end) are counted. `is_terminal`: draw
  /// one line in place (else a plain line every `log_interval`).
  ProgressReporter(std::string label, engine::Tick end, std::ostream& out, bool is_terminal,
                   std::chrono::duration<double> log_interval = std::chrono::seconds(5));
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;
  /// Ends the line being redrawn, if any.
  ~ProgressReporter() override;

  void on_tick_end(engine::Tick tick) override;

  /// True when stderr is a terminal.
  [[nodiscard]] static bool stderr_is_terminal() noexcept;

 private:
  [[nodiscard]] std::string line(engine::Tick tick, double elapsed_seconds) const;

  std::string label_;
  engine::Tick end_;
  std::ostream* out_;
  bool is_terminal_;
  std::chrono::duration<double> interval_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_shown_;
  std::size_t last_width_ = 0;
  bool is_line_open_ = false;
};

}  // namespace wijksim::cli
