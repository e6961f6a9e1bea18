#include <catch2/catch.hpp>

#include <type_traits>
#include <unordered_set>

#include "wijksim/engine/strong_id.hpp"

using namespace wijksim::engine;

namespace {
struct ResidentTag;
struct HouseholdTag;
using ResidentId = StrongId<ResidentTag>;
using HouseholdId = StrongId<HouseholdTag>;
}  // namespace

TEST_CASE("StrongId is a distinct type per tag, invalid by default", "[strong_id]") {
  STATIC_REQUIRE_FALSE(std::is_convertible_v<ResidentId, HouseholdId>);
  STATIC_REQUIRE_FALSE(std::is_convertible_v<std::uint32_t, ResidentId>);
  STATIC_REQUIRE(sizeof(ResidentId) == sizeof(std::uint32_t));
  const ResidentId none;
  CHECK_FALSE(none.is_valid());
  CHECK(ResidentId::invalid() == none);
  const ResidentId a{3};
  const ResidentId b{5};
  CHECK(a.is_valid());
  CHECK(a < b);
  CHECK(a.value() == 3U);
  std::unordered_set<ResidentId> set{a, b, a};
  CHECK(set.size() == 2);
}

TEST_CASE("Tick is integer time with differences in ticks", "[strong_id]") {
  Tick t{10};
  CHECK((t + 5).value() == 15);
  CHECK((t - 3).value() == 7);
  CHECK(Tick{20} - t == 10);
  ++t;
  CHECK(t == Tick{11});
  CHECK(Tick{} == Tick{0});
}
