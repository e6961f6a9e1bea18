#include "wijksim/engine/tracked_network.hpp"

#include <cassert>
#include <numeric>
#include <string>
#include <utility>

#include "wijksim/engine/error.hpp"

namespace wijksim::engine {

TrackedNetwork::TrackedNetwork(Network in_slots)
    : edges_(std::move(in_slots)),
      slot_of_vertex_(edges_.vertex_count()),
      vertex_of_slot_(edges_.vertex_count()) {
  std::iota(slot_of_vertex_.begin(), slot_of_vertex_.end(), 0U);
  std::iota(vertex_of_slot_.begin(), vertex_of_slot_.end(), 0U);
}

bool TrackedNetwork::tied(std::uint32_t a, std::uint32_t b) const {
  bool found = false;
  for_each_neighbour(a, [&](std::uint32_t t, std::uint8_t, float) { found = found || t == b; });
  return found;
}

void TrackedNetwork::follow_commit(const SlotRemap& remap) {
  assert(remap.new_slot_of_old.size() == slot_count() && "follow_commit: a remap of another store size");
  if (remap.new_size == slot_count()) return;  // nothing removed: a commit keeps the slots
  const std::uint32_t* const new_slot_of_old = remap.new_slot_of_old.data();
  for (std::uint32_t& slot : slot_of_vertex_) {
    if (slot == SlotRemap::kRemoved) continue;
    slot = new_slot_of_old[slot];
  }
  vertex_of_slot_.resize(remap.new_size);
  for (std::uint32_t v = 0; v < slot_of_vertex_.size(); ++v) {
    if (slot_of_vertex_[v] != SlotRemap::kRemoved) vertex_of_slot_[slot_of_vertex_[v]] = v;
  }
  // Compacting costs one pass over the edges; skipping a gone vertex's edges costs each
  // reader a little. At 1/16 the readers skip few, and the pass runs every few dozen ticks
  // of a model that loses ~0.2% of its agents a tick.
  if (static_cast<std::size_t>(departed_vertices()) * 16 > slot_of_vertex_.size()) compact({});
}

void TrackedNetwork::add_ties(std::uint32_t new_slot_count, std::span<const EdgeSpec> ties) {
  const std::uint32_t old_slots = slot_count();
  if (new_slot_count < old_slots) {
    throw NetworkInputError("add_ties", "a slot count of at least " + std::to_string(old_slots),
                            std::to_string(new_slot_count));
  }
  const std::uint32_t first_new_vertex = edges_.vertex_count();
  const auto vertex_of = [&](std::uint32_t slot) {
    return slot < old_slots ? vertex_of_slot_[slot] : first_new_vertex + (slot - old_slots);
  };
  std::vector<EdgeSpec> in_vertices;
  in_vertices.reserve(ties.size());
  for (std::size_t i = 0; i < ties.size(); ++i) {
    EdgeSpec e = ties[i];
    for (const std::uint32_t endpoint : {e.source, e.target}) {
      if (endpoint >= new_slot_count) {
        throw NetworkInputError("tie #" + std::to_string(i) + " (" + std::to_string(e.source) + " -- " +
                                    std::to_string(e.target) + ")",
                                "slots below " + std::to_string(new_slot_count), "slot " + std::to_string(endpoint));
      }
    }
    e.source = vertex_of(e.source);
    e.target = vertex_of(e.target);
    in_vertices.push_back(e);
  }
  edges_.add_ties(first_new_vertex + (new_slot_count - old_slots), in_vertices);
  for (std::uint32_t slot = old_slots; slot < new_slot_count; ++slot) {
    vertex_of_slot_.push_back(static_cast<std::uint32_t>(slot_of_vertex_.size()));
    slot_of_vertex_.push_back(slot);
  }
}

void TrackedNetwork::drop_edges(const std::function<bool(const EdgeSpec&)>& keep) {
  compact([&](const EdgeSpec& e) {
    return keep(EdgeSpec{slot_of_vertex_[e.source], slot_of_vertex_[e.target], e.kind, e.weight});
  });
}

SlotRemap TrackedNetwork::vertex_to_slot_remap() const {
  SlotRemap remap;
  remap.new_slot_of_old = slot_of_vertex_;
  remap.new_size = slot_count();
  return remap;
}

void TrackedNetwork::compact(const std::function<bool(const EdgeSpec&)>& keep) {
  // Into new arrays, then sized to the edges that survive (rebuild_into sizes them for all the
  // old ones); the old arrays are let go rather than kept for the next compaction, dozens of
  // ticks away: the generated network has more ties than the steady state (newcomers bring
  // fewer), and arrays kept at that high-water mark cost ~90 bytes a resident.
  const SlotRemap remap = vertex_to_slot_remap();
  Network next;
  edges_.rebuild_into(next, &remap, remap.new_size, {}, keep);
  next.shrink_to_fit();
  edges_ = std::move(next);
  slot_of_vertex_.resize(remap.new_size);
  std::iota(slot_of_vertex_.begin(), slot_of_vertex_.end(), 0U);
  std::iota(vertex_of_slot_.begin(), vertex_of_slot_.end(), 0U);
}

Network TrackedNetwork::canonical() const {
  const SlotRemap remap = vertex_to_slot_remap();
  return edges_.rebuilt(&remap, remap.new_size, {});
}

std::size_t TrackedNetwork::live_edge_count() const {
  std::size_t n = 0;
  for (std::uint32_t slot = 0; slot < slot_count(); ++slot) {
    for_each_neighbour(slot, [&n](std::uint32_t, std::uint8_t, float) { ++n; });
  }
  return n;
}

std::size_t TrackedNetwork::allocated_bytes() const noexcept {
  return edges_.allocated_bytes() +
         (slot_of_vertex_.capacity() + vertex_of_slot_.capacity()) * sizeof(std::uint32_t);
}

}  // namespace wijksim::engine
