#pragma once
// A static network over agents (vertices are agent slots), stored as a Boost.Graph
// compressed_sparse_row_graph with edge attributes in parallel arrays (struct-of-arrays):
// `kind` (a small integer the model gives meaning to) and `weight` (tie strength).
//
// When agents are removed the next network is built with rebuilt() or rebuild_into() (every
// edge renumbered, O(edges)); ties added without removals go in place with add_ties() (only
// the edges after the first row that gains one move). A model whose agents leave every tick
// keeps a TrackedNetwork (tracked_network.hpp), which renumbers only now and then. Edge order
// is canonical — sorted by (source, target, kind, weight) — so the same edge set always gives
// the same arrays, whichever way it was built.
//
// Reading neighbours is thread-safe; building and adding are serial (no reader meanwhile).
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/random.hpp"

namespace wijksim::engine {

struct EdgeSpec {
  std::uint32_t source = 0;
  std::uint32_t target = 0;
  std::uint8_t kind = 0;
  float weight = 1.0F;
  friend bool operator==(const EdgeSpec&, const EdgeSpec&) = default;
};

/// The out-edges of one vertex, as parallel spans.
struct Neighbours {
  std::span<const std::uint32_t> targets;
  std::span<const std::uint8_t> kinds;
  std::span<const float> weights;
  [[nodiscard]] std::size_t size() const noexcept { return targets.size(); }
};

class Network {
 public:
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   std::uint32_t, std::uint32_t>;

  Network();

  /// Directed edges as given. Throws NetworkInputError for an endpoint >= vertex_count, a
  /// self-loop, or a weight that is negative or not finite (naming the edge's position).
  [[nodiscard]] static Network from_edges(std::uint32_t vertex_count, std::vector<EdgeSpec> edges);
  /// Undirected ties: each tie becomes an edge in both directions. Same errors.
  [[nodiscard]] static Network from_ties(std::uint32_t vertex_count, std::span<const EdgeSpec> ties);

  /// The next network after agents were removed (remap from AgentStore::commit; may be null
  /// when nothing was removed), agents were added (new_vertex_count grows), edges were
  /// dropped (keep returns false) and ties added (`added_ties`, both directions, in new
  /// vertex numbers). Edges touching removed vertices are always dropped.
  [[nodiscard]] Network rebuilt(const SlotRemap* remap, std::uint32_t new_vertex_count,
                                std::span<const EdgeSpec> added_ties,
                                const std::function<bool(const EdgeSpec&)>& keep = {}) const;
  /// rebuilt(), written into `next` (another Network, whose previous contents are replaced):
  /// its arrays' capacity is reused, so a model that rebuilds every tick keeps two networks
  /// and swaps them instead of allocating and zero-filling the arrays each time.
  void rebuild_into(Network& next, const SlotRemap* remap, std::uint32_t new_vertex_count,
                    std::span<const EdgeSpec> added_ties,
                    const std::function<bool(const EdgeSpec&)>& keep = {}) const;

  /// Adds ties in place (both directions of each, in vertex numbers below new_vertex_count,
  /// which may grow the network by vertices without edges of their own yet): the same network
  /// as rebuilt(nullptr, new_vertex_count, ties), at the cost of moving the edges after the
  /// first row that gains one (one pass from the back, no renumbering). For the few ties a
  /// tick adds once the renumbering after removals is done. Same errors as rebuilt(); a
  /// smaller vertex count is an error. Nothing changes when it throws.
  void add_ties(std::uint32_t new_vertex_count, std::span<const EdgeSpec> ties);

  /// Releases the arrays' capacity beyond the edges and rows held (copies them once): after a
  /// rebuild that dropped many edges, whose arrays were sized for all the old ones.
  void shrink_to_fit();

  [[nodiscard]] std::uint32_t vertex_count() const noexcept { return vertex_count_; }
  [[nodiscard]] std::size_t edge_count() const noexcept { return kinds_.size(); }
  [[nodiscard]] std::uint32_t degree(std::uint32_t v) const noexcept {
    return row_starts_[v + 1] - row_starts_[v];
  }
  [[nodiscard]] Neighbours neighbours(std::uint32_t v) const noexcept {
    const std::uint32_t b = row_starts_[v];
    const std::uint32_t n = row_starts_[v + 1] - b;
    return Neighbours{targets_.subspan(b, n), std::span<const std::uint8_t>(kinds_).subspan(b, n),
                      std::span<const float>(weights_).subspan(b, n)};
  }

  /// Raw CSR arrays for hot loops: out-edges of v are [row_starts[v], row_starts[v+1]).
  [[nodiscard]] std::span<const std::uint32_t> row_starts() const noexcept { return row_starts_; }
  [[nodiscard]] std::span<const std::uint32_t> targets() const noexcept { return targets_; }
  [[nodiscard]] std::span<const std::uint8_t> kinds() const noexcept { return kinds_; }
  [[nodiscard]] std::span<const float> weights() const noexcept { return weights_; }

  /// The Boost graph, for Boost.Graph algorithms; edge attributes are indexed by
  /// get(boost::edge_index, graph()).
  [[nodiscard]] const Graph& graph() const noexcept { return graph_; }

  /// All edges in canonical order.
  [[nodiscard]] std::vector<EdgeSpec> edges() const;
  [[nodiscard]] std::size_t allocated_bytes() const noexcept;

 private:
  static Network build(std::uint32_t vertex_count, std::vector<EdgeSpec> sorted_edges);
  void bind_views() noexcept;

  std::uint32_t vertex_count_ = 0;
  Graph graph_;
  std::vector<std::uint8_t> kinds_;
  std::vector<float> weights_;
  std::span<const std::uint32_t> row_starts_;  // views into graph_'s arrays
  std::span<const std::uint32_t> targets_;

 public:
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&& other) noexcept;
  Network& operator=(Network&& other) noexcept;
  ~Network() = default;
};

/// Ties within groups (blocks, streets): each vertex is tied to the next `ties_per_vertex / 2`
/// members of its group in vertex order, wrapping around (a ring lattice per group); a group
/// of at most `ties_per_vertex + 1` members is fully connected. `group_of_vertex[v]` names v's
/// group. Deterministic; no randomness.
[[nodiscard]] std::vector<EdgeSpec> spatial_neighbour_ties(std::span<const std::uint32_t> group_of_vertex,
                                                           std::uint32_t ties_per_vertex,
                                                           std::uint8_t kind, float weight);

/// A homophilous small world (Watts–Strogatz on a sorted ring): vertices are placed on a ring
/// by position = homophily · rank(attribute) + (1 − homophily) · uniform noise, tied to their
/// `mean_degree / 2` successors, and each tie is rewired to a uniformly chosen vertex with
/// probability `rewire_probability`. homophily = 1 ties people to those most like them; 0
/// ignores the attribute. Random draws come from stream (vertex, tick 0, purpose).
struct SmallWorldSpec {
  std::uint32_t mean_degree = 4;
  double rewire_probability = 0.1;
  double homophily = 0.8;
  std::uint8_t kind = 0;
  float weight = 1.0F;
};
[[nodiscard]] std::vector<EdgeSpec> homophilous_small_world_ties(std::span<const double> attribute,
                                                                 const SmallWorldSpec& spec,
                                                                 RandomKey key, std::uint32_t purpose);

}  // namespace wijksim::engine
