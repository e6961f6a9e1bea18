#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace wijksim::cli {
namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kTerminalInterval = std::chrono::milliseconds(200);
}  // namespace

ProgressMeter::ProgressMeter(std::string label, std::uint64_t total, Mode mode, std::ostream& out, std::string unit,
                             std::chrono::duration<double> log_interval)
    : label_(std::move(label)),
      total_(std::max<std::uint64_t>(1, total)),
      mode_(mode),
      out_(&out),
      unit_(std::move(unit)),
      interval_(mode == Mode::terminal ? std::chrono::duration_cast<Clock::duration>(kTerminalInterval)
                                       : std::chrono::duration_cast<Clock::duration>(log_interval)),
      start_(Clock::now()),
      next_due_(interval_.count()) {}

ProgressMeter::~ProgressMeter() {
  // A command that fails mid-way leaves no half-drawn line behind its error message.
  if (mode_ == Mode::terminal && last_width_ > 0 && !finished_) *out_ << '\n' << std::flush;
}

ProgressMeter::Mode ProgressMeter::mode_for(bool quiet) noexcept {
  if (quiet) return Mode::quiet;
  return isatty(STDERR_FILENO) == 1 ? Mode::terminal : Mode::log;
}

std::string ProgressMeter::duration_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  std::ostringstream out;
  if (s < 60) {
    out << s << " s";
  } else if (s < 3600) {
    out << s / 60 << " min " << std::setw(2) << std::setfill('0') << s % 60 << " s";
  } else {
    out << s / 3600 << " h " << std::setw(2) << std::setfill('0') << (s % 3600) / 60 << " min";
  }
  return out.str();
}

void ProgressMeter::advance(std::uint64_t units) {
  const std::uint64_t done = done_.fetch_add(units, std::memory_order_relaxed) + units;
  if (mode_ == Mode::quiet) return;
  const Clock::time_point now = Clock::now();
  const std::int64_t since_start = (now - start_).count();
  if (since_start < next_due_.load(std::memory_order_relaxed)) return;
  std::unique_lock lock(write_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  if (since_start < next_due_.load(std::memory_order_relaxed)) return;  // another thread just wrote
  next_due_.store(since_start + interval_.count(), std::memory_order_relaxed);
  show(done, now, false);
}

void ProgressMeter::finish() {
  const std::lock_guard lock(write_);
  if (finished_ || mode_ == Mode::quiet) {
    finished_ = true;
    return;
  }
  show(done_.load(), Clock::now(), true);
  if (mode_ == Mode::terminal) *out_ << '\n' << std::flush;
  finished_ = true;
}

void ProgressMeter::show(std::uint64_t done, Clock::time_point now, bool final) {
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double share = std::min(1.0, static_cast<double>(done) / static_cast<double>(total_));
  std::ostringstream text;
  text << label_ << ": " << std::fixed << std::setprecision(0) << 100.0 * share << "% (" << done << " of " << total_ << ' '
       << unit_ << "), " << duration_text(elapsed) << (final ? " in all" : " elapsed");
  if (!final && share > 0.0 && share < 1.0) text << ", about " << duration_text(elapsed / share * (1.0 - share)) << " left";
  const std::string line = text.str();
  if (mode_ == Mode::terminal) {
    *out_ << '\r' << line;
    if (line.size() < last_width_) *out_ << std::string(last_width_ - line.size(), ' ');
    *out_ << std::flush;
    last_width_ = line.size();
  } else {
    *out_ << line << '\n' << std::flush;
  }
}

}  // namespace wijksim::cli
