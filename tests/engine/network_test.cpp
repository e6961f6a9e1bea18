#include <catch2/catch.hpp>

#include <boost/graph/breadth_first_search.hpp>
#include <cmath>
#include <limits>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/engine/network.hpp"

using namespace wijksim::engine;

TEST_CASE("ties become edges both ways, in canonical order", "[network]") {
  const std::vector<EdgeSpec> ties{{2, 0, 1, 0.5F}, {0, 1, 0, 1.0F}};
  const auto net = Network::from_ties(3, ties);
  CHECK(net.vertex_count() == 3);
  CHECK(net.edge_count() == 4);
  CHECK(boost::num_edges(net.graph()) == 4);
  CHECK(boost::num_vertices(net.graph()) == 3);
  const auto n0 = net.neighbours(0);
  REQUIRE(n0.size() == 2);
  CHECK(n0.targets[0] == 1);
  CHECK(n0.targets[1] == 2);
  CHECK(n0.kinds[1] == 1);
  CHECK(n0.weights[1] == 0.5F);
  CHECK(net.degree(1) == 1);
  CHECK(net.degree(2) == 1);
  // The same edge set in another order gives the same arrays.
  const auto again = Network::from_ties(3, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}, {0, 2, 1, 0.5F}});
  CHECK(again.edges() == net.edges());
}

TEST_CASE("malformed edges are NetworkInputErrors naming edge, expected and found", "[network][errors]") {
  CHECK_THROWS_MATCHES(Network::from_edges(3, {{0, 1, 0, 1.0F}, {1, 5, 0, 1.0F}}), NetworkInputError,
                       Catch::Message("edge #1 (1 -> 5): expected vertex indices below 3, found vertex 5"));
  CHECK_THROWS_MATCHES(Network::from_ties(3, std::vector<EdgeSpec>{{2, 2, 0, 1.0F}}), NetworkInputError,
                       Catch::Message("edge #0 (2 -> 2): expected two distinct vertices, found a loop on vertex 2"));
  CHECK_THROWS_WITH(Network::from_edges(3, {{0, 1, 0, -1.0F}}),
                    Catch::Contains("expected a finite weight >= 0, found weight -1"));
  CHECK_THROWS_AS(Network::from_edges(3, {{0, 1, 0, std::numeric_limits<float>::quiet_NaN()}}),
                  NetworkInputError);
  try {
    (void)Network::from_edges(2, {{0, 9, 0, 1.0F}});
    FAIL("no exception");
  } catch (const NetworkInputError& e) {
    CHECK(e.item() == "edge #0 (0 -> 9)");
    CHECK(e.expected() == "vertex indices below 2");
    CHECK(e.found() == "vertex 9");
  }
}

TEST_CASE("rebuilt equals building the renumbered edge set from scratch", "[network]") {
  // A random network, a random monotone removal of about a tenth of the vertices, new
  // vertices and ties on some rows: the row-copying fast path and the merging path together
  // must give exactly the canonical network of the surviving and added edges.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    RandomStream s(RandomKey::from(seed, 0), 0, Tick{0}, 1);
    const std::uint32_t n = 50 + static_cast<std::uint32_t>(uniform01(s) * 100.0);
    std::vector<EdgeSpec> ties;
    for (std::uint32_t k = 0; k < 4 * n; ++k) {
      const auto a = static_cast<std::uint32_t>(uniform01(s) * n);
      const auto b = static_cast<std::uint32_t>(uniform01(s) * n);
      if (a != b) ties.push_back({a, b, static_cast<std::uint8_t>(k % 3), static_cast<float>(k % 5)});
    }
    const auto net = Network::from_ties(n, ties);
    SlotRemap remap;
    for (std::uint32_t v = 0; v < n; ++v) {
      remap.new_slot_of_old.push_back(uniform01(s) < 0.1 ? SlotRemap::kRemoved : remap.new_size++);
    }
    const std::uint32_t grown = remap.new_size + 3;
    std::vector<EdgeSpec> added;
    for (std::uint32_t k = 0; k < n / 5; ++k) {
      const auto a = static_cast<std::uint32_t>(uniform01(s) * grown);
      const auto b = static_cast<std::uint32_t>(uniform01(s) * grown);
      if (a != b) added.push_back({a, b, 2, 0.5F});
    }
    std::vector<EdgeSpec> expected;
    for (const EdgeSpec& e : net.edges()) {
      const std::uint32_t a = remap.new_slot_of_old[e.source];
      const std::uint32_t b = remap.new_slot_of_old[e.target];
      if (a != SlotRemap::kRemoved && b != SlotRemap::kRemoved) expected.push_back({a, b, e.kind, e.weight});
    }
    for (const EdgeSpec& t : added) {
      expected.push_back(t);
      expected.push_back({t.target, t.source, t.kind, t.weight});
    }
    const auto next = net.rebuilt(&remap, grown, added);
    CHECK(next.edges() == Network::from_edges(grown, expected).edges());
    CHECK(next.vertex_count() == grown);
    // Written into a network that held something else (larger or smaller: the previous seed's
    // network, or the original), the result is the same: nothing of the old contents remains.
    Network reused = seed % 2 == 0 ? net : Network::from_ties(3, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}});
    net.rebuild_into(reused, &remap, grown, added);
    CHECK(reused.edges() == next.edges());
    CHECK(reused.vertex_count() == grown);
    CHECK(std::vector<std::uint32_t>(reused.row_starts().begin(), reused.row_starts().end()) ==
          std::vector<std::uint32_t>(next.row_starts().begin(), next.row_starts().end()));
    // Without removals (no remap) the old edges survive as they are.
    const auto same = net.rebuilt(nullptr, n, {});
    CHECK(same.edges() == net.edges());
  }
}

TEST_CASE("add_ties in place equals rebuilt with the same ties", "[network]") {
  // Random networks and random ties, some on new vertices, some repeating an existing edge,
  // some on the first or last row: the backward merge must give exactly rebuilt()'s arrays.
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    RandomStream s(RandomKey::from(seed, 1), 0, Tick{0}, 1);
    const std::uint32_t n = 2 + static_cast<std::uint32_t>(uniform01(s) * 80.0);
    std::vector<EdgeSpec> ties;
    for (std::uint32_t k = 0; k < 3 * n; ++k) {
      const auto a = static_cast<std::uint32_t>(uniform01(s) * n);
      const auto b = static_cast<std::uint32_t>(uniform01(s) * n);
      if (a != b) ties.push_back({a, b, static_cast<std::uint8_t>(k % 3), static_cast<float>(k % 4)});
    }
    const auto net = Network::from_ties(n, ties);
    const std::uint32_t grown = n + static_cast<std::uint32_t>(uniform01(s) * 4.0);
    std::vector<EdgeSpec> added;
    const auto count = static_cast<std::uint32_t>(uniform01(s) * 12.0);
    for (std::uint32_t k = 0; k < count; ++k) {
      const auto a = static_cast<std::uint32_t>(uniform01(s) * grown);
      const auto b = static_cast<std::uint32_t>(uniform01(s) * grown);
      if (a != b) added.push_back({a, b, static_cast<std::uint8_t>(k % 3), 0.5F});
    }
    if (!ties.empty() && seed % 3 == 0) added.push_back(ties.front());  // an edge that exists
    added.push_back({0, n - 1, 1, 2.0F});                              // first and last rows
    const auto expected = net.rebuilt(nullptr, grown, added);
    Network in_place = net;
    in_place.add_ties(grown, added);
    CHECK(in_place.edges() == expected.edges());
    CHECK(in_place.vertex_count() == grown);
    CHECK(std::vector<std::uint32_t>(in_place.row_starts().begin(), in_place.row_starts().end()) ==
          std::vector<std::uint32_t>(expected.row_starts().begin(), expected.row_starts().end()));
    CHECK(boost::num_vertices(in_place.graph()) == grown);
  }
  // Bad ties and a shrinking vertex count are refused, and the network is left as it was.
  auto net = Network::from_ties(3, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}});
  const auto before = net.edges();
  CHECK_THROWS_AS(net.add_ties(3, std::vector<EdgeSpec>{{0, 3, 0, 1.0F}}), NetworkInputError);
  CHECK_THROWS_AS(net.add_ties(3, std::vector<EdgeSpec>{{2, 2, 0, 1.0F}}), NetworkInputError);
  CHECK_THROWS_AS(net.add_ties(2, {}), NetworkInputError);
  CHECK(net.edges() == before);
  CHECK(net.vertex_count() == 3);
  net.add_ties(5, {});  // vertices without ties
  CHECK(net.vertex_count() == 5);
  CHECK(net.degree(4) == 0);
  CHECK(net.edges() == before);
}

TEST_CASE("rebuilt follows removals, adds vertices and ties, and drops what keep refuses", "[network]") {
  // 0-1, 1-2, 2-3 ; remove vertex 1 ; add a vertex and tie it to old vertex 3.
  const auto net = Network::from_ties(4, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}, {1, 2, 0, 1.0F}, {2, 3, 1, 1.0F}});
  SlotRemap remap;
  remap.new_slot_of_old = {0, SlotRemap::kRemoved, 1, 2};
  remap.new_size = 3;
  const auto next = net.rebuilt(&remap, 4, std::vector<EdgeSpec>{{2, 3, 0, 0.25F}});
  CHECK(next.vertex_count() == 4);
  CHECK(next.edges() == std::vector<EdgeSpec>{{1, 2, 1, 1.0F}, {2, 1, 1, 1.0F}, {2, 3, 0, 0.25F}, {3, 2, 0, 0.25F}});
  CHECK(boost::num_edges(next.graph()) == next.edge_count());
  CHECK(boost::num_vertices(next.graph()) == 4);
  CHECK(boost::out_degree(std::uint32_t{2}, next.graph()) == 2);
  const auto only_kind0 = next.rebuilt(nullptr, 4, {}, [](const EdgeSpec& e) { return e.kind == 0; });
  CHECK(only_kind0.edge_count() == 2);
  CHECK_THROWS_AS(next.rebuilt(nullptr, 4, std::vector<EdgeSpec>{{0, 4, 0, 1.0F}}), NetworkInputError);
  CHECK_THROWS_AS(next.rebuilt(nullptr, 2, {}), NetworkInputError);  // shrinking without a remap
}

TEST_CASE("the Boost graph works with Boost algorithms", "[network]") {
  const auto net = Network::from_ties(5, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}, {1, 2, 0, 1.0F}, {3, 4, 0, 1.0F}});
  std::vector<boost::default_color_type> colour(5);
  boost::breadth_first_search(net.graph(), 0,
                              boost::color_map(boost::make_iterator_property_map(
                                  colour.begin(), boost::get(boost::vertex_index, net.graph()))));
  CHECK(colour[2] == boost::black_color);
  CHECK(colour[3] == boost::white_color);  // unreachable from 0
  const Network copy = net;  // copies keep their own views
  CHECK(copy.edges() == net.edges());
  CHECK(copy.neighbours(1).size() == 2);
}

TEST_CASE("spatial neighbour ties stay within groups", "[network][generators]") {
  // groups: 0 has 3 members (complete), 1 has 10 members (ring with 2 each side)
  std::vector<std::uint32_t> group(13, 1);
  group[0] = group[5] = group[12] = 0;
  const auto ties = spatial_neighbour_ties(group, 4, 2, 1.0F);
  const auto net = Network::from_ties(13, ties);
  for (const auto& e : net.edges()) CHECK(group[e.source] == group[e.target]);
  CHECK(net.degree(0) == 2);  // complete group of three
  for (std::uint32_t v = 1; v < 12; ++v) {
    if (group[v] == 1) CHECK(net.degree(v) == 4);
  }
}

TEST_CASE("homophilous small world: degree, determinism, homophily", "[network][generators]") {
  const std::uint32_t n = 4000;
  std::vector<double> attribute(n);
  for (std::uint32_t i = 0; i < n; ++i) attribute[i] = std::fmod(i * 0.618033988749895, 1.0);
  auto mean_gap = [&](double homophily) {
    SmallWorldSpec spec;
    spec.mean_degree = 8;
    spec.rewire_probability = 0.05;
    spec.homophily = homophily;
    const auto ties = homophilous_small_world_ties(attribute, spec, RandomKey::from(1, 0), 3);
    CHECK(ties.size() == n * 4);
    CHECK(ties == homophilous_small_world_ties(attribute, spec, RandomKey::from(1, 0), 3));
    double gap = 0.0;
    for (const auto& t : ties) gap += std::fabs(attribute[t.source] - attribute[t.target]);
    return gap / static_cast<double>(ties.size());
  };
  const double alike = mean_gap(1.0);
  const double random = mean_gap(0.0);
  CHECK(alike < 0.06);          // mostly ties to the nearest in attribute, few rewired
  CHECK(random > 0.3);          // about 1/3 for independent uniforms
  CHECK(homophilous_small_world_ties(std::vector<double>{1.0}, SmallWorldSpec{}, RandomKey{}, 0).empty());
}
