#include "cli/progress_reporter.hpp"

#include <unistd.h>

#include <cmath>
#include <iomanip>
#include <sstream>

namespace wijksim::cli {
namespace {

/// "42 s", "3 min 05 s", "1 h 02 min".
std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  std::ostringstream out;
  if (s < 1) {
    out << "<1 s";
  } else if (s < 60) {
    out << s << " s";
  } else if (s < 3600) {
    out << s / 60 << " min " << std::setw(2) << std::setfill('0') << s % 60 << " s";
  } else {
    out << s / 3600 << " h " << std::setw(2) << std::setfill('0') << (s % 3600) / 60 << " min";
  }
  return out.str();
}

}  // namespace

ProgressReporter::ProgressReporter(std::string label, engine::Tick end, std::ostream& out,
                                   bool is_terminal, std::chrono::duration<double> log_interval)
    : label_(std::move(label)),
      end_(end),
      out_(&out),
      is_terminal_(is_terminal),
      interval_(is_terminal ? std::chrono::duration<double>(0.2) : log_interval),
      start_(std::chrono::steady_clock::now()),
      last_shown_(start_) {}

ProgressReporter::~ProgressReporter() {
  if (is_line_open_) *out_ << '\n' << std::flush;
}

bool ProgressReporter::stderr_is_terminal() noexcept { return isatty(STDERR_FILENO) == 1; }

std::string ProgressReporter::line(engine::Tick tick, double elapsed) const {
  const int done = tick.value() + 1;
  const int total = std::max(1, end_.value());
  std::ostringstream text;
  text << label_ << ": tick " << done << " of " << total << " (" << std::fixed
       << std::setprecision(0) << 100.0 * done / total << "%), " << duration_text(elapsed)
       << " elapsed";
  if (done < total && done > 0)
    text << ", about " << duration_text(elapsed / done * (total - done)) << " left";
  return text.str();
}

void ProgressReporter::on_tick_end(engine::Tick tick) {
  const auto now = std::chrono::steady_clock::now();
  const bool is_last = tick.value() + 1 >= end_.value();
  if (now - last_shown_ < interval_ && !(is_last && is_terminal_)) return;
  last_shown_ = now;
  const std::string text = line(tick, std::chrono::duration<double>(now - start_).count());
  if (is_terminal_) {
    *out_ << '\r' << text;
    if (text.size() < last_width_) *out_ << std::string(last_width_ - text.size(), ' ');
    *out_ << std::flush;
    last_width_ = text.size();
    is_line_open_ = true;
  } else {
    *out_ << text << '\n' << std::flush;
  }
}

}  // namespace wijksim::cli
