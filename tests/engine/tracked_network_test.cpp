#include <catch2/catch.hpp>

#include <vector>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/engine/tracked_network.hpp"

using namespace wijksim::engine;

namespace {

/// Every slot's ties as the readers see them, in the order they see them.
std::vector<EdgeSpec> seen_edges(const TrackedNetwork& net) {
  std::vector<EdgeSpec> all;
  for (std::uint32_t slot = 0; slot < net.slot_count(); ++slot) {
    net.for_each_neighbour(slot, [&](std::uint32_t t, std::uint8_t kind, float weight) {
      all.push_back(EdgeSpec{slot, t, kind, weight});
    });
  }
  return all;
}

std::vector<EdgeSpec> random_ties(RandomStream& s, std::uint32_t slots, std::uint32_t count) {
  std::vector<EdgeSpec> ties;
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint32_t a = uniform_index(s, slots);
    const std::uint32_t b = uniform_index(s, slots);
    if (a != b) ties.push_back({a, b, static_cast<std::uint8_t>(k % 3), static_cast<float>(k % 4)});
  }
  return ties;
}

}  // namespace

TEST_CASE("a tracked network reads as the network renumbered after every commit", "[network]") {
  // A store that loses ~3% of its agents a round and gains a few, with ties added and dropped:
  // the tracked network (maps updated, edges compacted now and then) must read, slot by slot
  // and in order, exactly as the reference rebuilt after every commit.
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    RandomStream s(RandomKey::from(seed, 2), 0, Tick{0}, 1);
    const std::uint32_t n = 100 + uniform_index(s, 200);
    Network reference = Network::from_ties(n, random_ties(s, n, 4 * n));
    TrackedNetwork tracked(reference);
    bool had_departed = false;
    bool compacted = false;
    for (int round = 0; round < 40; ++round) {
      SlotRemap remap;
      for (std::uint32_t slot = 0; slot < reference.vertex_count(); ++slot) {
        remap.new_slot_of_old.push_back(uniform01(s) < 0.03 ? SlotRemap::kRemoved : remap.new_size++);
      }
      reference = reference.rebuilt(&remap, remap.new_size, {});
      const std::uint32_t before = tracked.departed_vertices();
      tracked.follow_commit(remap);
      had_departed = had_departed || tracked.departed_vertices() > 0;
      compacted = compacted || (before > 0 && tracked.departed_vertices() == 0);
      // Newcomers at the end, tied to anyone (old or new).
      const std::uint32_t grown = remap.new_size + uniform_index(s, 4);
      const auto ties = random_ties(s, grown, 6);
      reference = reference.rebuilt(nullptr, grown, ties);
      tracked.add_ties(grown, ties);
      if (round % 7 == 3) {  // a project stops: ties of kind 1 between low slots go
        const auto keep = [](const EdgeSpec& e) { return !(e.kind == 1 && e.source < 40 && e.target < 40); };
        reference = reference.rebuilt(nullptr, reference.vertex_count(), {}, keep);
        tracked.drop_edges(keep);
      }
      REQUIRE(tracked.slot_count() == reference.vertex_count());
      REQUIRE(seen_edges(tracked) == reference.edges());
      REQUIRE(tracked.canonical().edges() == reference.edges());
      REQUIRE(tracked.live_edge_count() == reference.edge_count());
    }
    CHECK(had_departed);  // the maps were exercised, not only compaction
    CHECK(compacted);     // and so was the compaction once enough had left
  }
}

TEST_CASE("a tracked network answers whether two agents are tied", "[network]") {
  TrackedNetwork net(Network::from_ties(4, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}, {1, 2, 0, 1.0F}}));
  CHECK(net.tied(0, 1));
  CHECK(net.tied(1, 0));
  CHECK_FALSE(net.tied(0, 2));
  SlotRemap remap{{SlotRemap::kRemoved, 0, 1, 2}, 3};  // slot 0 leaves: 1 -> 0, 2 -> 1, 3 -> 2
  net.follow_commit(remap);
  CHECK(net.tied(0, 1));
  CHECK_FALSE(net.tied(1, 2));
  std::size_t ties_of_first = 0;
  net.for_each_neighbour(0, [&](std::uint32_t, std::uint8_t, float) { ++ties_of_first; });
  CHECK(ties_of_first == 1);  // the tie to the agent that left is not seen
}

TEST_CASE("ties beyond the slots are refused and change nothing", "[network][errors]") {
  TrackedNetwork net(Network::from_ties(3, std::vector<EdgeSpec>{{0, 1, 0, 1.0F}}));
  CHECK_THROWS_MATCHES(net.add_ties(4, std::vector<EdgeSpec>{{0, 2, 0, 1.0F}, {1, 7, 0, 1.0F}}), NetworkInputError,
                       Catch::Message("tie #1 (1 -- 7): expected slots below 4, found slot 7"));
  CHECK_THROWS_WITH(net.add_ties(2, {}), Catch::Contains("expected a slot count of at least 3, found 2"));
  CHECK_THROWS_WITH(net.add_ties(4, std::vector<EdgeSpec>{{0, 2, 0, 1.0F}, {3, 3, 0, 1.0F}}),
                    Catch::Contains("a loop on vertex 3"));
  CHECK(net.slot_count() == 3);
  CHECK(net.live_edge_count() == 2);
  CHECK_FALSE(net.tied(0, 2));
}

TEST_CASE("a tracked network's arrays shrink with its edges at compaction", "[network]") {
  // Half the agents leave: after the compaction the arrays hold the surviving edges (plus a
  // little slack and the slot maps), not the high-water mark of the generated network.
  RandomStream s(RandomKey::from(7, 3), 0, Tick{0}, 1);
  const std::uint32_t n = 4000;
  TrackedNetwork net(Network::from_ties(n, random_ties(s, n, 8 * n)));
  const std::size_t before = net.allocated_bytes();
  SlotRemap remap;
  for (std::uint32_t slot = 0; slot < n; ++slot) remap.new_slot_of_old.push_back(slot % 2 == 0 ? SlotRemap::kRemoved : remap.new_size++);
  net.follow_commit(remap);
  REQUIRE(net.departed_vertices() == 0);  // compacted
  const std::size_t edge_bytes = sizeof(std::uint32_t) + sizeof(std::uint8_t) + sizeof(float);
  const std::size_t needed = net.live_edge_count() * edge_bytes + (net.slot_count() + 1) * sizeof(std::uint32_t) +
                             2 * net.slot_count() * sizeof(std::uint32_t);  // rows and the two slot maps
  CHECK(net.allocated_bytes() < needed + needed / 8);
  CHECK(net.allocated_bytes() < before / 2);
}
