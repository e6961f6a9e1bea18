#include "wijksim/engine/executor.hpp"

#include <string>
#include <thread>

#include "wijksim/engine/error.hpp"

namespace wijksim::engine {
namespace {
int checked_threads(int threads) {
  if (threads < 1) {
    throw InputError("thread count", "an integer >= 1", std::to_string(threads));
  }
  return threads;
}
}  // namespace

Executor::Executor(int threads)
    : threads_(checked_threads(threads)),
      raise_limit_(static_cast<unsigned>(threads) > std::thread::hardware_concurrency()
                       ? std::make_unique<tbb::global_control>(
                             tbb::global_control::max_allowed_parallelism,
                             static_cast<std::size_t>(threads))
                       : nullptr),
      arena_(threads) {}

Executor::~Executor() = default;

}  // namespace wijksim::engine
