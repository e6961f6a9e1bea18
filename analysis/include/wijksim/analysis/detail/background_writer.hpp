#pragma once
// A thread that runs a recorder's HDF5 chunk writes while the simulation goes on: a full
// chunk's rows are handed over (ChunkedAppender::append) and written here, compressed on the
// way (a recorder's datasets have no chunk cache), off the simulation's path (`wijksim bench
// output`).
//
// Jobs run one at a time in the order submitted. The first job that throws stops the rest (no
// later job runs, ever): its exception is rethrown by the next submit() or drain() on the owner's thread, so a
// failed write still stops the run with the file's name, the dataset and HDF5's message.
// Only one thread calls HDF5 at a time as long as the owner calls HDF5 for this file only
// through drain()ed appenders; HDF5 itself is also built thread-safe on Debian. Without a
// thread-safe HDF5 the jobs run at once, on the submitting thread.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace wijksim::analysis::detail {

class BackgroundWriter {
 public:
  BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;
  /// Waits for the queued jobs (an error among them is dropped: call drain() first to see it)
  /// and joins the thread.
  ~BackgroundWriter();

  /// Queues `job`. Rethrows the exception of an earlier job that failed (once).
  void submit(std::function<void()> job);
  /// Waits until every submitted job has run. Rethrows the exception of a job that failed
  /// (once).
  void drain();
  /// Seconds the jobs took on the writer thread, in all (for `wijksim bench output`).
  [[nodiscard]] double busy_seconds() const;
  [[nodiscard]] bool is_threaded() const noexcept { return thread_.joinable(); }

 private:
  void work();
  void rethrow_failure();

  mutable std::mutex mutex_;
  std::condition_variable has_work_;
  std::condition_variable is_idle_;
  std::deque<std::function<void()>> jobs_;
  std::exception_ptr failure_;  // until reported
  bool has_failed_ = false;      // for good: no job runs after a failure
  bool is_running_job_ = false;
  bool is_stopping_ = false;
  double busy_seconds_ = 0.0;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace wijksim::analysis::detail
