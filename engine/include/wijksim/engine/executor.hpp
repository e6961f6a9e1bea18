#pragma once
// Runs work on a fixed number of threads, in fixed blocks. The block boundaries depend only on
// the problem size and the block size, never on the thread count, so per-block results
// (partial sums, request buffers) are the same at 1, 2 or 16 threads.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <memory>

#include "wijksim/engine/fork_join_annotation.hpp"

namespace wijksim::engine {

/// Number of fixed blocks of `block_size` that cover `n` items.
[[nodiscard]] constexpr std::size_t block_count(std::size_t n, std::size_t block_size) noexcept {
  return (n + block_size - 1) / block_size;
}

/// One fixed block of items: [begin, end), the `index`-th of its phase.
struct BlockRange {
  std::size_t index = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const noexcept { return end - begin; }
};

/// The `index`-th fixed block of `block_size` items of [0, n).
[[nodiscard]] constexpr BlockRange block_range(std::size_t index, std::size_t n, std::size_t block_size) noexcept {
  return BlockRange{index, index * block_size, std::min(n, (index + 1) * block_size)};
}

/// Calls body(BlockRange) for each fixed block of [0, n), one after the other in block order
/// (what a parallel loop does at one thread, or where no executor is at hand).
template <class Body>
void for_each_block_in_order(std::size_t n, std::size_t block_size, Body&& body) {
  for (std::size_t b = 0; b < block_count(n, block_size); ++b) body(block_range(b, n, block_size));
}

/// A TBB arena of `threads` threads (>= 1). Not copyable; share by reference.
class Executor {
 public:
  explicit Executor(int threads);
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;
  ~Executor();

  [[nodiscard]] int threads() const noexcept { return threads_; }

  /// Calls body(BlockRange) once for each fixed block of [0, n), in parallel. The body must
  /// only write state owned by its block (or per-block buffers indexed by block.index).
  template <class Body>
  void for_each_block(std::size_t n, std::size_t block_size, Body&& body) {
    const std::size_t blocks = block_count(n, block_size);
    if (blocks == 0) return;
    if (threads_ == 1 || blocks == 1) {
      for_each_block_in_order(n, block_size, body);
      return;
    }
    auto run_block = [&](std::size_t b) { body(block_range(b, n, block_size)); };
    ForkJoinAnnotation edges;
    edges.fork();
    arena_.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, blocks, 1),
          [&](const tbb::blocked_range<std::size_t>& r) {
            edges.enter();
            for (std::size_t b = r.begin(); b != r.end(); ++b) run_block(b);
            edges.leave();
          },
          tbb::simple_partitioner());
    });
    edges.join();
  }

 private:
  int threads_;
  std::unique_ptr<tbb::global_control> raise_limit_;  // only when threads > hardware threads
  tbb::task_arena arena_;
};

}  // namespace wijksim::engine
