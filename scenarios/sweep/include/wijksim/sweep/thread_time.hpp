#pragma once
// Where the calling thread's time has gone since it started, as the kernel counts it: on a
// core, and runnable but waiting for a core (held by another thread or process). The rest of
// its life it was blocked (a lock, I/O, a wait). On a shared machine this tells a sweep that
// cannot keep its cores busy because others hold them from one whose runs wait on each other.
#include <optional>

namespace wijksim::sweep {

struct ThreadTimes {
  double on_core_s = 0.0;
  double waiting_for_core_s = 0.0;
};

/// The calling thread's times from Linux's /proc/thread-self/schedstat; empty where the kernel
/// does not keep them (another system, or scheduler statistics compiled out). Thread-safe.
[[nodiscard]] std::optional<ThreadTimes> this_thread_times();

}  // namespace wijksim::sweep
