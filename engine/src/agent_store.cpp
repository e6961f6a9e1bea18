#include "wijksim/engine/agent_store.hpp"

#include <atomic>

namespace wijksim::engine::detail {

std::uint64_t next_store_uid() noexcept {
  static std::atomic<std::uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace wijksim::engine::detail
