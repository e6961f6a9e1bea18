#pragma once
// Least-loaded choice of professionals, per organisation (MODEL.md §6): an intake, or a client
// whose worker left, goes to the colleague with the fewest clients. One binary min-heap per
// organisation, keyed by (caseload, slot), gives the same choice as scanning the staff in slot
// order for the lowest caseload (the lowest slot among equals), in O(log staff) per choice
// after an O(professionals) build — instead of a scan of every professional per intake.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace wijksim::models {

class CaseloadQueues {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  /// One queue per organisation from the professionals' organisation and caseload columns
  /// (slot-indexed; every organisation < `organisations`). O(professionals + organisations).
  /// Valid while staff and caseloads change only through take().
  void build(std::span<const std::uint16_t> organisation, std::span<const std::uint16_t> caseload,
             std::size_t organisations) {
    queues_.resize(organisations);
    for (auto& q : queues_) q.clear();
    for (std::size_t slot = 0; slot < organisation.size(); ++slot) {
      queues_[organisation[slot]].push_back(Entry{caseload[slot], static_cast<std::uint32_t>(slot)});
    }
    for (auto& q : queues_) std::make_heap(q.begin(), q.end(), std::greater<>{});
  }

  /// Professionals of `org`.
  [[nodiscard]] std::size_t staff(std::size_t org) const noexcept { return queues_[org].size(); }

  /// The slot of `org`'s least-loaded professional (the lowest slot among equals), whose
  /// caseload goes up by one in `caseload` and in the queue; kNone when `org` has no staff.
  [[nodiscard]] std::uint32_t take(std::size_t org, std::span<std::uint16_t> caseload) {
    auto& q = queues_[org];
    if (q.empty()) return kNone;
    std::pop_heap(q.begin(), q.end(), std::greater<>{});
    const std::uint32_t slot = q.back().second;
    ++caseload[slot];
    q.back().first = caseload[slot];
    std::push_heap(q.begin(), q.end(), std::greater<>{});
    return slot;
  }

 private:
  using Entry = std::pair<std::uint16_t, std::uint32_t>;  // (caseload, professional slot)
  std::vector<std::vector<Entry>> queues_;
};

}  // namespace wijksim::models
