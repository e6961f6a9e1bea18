#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "wijksim/engine/contention.hpp"
#include "wijksim/engine/random.hpp"

using namespace wijksim::engine;

TEST_CASE("grants respect capacity and serve higher priority first", "[contention]") {
  std::vector<Request> requests{
      {0, 10, 1, 0, 1.0}, {0, 11, 5, 0, 1.0}, {0, 12, 3, 0, 1.0}, {1, 13, 0, 0, 2.0}, {1, 14, 0, 0, 2.0},
  };
  std::vector<double> capacity{2.0, 3.0};
  const auto grants = arbitrate(requests, capacity, ArbitrationRule{});
  std::vector<std::uint32_t> resource0;
  double granted1 = 0.0;
  for (const auto& g : grants) {
    if (g.resource == 0) resource0.push_back(g.requester);
    if (g.resource == 1) granted1 += g.amount;
  }
  CHECK(resource0 == std::vector<std::uint32_t>{11, 12});  // priority 5, then 3; 1 is refused
  CHECK(granted1 == 2.0);  // whole grants only: the second 2.0 does not fit in the 1.0 left
  CHECK(capacity[0] == 0.0);
  CHECK(capacity[1] == 1.0);
}

TEST_CASE("partial grants hand out what is left", "[contention]") {
  std::vector<double> capacity{3.0};
  const auto grants = arbitrate({{0, 1, 0, 0, 2.0}, {0, 2, 0, 0, 2.0}}, capacity,
                                ArbitrationRule{true, 0});
  REQUIRE(grants.size() == 2);
  CHECK(grants[0].amount + grants[1].amount == 3.0);
  CHECK(capacity[0] == 0.0);
}

TEST_CASE("the result does not depend on the order requests arrive in", "[contention]") {
  std::vector<Request> requests;
  for (std::uint32_t i = 0; i < 200; ++i) {
    requests.push_back(Request{i % 3, i, static_cast<std::int32_t>(i % 4), 0, 1.0});
  }
  const ArbitrationRule rule{false, mix64(17)};
  std::vector<double> capacity_a{10, 10, 10};
  const auto reference = arbitrate(requests, capacity_a, rule);
  for (std::uint64_t shuffle = 1; shuffle <= 5; ++shuffle) {
    auto shuffled = requests;
    std::sort(shuffled.begin(), shuffled.end(), [shuffle](const Request& a, const Request& b) {
      return mix64(a.requester ^ shuffle) < mix64(b.requester ^ shuffle);
    });
    std::vector<double> capacity_b{10, 10, 10};
    const auto grants = arbitrate(shuffled, capacity_b, rule);
    REQUIRE(grants.size() == reference.size());
    for (std::size_t i = 0; i < grants.size(); ++i) {
      CHECK(grants[i].requester == reference[i].requester);
      CHECK(grants[i].resource == reference[i].resource);
    }
  }
}

TEST_CASE("ties are broken by a salted hash, not by id", "[contention]") {
  std::vector<Request> requests;
  for (std::uint32_t i = 0; i < 100; ++i) requests.push_back(Request{0, i, 0, 0, 1.0});
  auto winners = [&](std::uint64_t salt) {
    std::vector<double> capacity{10};
    std::vector<std::uint32_t> w;
    for (const auto& g : arbitrate(requests, capacity, ArbitrationRule{false, salt})) w.push_back(g.requester);
    std::sort(w.begin(), w.end());
    return w;
  };
  const auto a = winners(mix64(1));
  const auto b = winners(mix64(2));
  CHECK(a.size() == 10);
  CHECK(a != b);  // a different salt (tick) favours different requesters
  std::vector<std::uint32_t> lowest(10);
  std::iota(lowest.begin(), lowest.end(), 0U);
  CHECK(a != lowest);
}

TEST_CASE("RequestBuffer gathers per-block requests in block order", "[contention]") {
  RequestBuffer buffer;
  buffer.reset(3);
  buffer.push(BlockRange{2, 20, 30}, Request{0, 25, 0, 0, 1.0});
  buffer.push(BlockRange{0, 0, 10}, Request{0, 5, 0, 0, 1.0});
  buffer.push(BlockRange{0, 0, 10}, Request{0, 6, 0, 0, 1.0});
  const auto all = buffer.gather();
  REQUIRE(all.size() == 3);
  CHECK(all[0].requester == 5);
  CHECK(all[1].requester == 6);
  CHECK(all[2].requester == 25);
  buffer.reset(3);
  CHECK(buffer.gather().empty());
}
