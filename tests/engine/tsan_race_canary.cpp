// A planted data race inside engine::Executor's parallel blocks, built only in the
// ThreadSanitizer build: its test passes when TSan reports the race (the program then exits
// non-zero), so the TSan stage is shown able to fail. With a suppression that matched any frame
// of libtbb — every task's stack has one — this race went unreported; the suppressions now
// match TBB's own code only at the top of a stack (cmake/tsan.supp), and the fork and join of
// each parallel region are annotated for TSan (engine/fork_join_annotation.hpp).
#include <cstdio>
#include <vector>

#include "wijksim/engine/executor.hpp"

int main() {
  wijksim::engine::Executor executor(2);
  long shared = 0;                     // written by every block: the race
  std::vector<long> per_block(64, 0);  // each written by its own block only: no race
  for (int repeat = 0; repeat < 50; ++repeat) {
    executor.for_each_block(64 * 1000, 1000, [&](const wijksim::engine::BlockRange& block) {
      per_block[block.index] += 1;
      for (std::size_t i = block.begin; i < block.end; ++i) shared += 1;
    });
  }
  std::printf("%ld %ld\n", shared, per_block[0]);
  return 0;
}
