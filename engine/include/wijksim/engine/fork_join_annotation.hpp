#pragma once
// Tells ThreadSanitizer about the happens-before edges of a fork-join region whose threads
// synchronise inside a library TSan cannot see into (Debian's libtbb is not instrumented):
// everything the forking thread did before fork() happens before each task's enter(), and
// each task's leave() happens before join(). Without these edges every value a TBB worker
// wrote and the caller read afterwards (or the reverse, across two regions) looks like a race,
// and suppressing those by library name would hide every real race inside the tasks as well.
// Outside a TSan build every call compiles to nothing.
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace wijksim::engine {

class ForkJoinAnnotation {
 public:
  void fork() noexcept { release(&fork_); }   ///< on the forking thread, before the region
  void enter() noexcept { acquire(&fork_); }  ///< in each task, before its work
  void leave() noexcept { release(&join_); }  ///< in each task, after its work
  void join() noexcept { acquire(&join_); }   ///< on the forking thread, after the region

 private:
#if defined(__SANITIZE_THREAD__)
  static void release(char* address) noexcept { __tsan_release(address); }
  static void acquire(char* address) noexcept { __tsan_acquire(address); }
#else
  static void release(char* /*address*/) noexcept {}
  static void acquire(char* /*address*/) noexcept {}
#endif
  char fork_ = 0;  // only their addresses matter: TSan keeps the clocks
  char join_ = 0;
};

}  // namespace wijksim::engine
