#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/engine/agent_store.hpp"

using namespace wijksim::engine;

namespace {
struct PersonTag;
using PersonId = StrongId<PersonTag>;
}  // namespace

TEST_CASE("columns are typed, default-filled and grow with spawns", "[agent_store]") {
  AgentStore<PersonId> store("people");
  const auto age = store.add_column<float>("age", 30.0F);
  for (int i = 0; i < 3; ++i) (void)store.spawn();
  const auto flag = store.add_column<std::uint8_t>("flag", 1);  // added after agents exist
  REQUIRE(store.size() == 3);
  CHECK(store.values(age)[2] == 30.0F);
  CHECK(store.values(flag)[0] == 1);
  store.values(age)[1] = 45.0F;
  const PersonId fourth = store.spawn();
  CHECK(fourth == PersonId{3});
  CHECK(store.values(age)[1] == 45.0F);
  CHECK(store.values(age)[3] == 30.0F);
  CHECK(store.bytes_per_agent() == sizeof(float) + sizeof(std::uint8_t) + sizeof(PersonId) + 1 + 4);
}

TEST_CASE("a duplicate column name is a declaration error naming store and column", "[agent_store]") {
  AgentStore<PersonId> store("people");
  (void)store.add_column<float>("age");
  CHECK_THROWS_MATCHES(store.add_column<int>("age"), DeclarationError,
                       Catch::Message("store 'people': column 'age' declared twice"));
}

TEST_CASE("removals are deferred, then compacted in order with stable ids", "[agent_store]") {
  AgentStore<PersonId> store("people");
  const auto value = store.add_column<int>("value");
  for (int i = 0; i < 6; ++i) {
    (void)store.spawn();
    store.values(value)[static_cast<std::size_t>(i)] = i * 10;
  }
  store.mark_removed(1);
  store.mark_removed(4);
  CHECK(store.size() == 6);  // nothing moves before commit
  CHECK(store.pending_removals() == 2);
  CHECK(store.is_marked_removed(1));

  const SlotRemap remap = store.commit();
  REQUIRE(store.size() == 4);
  CHECK(remap.new_size == 4);
  CHECK(remap.new_slot_of_old == std::vector<std::uint32_t>{0, SlotRemap::kRemoved, 1, 2,
                                                             SlotRemap::kRemoved, 3});
  CHECK_FALSE(remap.is_identity());
  const std::vector<int> values(store.values(value).begin(), store.values(value).end());
  CHECK(values == std::vector<int>{0, 20, 30, 50});
  CHECK(store.id_at(3) == PersonId{5});
  CHECK(store.slot_of(PersonId{5}) == std::optional<std::size_t>{3});
  CHECK_FALSE(store.contains(PersonId{1}));
  CHECK_FALSE(store.contains(PersonId{4}));
  CHECK_FALSE(store.contains(PersonId{99}));
  CHECK_FALSE(store.contains(PersonId::invalid()));
  CHECK(store.pending_removals() == 0);

  // New ids never reuse old ones, and slot order stays id order.
  const PersonId born = store.spawn();
  CHECK(born == PersonId{6});
  CHECK(store.slot_of(born) == std::optional<std::size_t>{4});
  for (std::size_t i = 1; i < store.size(); ++i) CHECK(store.id_at(i - 1) < store.id_at(i));
  CHECK(store.commit().is_identity());
}

TEST_CASE("a commit with an executor compacts the columns side by side into the same bytes", "[agent_store]") {
  // Many columns of several widths and scattered removals: every column must come out as a
  // serial commit leaves it, at 1 and 2 threads.
  const auto build = [] {
    auto store = std::make_unique<AgentStore<PersonId>>("people");
    std::vector<Column<std::uint32_t>> wide;
    std::vector<Column<std::uint8_t>> narrow;
    for (int c = 0; c < 12; ++c) {
      wide.push_back(store->add_column<std::uint32_t>("wide" + std::to_string(c)));
      narrow.push_back(store->add_column<std::uint8_t>("narrow" + std::to_string(c)));
    }
    for (std::uint32_t i = 0; i < 5000; ++i) {
      (void)store->spawn();
      for (std::size_t c = 0; c < wide.size(); ++c) {
        store->values(wide[c])[i] = i * 31U + static_cast<std::uint32_t>(c);
        store->values(narrow[c])[i] = static_cast<std::uint8_t>(i + c);
      }
      if (i % 7 == 3 || i % 97 == 0) store->mark_removed(i);
    }
    return store;
  };
  const auto state = [](const AgentStore<PersonId>& store) {
    std::vector<std::vector<std::byte>> columns;
    store.for_each_column_bytes([&](const std::string&, std::span<const std::byte> bytes) {
      columns.emplace_back(bytes.begin(), bytes.end());
    });
    return columns;
  };
  auto serial = build();
  const SlotRemap expected = serial->commit();
  for (const int threads : {1, 2}) {
    Executor executor(threads);
    auto parallel = build();
    const SlotRemap remap = parallel->commit(&executor);
    CHECK(remap.new_slot_of_old == expected.new_slot_of_old);
    CHECK(state(*parallel) == state(*serial));
    CHECK(parallel->slot_of(serial->id_at(100)) == std::optional<std::size_t>{100});
  }
}

TEST_CASE("the full state is visible as bytes per column", "[agent_store]") {
  AgentStore<PersonId> store("people");
  const auto a = store.add_column<std::uint16_t>("a");
  (void)store.add_column<double>("b");
  (void)store.spawn();
  (void)store.spawn();
  store.values(a)[1] = 7;
  std::vector<std::string> names;
  std::size_t total = 0;
  store.for_each_column_bytes([&](const std::string& name, std::span<const std::byte> bytes) {
    names.push_back(name);
    total += bytes.size();
  });
  CHECK(names == std::vector<std::string>{"a", "b", "<ids>"});
  CHECK(total == 2 * (2 + 8 + 4));
  CHECK(store.column_name(1) == "b");
  CHECK(store.allocated_bytes() >= total);
}
