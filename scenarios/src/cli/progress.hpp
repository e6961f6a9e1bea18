#pragma once
// Progress of long commands made of many units of work done on several threads at once (the
// weeks simulated by all runs of `compare`): on a terminal, one line redrawn in place with the
// share done and the time left; in a log (stderr not a terminal), a plain line every few
// seconds; nothing with --quiet (ARCHITECTURE.md, "Command line").
//
// @code
//   ProgressMeter progress("wijksim compare", total_weeks, ProgressMeter::mode_for(quiet));
//   ... on any thread: progress.advance();
//   progress.finish();  // the final line (and a newline on a terminal)
// @endcode
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <ostream>
#include <string>

namespace wijksim::cli {

class ProgressMeter {
 public:
  enum class Mode : std::uint8_t { quiet, terminal, log };

  /// `total` units make 100%; `unit` names them in log lines ("weeks simulated").
  ProgressMeter(std::string label, std::uint64_t total, Mode mode, std::ostream& out,
                std::string unit = "units", std::chrono::duration<double> log_interval = std::chrono::seconds(5));
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;
  ~ProgressMeter();

  /// Quiet when asked; otherwise terminal when stderr is a terminal, else log.
  [[nodiscard]] static Mode mode_for(bool quiet) noexcept;

  /// Counts `units` done. Thread-safe and cheap: at most one thread at a time writes a line,
  /// and only when one is due.
  void advance(std::uint64_t units = 1);
  /// Writes the final line (terminal and log modes) and ends the redrawn line. Idempotent.
  void finish();

  /// "42 s", "3 min 05 s", "1 h 02 min".
  [[nodiscard]] static std::string duration_text(double seconds);

 private:
  void show(std::uint64_t done, std::chrono::steady_clock::time_point now, bool final);

  std::string label_;
  std::uint64_t total_;
  Mode mode_;
  std::ostream* out_;
  std::string unit_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<std::int64_t> next_due_;  ///< steady_clock ticks since start_
  std::mutex write_;
  std::size_t last_width_ = 0;
  bool finished_ = false;
};

}  // namespace wijksim::cli
