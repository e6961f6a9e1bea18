#include "wijksim/engine/network.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/engine/error.hpp"

namespace wijksim::engine {
namespace {

bool canonical_less(const EdgeSpec& a, const EdgeSpec& b) noexcept {
  return std::tie(a.source, a.target, a.kind, a.weight) <
         std::tie(b.source, b.target, b.kind, b.weight);
}

std::string edge_label(std::size_t position, const EdgeSpec& e) {
  return "edge #" + std::to_string(position) + " (" + std::to_string(e.source) + " -> " +
         std::to_string(e.target) + ")";
}

void validate(std::uint32_t vertex_count, std::span<const EdgeSpec> edges) {
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const EdgeSpec& e = edges[i];
    for (const std::uint32_t endpoint : {e.source, e.target}) {
      if (endpoint >= vertex_count) {
        throw NetworkInputError(edge_label(i, e),
                                "vertex indices below " + std::to_string(vertex_count),
                                "vertex " + std::to_string(endpoint));
      }
    }
    if (e.source == e.target) {
      throw NetworkInputError(edge_label(i, e), "two distinct vertices",
                              "a loop on vertex " + std::to_string(e.source));
    }
    if (!std::isfinite(e.weight) || e.weight < 0.0F) {
      throw NetworkInputError(edge_label(i, e), "a finite weight >= 0",
                              "weight " + std::to_string(e.weight));
    }
  }
}

/// Each tie as two edges (both directions), sorted in canonical order.
std::vector<EdgeSpec> both_directions_sorted(std::span<const EdgeSpec> ties) {
  std::vector<EdgeSpec> edges;
  edges.reserve(2 * ties.size());
  for (const EdgeSpec& t : ties) {
    edges.push_back(t);
    edges.push_back(EdgeSpec{t.target, t.source, t.kind, t.weight});
  }
  std::sort(edges.begin(), edges.end(), canonical_less);
  return edges;
}

/// Resizes an array that a network rebuilt or extended every tick keeps: when it must grow, to
/// the size asked for and 1/32 more (not double, as vector::resize would: the edge count of a
/// population changes little from week to week, and a doubled array would stay half empty).
template <class T>
void resize_with_little_slack(std::vector<T>& values, std::size_t size, T fill = T{}) {
  if (values.capacity() < size) values.reserve(size + size / 32);
  values.resize(size, fill);
}

}  // namespace

Network::Network() { bind_views(); }

Network::Network(const Network& other)
    : vertex_count_(other.vertex_count_),
      graph_(other.graph_),
      kinds_(other.kinds_),
      weights_(other.weights_) {
  bind_views();
}
Network& Network::operator=(const Network& other) {
  if (this != &other) {
    vertex_count_ = other.vertex_count_;
    graph_ = other.graph_;
    kinds_ = other.kinds_;
    weights_ = other.weights_;
    bind_views();
  }
  return *this;
}
Network::Network(Network&& other) noexcept
    : vertex_count_(other.vertex_count_),
      graph_(std::move(other.graph_)),
      kinds_(std::move(other.kinds_)),
      weights_(std::move(other.weights_)) {
  bind_views();
  other.vertex_count_ = 0;
  other.graph_ = Graph();
  other.bind_views();
}
Network& Network::operator=(Network&& other) noexcept {
  if (this != &other) {
    vertex_count_ = other.vertex_count_;
    graph_ = std::move(other.graph_);
    kinds_ = std::move(other.kinds_);
    weights_ = std::move(other.weights_);
    bind_views();
    other.vertex_count_ = 0;
    other.graph_ = Graph();
    other.bind_views();
  }
  return *this;
}

void Network::bind_views() noexcept {
  row_starts_ = graph_.m_forward.m_rowstart;
  targets_ = graph_.m_forward.m_column;
}

void Network::shrink_to_fit() {
  graph_.m_forward.m_rowstart.shrink_to_fit();
  graph_.m_forward.m_column.shrink_to_fit();
  kinds_.shrink_to_fit();
  weights_.shrink_to_fit();
  bind_views();
}

Network Network::build(std::uint32_t vertex_count, std::vector<EdgeSpec> sorted_edges) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(sorted_edges.size());
  Network network;
  network.vertex_count_ = vertex_count;
  network.kinds_.reserve(sorted_edges.size());
  network.weights_.reserve(sorted_edges.size());
  for (const EdgeSpec& e : sorted_edges) {
    pairs.emplace_back(e.source, e.target);
    network.kinds_.push_back(e.kind);
    network.weights_.push_back(e.weight);
  }
  sorted_edges = {};
  network.graph_ = Graph(boost::edges_are_sorted, pairs.begin(), pairs.end(), vertex_count);
  network.bind_views();
  return network;
}

Network Network::from_edges(std::uint32_t vertex_count, std::vector<EdgeSpec> edges) {
  validate(vertex_count, edges);
  std::sort(edges.begin(), edges.end(), canonical_less);
  return build(vertex_count, std::move(edges));
}

Network Network::from_ties(std::uint32_t vertex_count, std::span<const EdgeSpec> ties) {
  validate(vertex_count, ties);
  return build(vertex_count, both_directions_sorted(ties));
}

std::vector<EdgeSpec> Network::edges() const {
  std::vector<EdgeSpec> all;
  all.reserve(edge_count());
  for (std::uint32_t v = 0; v < vertex_count_; ++v) {
    for (std::uint32_t e = row_starts_[v]; e < row_starts_[v + 1]; ++e) {
      all.push_back(EdgeSpec{v, targets_[e], kinds_[e], weights_[e]});
    }
  }
  return all;
}

Network Network::rebuilt(const SlotRemap* remap, std::uint32_t new_vertex_count,
                         std::span<const EdgeSpec> added_ties,
                         const std::function<bool(const EdgeSpec&)>& keep) const {
  Network next;
  rebuild_into(next, remap, new_vertex_count, added_ties, keep);
  return next;
}

void Network::rebuild_into(Network& next, const SlotRemap* remap, std::uint32_t new_vertex_count,
                           std::span<const EdgeSpec> added_ties,
                           const std::function<bool(const EdgeSpec&)>& keep) const {
  assert(&next != this && "rebuild_into: the next network must be another object");
  validate(new_vertex_count, added_ties);
  const std::vector<EdgeSpec> added = both_directions_sorted(added_ties);

  // One pass over the old rows in order. A SlotRemap is monotone (commit keeps slot order), so
  // each surviving row keeps its canonical order and rows arrive in new-vertex order; a row
  // with additions is merged with them, the others are copied in a tight loop. O(E + A log A),
  // writing the CSR arrays directly (into next's arrays, whose capacity is reused: a network
  // rebuilt every tick allocates and zero-fills nothing once its arrays have grown).
  next.vertex_count_ = new_vertex_count;
  auto& rowstart = next.graph_.m_forward.m_rowstart;
  auto& column = next.graph_.m_forward.m_column;
  const std::size_t capacity = edge_count() + added.size();
  resize_with_little_slack(rowstart, static_cast<std::size_t>(new_vertex_count) + 1);
  std::fill(rowstart.begin(), rowstart.end(), 0U);
  resize_with_little_slack(column, capacity);
  resize_with_little_slack(next.kinds_, capacity);
  resize_with_little_slack(next.weights_, capacity);
  std::uint32_t* out_target = column.data();
  std::uint8_t* out_kind = next.kinds_.data();
  float* out_weight = next.weights_.data();
  std::size_t n = 0;
  std::size_t a = 0;
  std::uint32_t next_row = 0;  // rows below this have their start set
  const auto open_rows_up_to = [&](std::uint32_t v) {
    for (; next_row <= v; ++next_row) rowstart[next_row] = static_cast<std::uint32_t>(n);
  };
  const auto push = [&](const EdgeSpec& e) {
    out_target[n] = e.target;
    out_kind[n] = e.kind;
    out_weight[n] = e.weight;
    ++n;
  };
  const auto map = [remap](std::uint32_t v) { return remap == nullptr ? v : remap->new_slot_of_old[v]; };
  const auto check = [&](const EdgeSpec& edge, std::uint32_t e) {
    if (edge.source >= new_vertex_count || edge.target >= new_vertex_count) {
      throw NetworkInputError(edge_label(e, edge),
                              "vertex indices below the new vertex count " + std::to_string(new_vertex_count),
                              "an edge that survives the rebuild");
    }
  };
  // Every surviving endpoint is below `bound`: when that is within the new vertex count no
  // edge can fail the check, and rows without additions or a filter take the tight loop.
  std::uint32_t bound = vertex_count_;
  if (remap != nullptr) {
    bound = 0;
    for (const std::uint32_t s : remap->new_slot_of_old) {
      if (s != SlotRemap::kRemoved) bound = std::max(bound, s + 1);
    }
  }
  const bool all_in_range = bound <= new_vertex_count;
  const std::uint32_t* const in_target = targets_.data();
  const std::uint8_t* const in_kind = kinds_.data();
  const float* const in_weight = weights_.data();
  const std::uint32_t* const new_slot_of_old = remap == nullptr ? nullptr : remap->new_slot_of_old.data();
  for (std::uint32_t v = 0; v < vertex_count_; ++v) {
    const std::uint32_t source = map(v);
    if (source == SlotRemap::kRemoved) continue;
    // Additions of rows before this one.
    while (a < added.size() && added[a].source < source) {
      open_rows_up_to(added[a].source);
      push(added[a++]);
    }
    open_rows_up_to(source);
    const bool merge = a < added.size() && added[a].source == source;
    if (!merge && !keep && all_in_range) {
      // Copy the row, renumbering targets; an edge to a removed vertex is written and then
      // overwritten (n does not advance), which keeps the loop free of branches. Writing at n
      // is safe: n never passes the edges read so far plus the additions pushed.
      // The arrays are read through local pointers: a store through out_kind (a byte) may
      // alias anything, so members would be reloaded on every edge.
      const std::uint32_t end = row_starts_[v + 1];
      if (new_slot_of_old == nullptr) {
        const std::uint32_t begin = row_starts_[v];
        std::copy(in_target + begin, in_target + end, out_target + n);
        std::copy(in_kind + begin, in_kind + end, out_kind + n);
        std::copy(in_weight + begin, in_weight + end, out_weight + n);
        n += end - begin;
        continue;
      }
      for (std::uint32_t e = row_starts_[v]; e < end; ++e) {
        const std::uint32_t target = new_slot_of_old[in_target[e]];
        out_target[n] = target;
        out_kind[n] = in_kind[e];
        out_weight[n] = in_weight[e];
        n += target != SlotRemap::kRemoved ? 1U : 0U;
      }
      continue;
    }
    for (std::uint32_t e = row_starts_[v]; e < row_starts_[v + 1]; ++e) {
      const std::uint32_t target = map(targets_[e]);
      if (target == SlotRemap::kRemoved) continue;
      if (keep && !keep(EdgeSpec{v, targets_[e], kinds_[e], weights_[e]})) continue;
      const EdgeSpec edge{source, target, kinds_[e], weights_[e]};
      check(edge, e);
      if (merge) {
        while (a < added.size() && added[a].source == source && canonical_less(added[a], edge)) push(added[a++]);
      }
      push(edge);
    }
    while (a < added.size() && added[a].source == source) push(added[a++]);
  }
  while (a < added.size()) {
    open_rows_up_to(added[a].source);
    push(added[a++]);
  }
  for (; next_row <= new_vertex_count; ++next_row) rowstart[next_row] = static_cast<std::uint32_t>(n);
  column.resize(n);
  next.kinds_.resize(n);
  next.weights_.resize(n);
  next.bind_views();
}

void Network::add_ties(std::uint32_t new_vertex_count, std::span<const EdgeSpec> ties) {
  validate(new_vertex_count, ties);
  if (new_vertex_count < vertex_count_) {
    throw NetworkInputError("add_ties", "a vertex count of at least " + std::to_string(vertex_count_),
                            std::to_string(new_vertex_count));
  }
  const std::vector<EdgeSpec> added = both_directions_sorted(ties);

  auto& rowstart = graph_.m_forward.m_rowstart;
  auto& column = graph_.m_forward.m_column;
  const std::size_t old_edges = edge_count();
  resize_with_little_slack(rowstart, static_cast<std::size_t>(new_vertex_count) + 1, static_cast<std::uint32_t>(old_edges));
  resize_with_little_slack(column, old_edges + added.size());
  resize_with_little_slack(kinds_, old_edges + added.size());
  resize_with_little_slack(weights_, old_edges + added.size());
  // From the back: old edges [0, read_end) are not yet in place, positions from write_end on
  // are final, additions [0, a) are not yet placed. Rows after the last unplaced addition's
  // source move back as one block; that row is merged with its additions (an old edge stays
  // before an equal addition, as in rebuilt()). Once every addition is placed the edges
  // before are where they were. Row starts still hold the old offsets during the moves.
  std::size_t read_end = old_edges;
  std::size_t write_end = old_edges + added.size();
  std::size_t a = added.size();
  const auto move_back = [&](std::size_t from_begin, std::size_t from_end) {
    const auto begin = static_cast<std::ptrdiff_t>(from_begin);
    const auto end = static_cast<std::ptrdiff_t>(from_end);
    const auto dest = static_cast<std::ptrdiff_t>(write_end);
    std::copy_backward(column.begin() + begin, column.begin() + end, column.begin() + dest);
    std::copy_backward(kinds_.begin() + begin, kinds_.begin() + end, kinds_.begin() + dest);
    std::copy_backward(weights_.begin() + begin, weights_.begin() + end, weights_.begin() + dest);
    write_end -= from_end - from_begin;
    read_end = from_begin;
  };
  while (a > 0) {
    const std::uint32_t source = added[a - 1].source;
    move_back(rowstart[source + 1], read_end);
    const std::size_t row_begin = rowstart[source];
    while (a > 0 && added[a - 1].source == source) {
      --write_end;
      if (read_end > row_begin &&
          canonical_less(added[a - 1], EdgeSpec{source, column[read_end - 1], kinds_[read_end - 1], weights_[read_end - 1]})) {
        --read_end;
        column[write_end] = column[read_end];
        kinds_[write_end] = kinds_[read_end];
        weights_[write_end] = weights_[read_end];
      } else {
        --a;
        column[write_end] = added[a].target;
        kinds_[write_end] = added[a].kind;
        weights_[write_end] = added[a].weight;
      }
    }
  }
  assert(read_end == write_end);
  // Each row starts later by the additions of the rows before it.
  std::size_t before = 0;
  for (std::size_t v = 0; v < rowstart.size(); ++v) {
    while (before < added.size() && added[before].source < v) ++before;
    rowstart[v] += static_cast<std::uint32_t>(before);
  }
  vertex_count_ = new_vertex_count;
  bind_views();
}

std::size_t Network::allocated_bytes() const noexcept {
  return graph_.m_forward.m_rowstart.capacity() * sizeof(std::uint32_t) +
         graph_.m_forward.m_column.capacity() * sizeof(std::uint32_t) + kinds_.capacity() +
         weights_.capacity() * sizeof(float);
}

std::vector<EdgeSpec> spatial_neighbour_ties(std::span<const std::uint32_t> group_of_vertex,
                                             std::uint32_t ties_per_vertex, std::uint8_t kind,
                                             float weight) {
  // Members of each group, in vertex order.
  std::vector<std::uint32_t> order(group_of_vertex.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return group_of_vertex[a] < group_of_vertex[b];
  });
  std::vector<EdgeSpec> ties;
  const std::uint32_t half = std::max<std::uint32_t>(1, ties_per_vertex / 2);
  std::size_t begin = 0;
  while (begin < order.size()) {
    std::size_t end = begin;
    while (end < order.size() && group_of_vertex[order[end]] == group_of_vertex[order[begin]]) ++end;
    const auto size = static_cast<std::uint32_t>(end - begin);
    if (size <= ties_per_vertex + 1) {
      for (std::uint32_t i = 0; i < size; ++i) {
        for (std::uint32_t j = i + 1; j < size; ++j) {
          ties.push_back(EdgeSpec{order[begin + i], order[begin + j], kind, weight});
        }
      }
    } else {
      for (std::uint32_t i = 0; i < size; ++i) {
        for (std::uint32_t step = 1; step <= half; ++step) {
          ties.push_back(EdgeSpec{order[begin + i], order[begin + (i + step) % size], kind, weight});
        }
      }
    }
    begin = end;
  }
  return ties;
}

std::vector<EdgeSpec> homophilous_small_world_ties(std::span<const double> attribute,
                                                   const SmallWorldSpec& spec, RandomKey key,
                                                   std::uint32_t purpose) {
  const auto n = static_cast<std::uint32_t>(attribute.size());
  if (n < 2) return {};
  // Rank by attribute (ties broken by index), then mix rank with noise by homophily.
  std::vector<std::uint32_t> by_attribute(n);
  std::iota(by_attribute.begin(), by_attribute.end(), 0U);
  std::stable_sort(by_attribute.begin(), by_attribute.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return attribute[a] < attribute[b]; });
  std::vector<double> position(n);
  for (std::uint32_t r = 0; r < n; ++r) {
    const std::uint32_t v = by_attribute[r];
    RandomStream s(key, v, Tick{0}, purpose);
    position[v] = spec.homophily * (static_cast<double>(r) / n) +
                  (1.0 - spec.homophily) * uniform01(s);
  }
  std::vector<std::uint32_t> ring(n);
  std::iota(ring.begin(), ring.end(), 0U);
  std::stable_sort(ring.begin(), ring.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return position[a] < position[b]; });

  const std::uint32_t half = std::min<std::uint32_t>(std::max<std::uint32_t>(1, spec.mean_degree / 2), n - 1);
  std::vector<EdgeSpec> ties;
  ties.reserve(static_cast<std::size_t>(n) * half);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t v = ring[i];
    RandomStream s(key, v, Tick{1}, purpose);  // tick 1: a second, independent stream per vertex
    for (std::uint32_t step = 1; step <= half; ++step) {
      std::uint32_t target = ring[(i + step) % n];
      if (bernoulli(s, spec.rewire_probability)) {
        const std::uint32_t pick = uniform_index(s, n - 1);
        target = pick >= v ? pick + 1 : pick;  // any vertex but v
      }
      ties.push_back(EdgeSpec{v, target, spec.kind, spec.weight});
    }
  }
  return ties;
}

}  // namespace wijksim::engine
