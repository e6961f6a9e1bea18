#include "wijksim/analysis/detail/background_writer.hpp"

#include <chrono>
#include <utility>

#include "detail/h5_api.hpp"

namespace wijksim::analysis::detail {

BackgroundWriter::BackgroundWriter() {
  hbool_t threadsafe = 0;
  if (H5is_library_threadsafe(&threadsafe) >= 0 && threadsafe != 0) thread_ = std::thread([this] { work(); });
}

BackgroundWriter::~BackgroundWriter() {
  if (!thread_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    is_stopping_ = true;
  }
  has_work_.notify_one();
  thread_.join();
}

void BackgroundWriter::rethrow_failure() {
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void BackgroundWriter::submit(std::function<void()> job) {
  if (!thread_.joinable()) {
    job();
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    rethrow_failure();
    jobs_.push_back(std::move(job));
  }
  has_work_.notify_one();
}

void BackgroundWriter::drain() {
  std::unique_lock lock(mutex_);
  is_idle_.wait(lock, [this] { return jobs_.empty() && !is_running_job_; });
  rethrow_failure();
}

double BackgroundWriter::busy_seconds() const {
  const std::lock_guard lock(mutex_);
  return busy_seconds_;
}

void BackgroundWriter::work() {
  quiet_hdf5();  // per thread in a thread-safe HDF5
  std::unique_lock lock(mutex_);
  for (;;) {
    has_work_.wait(lock, [this] { return is_stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping, and nothing left
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    is_running_job_ = true;
    const bool skip = has_failed_;  // after a failure nothing more is written
    lock.unlock();
    const auto start = std::chrono::steady_clock::now();
    std::exception_ptr error;
    if (!skip) {
      try {
        job();
      } catch (...) {
        error = std::current_exception();
      }
    }
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lock.lock();
    busy_seconds_ += took;
    if (error && !has_failed_) {
      failure_ = error;
      has_failed_ = true;
    }
    is_running_job_ = false;
    if (jobs_.empty()) is_idle_.notify_all();
  }
}

}  // namespace wijksim::analysis::detail
