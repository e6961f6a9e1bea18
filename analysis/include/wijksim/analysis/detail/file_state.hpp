#pragma once
// State shared by an open file and every object opened from it. Not thread-safe: a file and
// everything opened from it are used by one thread at a time (a recorder runs on the thread
// that calls Simulation::run).
#include <set>
#include <string>

namespace wijksim::analysis::detail {

struct FileState {
  /// The path users know: the final name of an output (not its temporary name), or the
  /// path of a file being read. Every error message starts with it.
  std::string display_path;
  /// Object paths of writers that hold buffered rows and have not been closed yet; commit()
  /// refuses while any is listed, since their rows would be lost.
  std::multiset<std::string> open_writers;
  /// First failure of a writer that was destroyed without close() and could not write its
  /// last rows; commit() reports it instead of marking an incomplete file complete.
  std::string deferred_failure;
};

}  // namespace wijksim::analysis::detail
