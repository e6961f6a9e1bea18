#pragma once
// A value per slot of a store (households) that is zero for most slots: the slots made
// non-zero are listed, so that clearing costs O(listed) rather than O(slots). Care uses it for
// per-household tallies that concern the few households in care, kept from tick to tick so
// that nothing of size O(households) is allocated or scanned per tick.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace wijksim::models {

template <class T>
class SparseSlots {
 public:
  /// Every listed slot back to zero. O(listed).
  void clear() noexcept {
    for (const std::uint32_t slot : listed_) values_[slot] = T{};
    listed_.clear();
  }
  /// All zero with `slots` slots (which may have been renumbered since: every non-zero one was
  /// listed). O(listed + change in slots).
  void clear(std::size_t slots) {
    clear();
    values_.resize(slots, T{});
  }
  /// The value of `slot` for writing; lists the slot if it is zero now (so a slot written
  /// back to zero may be listed twice: harmless for clear(), and counts only grow).
  [[nodiscard]] T& touch(std::size_t slot) {
    if (values_[slot] == T{}) listed_.push_back(static_cast<std::uint32_t>(slot));
    return values_[slot];
  }
  /// The value of a slot already listed (by touch() since the last clear()), for writing
  /// without listing: blocks that own distinct slots may write theirs in parallel.
  [[nodiscard]] T& listed_value(std::size_t slot) noexcept { return values_[slot]; }
  [[nodiscard]] T operator[](std::size_t slot) const noexcept { return values_[slot]; }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  /// All values, slot-indexed.
  [[nodiscard]] std::span<const T> values() const noexcept { return values_; }
  /// Slots made non-zero since the last clear(), in the order they were first touched.
  [[nodiscard]] std::span<const std::uint32_t> listed() const noexcept { return listed_; }

 private:
  std::vector<T> values_;
  std::vector<std::uint32_t> listed_;
};

}  // namespace wijksim::models
