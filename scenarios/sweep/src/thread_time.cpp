#include "wijksim/sweep/thread_time.hpp"

#include <fstream>

namespace wijksim::sweep {

std::optional<ThreadTimes> this_thread_times() {
  // Three numbers: nanoseconds on a core, nanoseconds runnable on a run queue, time slices.
  std::ifstream in("/proc/thread-self/schedstat");
  unsigned long long on_core_ns = 0;
  unsigned long long waiting_ns = 0;
  if (!(in >> on_core_ns >> waiting_ns)) return std::nullopt;
  return ThreadTimes{static_cast<double>(on_core_ns) * 1e-9, static_cast<double>(waiting_ns) * 1e-9};
}

}  // namespace wijksim::sweep
