#include "cli/stop_on_signal.hpp"

#include <csignal>
#include <stdexcept>

namespace wijksim::cli {
namespace {

// A signal handler reaches only static state; lock-free atomics are safe to set from it.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
std::atomic<bool> g_installed{false};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void on_stop_signal(int signal) {
  g_signal.store(signal, std::memory_order_relaxed);
  g_stop.store(true, std::memory_order_relaxed);
}

}  // namespace

StopOnSignal::StopOnSignal() {
  if (g_installed.exchange(true)) throw std::logic_error("StopOnSignal: one is already installed");
  g_stop.store(false);
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // A second signal of the same kind gets the default action (SA_RESETHAND is 0x80000000u).
  action.sa_flags = static_cast<int>(SA_RESETHAND);
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

StopOnSignal::~StopOnSignal() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  g_installed.store(false);
}

const std::atomic<bool>& StopOnSignal::flag() const noexcept { return g_stop; }

int StopOnSignal::signal() const noexcept { return g_signal.load(std::memory_order_relaxed); }

const char* StopOnSignal::name(int signal) noexcept {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "a signal";
  }
}

}  // namespace wijksim::cli
