#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "wijksim/engine/random.hpp"

using namespace wijksim::engine;

TEST_CASE("Philox4x32-10 matches the Random123 known answer", "[random]") {
  // Key 0, counter 0 (Random123 kat_vectors; ../shared/design/STACK.md).
  const auto out = philox_block(RandomKey{0, 0}, 0, 0, 0, 0);
  CHECK(out[0] == 0x6627e8d5U);
  CHECK(out[1] == 0xe169c58dU);
  CHECK(out[2] == 0xbc57ac4cU);
  CHECK(out[3] == 0x9b00dbd8U);
}

TEST_CASE("RandomKey depends on both seed and run id", "[random]") {
  const auto k = RandomKey::from(1, 0);
  CHECK(k == RandomKey::from(1, 0));
  CHECK_FALSE(k == RandomKey::from(2, 0));
  CHECK_FALSE(k == RandomKey::from(1, 1));
  CHECK_FALSE(RandomKey::from(1, 2) == RandomKey::from(2, 1));
  std::set<std::pair<std::uint32_t, std::uint32_t>> keys;
  for (std::uint64_t seed = 0; seed < 64; ++seed) {
    for (std::uint64_t run = 0; run < 64; ++run) {
      const auto key = RandomKey::from(seed, run);
      keys.emplace(key.k0, key.k1);
    }
  }
  CHECK(keys.size() == 64 * 64);
}

TEST_CASE("RandomStream replays and separates by entity, tick and purpose", "[random]") {
  const auto key = RandomKey::from(42, 7);
  RandomStream a(key, 1, Tick{3}, 9);
  RandomStream b(key, 1, Tick{3}, 9);
  for (int i = 0; i < 10; ++i) REQUIRE(a.next_u32() == b.next_u32());
  CHECK(a.blocks_used() == 3);  // 10 words = 3 blocks of 4

  const auto first = [&](std::uint32_t entity, int tick, std::uint32_t purpose) {
    RandomStream s(key, entity, Tick{tick}, purpose);
    return s.next_u32();
  };
  const auto base = first(1, 3, 9);
  CHECK(base == philox_block(key, 1, 3, 9, 0)[0]);
  CHECK(first(2, 3, 9) != base);
  CHECK(first(1, 4, 9) != base);
  CHECK(first(1, 3, 10) != base);
}

TEST_CASE("first_blocks gives philox_block's words, and streams started from them draw alike", "[random]") {
  const auto key = RandomKey::from(11, 3);
  // 203 entities: more than one vector chunk and a ragged end; scattered ids, the known-answer
  // counter among them.
  std::vector<std::uint32_t> entities;
  for (std::uint32_t i = 0; i < 203; ++i) entities.push_back(i * 2654435761U);
  std::vector<std::array<std::uint32_t, 4>> blocks(entities.size());
  first_blocks(key, entities, Tick{17}, 5, blocks);
  for (std::size_t i = 0; i < entities.size(); ++i) {
    INFO("entity " << entities[i]);
    REQUIRE(blocks[i] == philox_block(key, entities[i], 17, 5, 0));
    RandomStream plain(key, entities[i], Tick{17}, 5);
    RandomStream started(key, entities[i], Tick{17}, 5, blocks[i]);
    for (int k = 0; k < 9; ++k) REQUIRE(plain.next_u32() == started.next_u32());  // into the third block
  }
  std::array<std::array<std::uint32_t, 4>, 1> zero{};
  const std::array<std::uint32_t, 1> entity_zero{0};
  first_blocks(RandomKey{0, 0}, entity_zero, Tick{0}, 0, zero);
  CHECK(zero[0] == std::array<std::uint32_t, 4>{0x6627e8d5U, 0xe169c58dU, 0xbc57ac4cU, 0x9b00dbd8U});
}

TEST_CASE("a StreamBatch's streams draw what streams started one by one draw, batch after batch", "[random]") {
  const auto key = RandomKey::from(23, 7);
  StreamBatch batch(key, Tick{41}, 9);
  // A full batch, then a ragged one over other entities: nothing of the first may leak into the second.
  for (const std::size_t count : {StreamBatch::kSize, std::size_t{37}}) {
    const std::uint32_t offset = count == StreamBatch::kSize ? 0U : 1000U;
    const auto entity_of = [&](std::size_t k) { return offset + static_cast<std::uint32_t>(k) * 40503U; };
    batch.prepare(count, entity_of);
    for (std::size_t k = 0; k < count; ++k) {
      INFO("batch of " << count << ", entity " << entity_of(k));
      REQUIRE(batch.entity(k) == entity_of(k));
      RandomStream plain(key, entity_of(k), Tick{41}, 9);
      RandomStream batched = batch.stream(k);
      for (int d = 0; d < 6; ++d) REQUIRE(plain.next_u32() == batched.next_u32());  // into the second block
    }
  }
}

TEST_CASE("next_double is below one and built from two words", "[random]") {
  const auto key = RandomKey::from(5, 0);
  RandomStream s(key, 0, Tick{0}, 0);
  const auto words = philox_block(key, 0, 0, 0, 0);
  const double expected =
      static_cast<double>(((static_cast<std::uint64_t>(words[0]) << 32U) | words[1]) >> 11U) * 0x1.0p-53;
  CHECK(s.next_double() == expected);
  RandomStream t(key, 1, Tick{0}, 0);
  for (int i = 0; i < 10000; ++i) {
    const double u = t.next_double();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
}
