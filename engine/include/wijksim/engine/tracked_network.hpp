#pragma once
// A Network over an AgentStore's slots that follows the store's commits without renumbering
// its edges.
//
// A commit moves most slots (it compacts), so a Network in slot numbers must rewrite every
// edge after each one (Network::rebuild_into, O(edges)): for a model whose agents leave every
// tick that rewrite was a third of its demography. A TrackedNetwork keeps its edges in its
// own vertex numbers and a map each way between vertices and the store's current slots; a
// commit updates the maps (O(vertices)) and leaves the edges alone. A vertex whose agent left
// keeps its row and the edges that point at it until the next compaction; readers never see
// them (for_each_neighbour skips them). Once more than 1/16 of the vertices are gone the edges
// are compacted into slot numbers (one Network::rebuild_into), so readers skip few edges and
// memory stays bounded.
//
// What readers see is exactly the Network that renumbering after every commit would have
// built: vertices follow slots monotonically (a commit keeps slot order; new agents get new
// slots and new vertices, both at the end), so each agent's neighbours come in the same
// canonical order (by target slot, then kind, then weight). canonical() builds that network.
//
// Reading is thread-safe; follow_commit, add_ties and drop_edges are serial (no reader
// meanwhile).
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/network.hpp"

namespace wijksim::engine {

class TrackedNetwork {
 public:
  TrackedNetwork() = default;
  /// A network whose vertices are the store's current slots (vertex v is slot v).
  explicit TrackedNetwork(Network in_slots);

  /// Number of slots the network covers (the store's size after the last follow_commit or
  /// add_ties).
  [[nodiscard]] std::uint32_t slot_count() const noexcept { return static_cast<std::uint32_t>(vertex_of_slot_.size()); }

  /// Calls f(target_slot, kind, weight) for each tie of `slot`, in canonical order (ascending
  /// target slot, then kind, then weight), skipping ties to agents that have left.
  template <class F>
  void for_each_neighbour(std::uint32_t slot, F&& f) const {
    const std::uint32_t v = vertex_of_slot_[slot];
    const std::uint32_t* const rows = edges_.row_starts().data();
    const std::uint32_t* const targets = edges_.targets().data();
    const std::uint8_t* const kinds = edges_.kinds().data();
    const float* const weights = edges_.weights().data();
    const std::uint32_t* const slot_of_vertex = slot_of_vertex_.data();
    for (std::uint32_t e = rows[v]; e < rows[v + 1]; ++e) {
      const std::uint32_t t = slot_of_vertex[targets[e]];
      if (t != SlotRemap::kRemoved) f(t, kinds[e], weights[e]);
    }
  }
  /// Whether `a` and `b` are tied (by a tie of any kind).
  [[nodiscard]] bool tied(std::uint32_t a, std::uint32_t b) const;

  /// Follows a commit of the store (remap from AgentStore::commit, over slot_count() slots):
  /// O(vertices), plus a compaction of the edges when more than 1/16 of the vertices are gone.
  void follow_commit(const SlotRemap& remap);
  /// Adds ties in slot numbers below new_slot_count (slots from slot_count() on are agents
  /// added since: new vertices without ties of their own yet). Same errors as
  /// Network::add_ties, reported in vertex numbers; nothing changes when it throws.
  void add_ties(std::uint32_t new_slot_count, std::span<const EdgeSpec> ties);
  /// Drops every edge for which keep (given the edge in slot numbers) returns false, and
  /// compacts.
  void drop_edges(const std::function<bool(const EdgeSpec&)>& keep);

  /// The network in slot numbers: what renumbering after every commit would have built
  /// (O(edges); for checksums and tests, not for hot loops).
  [[nodiscard]] Network canonical() const;
  /// Vertices kept for agents that have left, until the next compaction (at most 1/16 of all).
  /// (Every slot has one vertex, so they are the vertices beyond the slots.)
  [[nodiscard]] std::uint32_t departed_vertices() const noexcept {
    return static_cast<std::uint32_t>(slot_of_vertex_.size() - vertex_of_slot_.size());
  }
  /// Ties to agents still present (O(edges)).
  [[nodiscard]] std::size_t live_edge_count() const;
  [[nodiscard]] std::size_t allocated_bytes() const noexcept;

 private:
  void compact(const std::function<bool(const EdgeSpec&)>& keep);
  [[nodiscard]] SlotRemap vertex_to_slot_remap() const;

  Network edges_;  // in vertex numbers
  std::vector<std::uint32_t> slot_of_vertex_;  // kRemoved once the vertex's agent left
  std::vector<std::uint32_t> vertex_of_slot_;
};

}  // namespace wijksim::engine
