#pragma once
// Ctrl-C and `kill` stop a run at a tick boundary instead of killing it: while a StopOnSignal
// lives, SIGINT and SIGTERM set a flag that ScenarioRun::run checks between ticks. The command
// then abandons its output (the temporary file is removed; no file under the final name) and
// exits non-zero. A second signal of the same kind gets the default action (the handler is
// reset after the first), so a run that does not stop can still be killed.
#include <atomic>

namespace wijksim::cli {

class StopOnSignal {
 public:
  /// Installs the handlers. Only one StopOnSignal may live at a time (a signal handler can only
  /// reach static state); a second one throws std::logic_error.
  StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  /// Restores the handlers that were installed before.
  ~StopOnSignal();

  /// Set by the first SIGINT or SIGTERM.
  [[nodiscard]] const std::atomic<bool>& flag() const noexcept;
  /// The signal that set the flag (0 when none).
  [[nodiscard]] int signal() const noexcept;
  /// "SIGINT", "SIGTERM".
  [[nodiscard]] static const char* name(int signal) noexcept;
};

}  // namespace wijksim::cli
