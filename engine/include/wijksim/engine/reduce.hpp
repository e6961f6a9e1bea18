#pragma once
// Deterministic reductions: each fixed block is reduced in index order, then the block results
// are combined in block order. Floating-point sums therefore come out bit-identical at any
// thread count (a tbb::parallel_reduce would not guarantee that).
#include <cstddef>
#include <vector>

#include "wijksim/engine/executor.hpp"

namespace wijksim::engine {

/// Reduces [0, n) with map_block(BlockRange) -> T per block and combine(T, T) -> T in order.
template <class T, class MapBlock, class Combine>
[[nodiscard]] T deterministic_reduce(Executor& executor, std::size_t n, std::size_t block_size,
                                     T identity, MapBlock&& map_block, Combine&& combine) {
  std::vector<T> partial(block_count(n, block_size), identity);
  executor.for_each_block(n, block_size,
                          [&](const BlockRange& block) { partial[block.index] = map_block(block); });
  T total = identity;
  for (const T& p : partial) total = combine(total, p);
  return total;
}

/// Sum over i in [0, n) of value(i), deterministic at any thread count.
template <class Value>
[[nodiscard]] double deterministic_sum(Executor& executor, std::size_t n, std::size_t block_size,
                                       Value&& value) {
  return deterministic_reduce(
      executor, n, block_size, 0.0,
      [&](const BlockRange& block) {
        double s = 0.0;
        for (std::size_t i = block.begin; i < block.end; ++i) s += value(i);
        return s;
      },
      [](double a, double b) { return a + b; });
}

}  // namespace wijksim::engine
