#include "wijksim/engine/cache_migration.hpp"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "wijksim/engine/error.hpp"

namespace wijksim::engine {
namespace {

/// The first two CPUs this process may run on, or -1 where there are fewer.
std::pair<int, int> first_two_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return {-1, -1};
  std::vector<int> cpus;
  for (int c = 0; c < CPU_SETSIZE && cpus.size() < 2; ++c) {
    if (CPU_ISSET(static_cast<std::size_t>(c), &set)) cpus.push_back(c);
  }
  return cpus.size() == 2 ? std::pair{cpus[0], cpus[1]} : std::pair{-1, -1};
}

/// Runs `work` on a new thread pinned to `cpu` (unpinned when cpu < 0), and waits for it.
/// Returns whether the thread was pinned.
template <class Work>
bool run_on(int cpu, Work&& work) {
  bool pinned = false;
  std::thread t([&] {
    if (cpu >= 0) {
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(static_cast<std::size_t>(cpu), &set);
      pinned = pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0;
    }
    work();
  });
  t.join();
  return pinned;
}

}  // namespace

CacheMigrationFigures measure_cache_migration(std::size_t bytes, int repeats) {
  if (bytes < 4096) throw InputError("cache migration probe size", "at least 4096 bytes", std::to_string(bytes));
  if (repeats < 1) throw InputError("cache migration probe repeats", "an integer >= 1", std::to_string(repeats));
  const std::size_t n = bytes / sizeof(float);
  std::vector<float> state(n, 1.0F);
  // Random slots, as the model's gathers through households, episodes and ties touch them.
  std::vector<std::uint32_t> slots(std::max<std::size_t>(1, n / 8));
  std::uint64_t x = 0x9E3779B97F4A7C15ULL;
  for (auto& s : slots) {
    x ^= x << 13U;
    x ^= x >> 7U;
    x ^= x << 17U;
    s = static_cast<std::uint32_t>(x % n);
  }
  const auto write_all = [&] {
    for (float& v : state) v += 1.0F;
  };
  volatile float sink = 0.0F;  // keeps the touches from being optimised away
  double elapsed = 0.0;
  const auto timed_touches = [&] {
    const auto t0 = std::chrono::steady_clock::now();
    float carry = 0.0F;
    for (const std::uint32_t s : slots) {
      carry += state[s];
      state[s] = carry * 0.5F;
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    sink = sink + carry;
  };
  const auto [reader, writer] = first_two_cpus();
  CacheMigrationFigures out;
  out.bytes = n * sizeof(float);
  out.touches = slots.size();
  bool pinned = reader >= 0;
  double same = std::numeric_limits<double>::max();
  double other = std::numeric_limits<double>::max();
  for (int r = 0; r < repeats; ++r) {
    pinned = run_on(reader, write_all) && pinned;
    pinned = run_on(reader, timed_touches) && pinned;
    same = std::min(same, elapsed);
    pinned = run_on(writer, write_all) && pinned;
    pinned = run_on(reader, timed_touches) && pinned;
    other = std::min(other, elapsed);
  }
  out.pinned = pinned;
  out.same_core_ns_per_touch = 1e9 * same / static_cast<double>(slots.size());
  out.other_core_ns_per_touch = 1e9 * other / static_cast<double>(slots.size());
  out.ratio = same > 0.0 ? other / same : 0.0;
  return out;
}

}  // namespace wijksim::engine
