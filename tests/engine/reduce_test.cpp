#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/reduce.hpp"

using namespace wijksim::engine;

TEST_CASE("deterministic_sum is bit-identical at 1, 2 and 4 threads", "[reduce]") {
  const std::size_t n = 100'003;
  auto value = [](std::size_t i) { return 1.0 / (1.0 + static_cast<double>(i) * 0.37) * std::sin(double(i)); };
  std::vector<double> sums;
  for (const int threads : {1, 2, 4}) {
    Executor executor(threads);
    sums.push_back(deterministic_sum(executor, n, 1024, value));
  }
  CHECK(std::memcmp(&sums[0], &sums[1], sizeof(double)) == 0);
  CHECK(std::memcmp(&sums[0], &sums[2], sizeof(double)) == 0);
  // Same as the block-wise serial computation it promises.
  double expected = 0.0;
  for (std::size_t b = 0; b < block_count(n, 1024); ++b) {
    double block = 0.0;
    for (std::size_t i = b * 1024; i < std::min(n, (b + 1) * 1024); ++i) block += value(i);
    expected += block;
  }
  CHECK(std::memcmp(&sums[0], &expected, sizeof(double)) == 0);
}

TEST_CASE("deterministic_reduce combines blocks in order", "[reduce]") {
  Executor executor(2);
  // String concatenation is not commutative: any reordering would show.
  const std::string joined = deterministic_reduce(
      executor, 10, 3, std::string{},
      [](const BlockRange& b) {
        std::string text(1, '[');  // built with append: GCC 12's -Wrestrict misfires on "[" + s
        text.append(std::to_string(b.begin)).append(1, ',').append(std::to_string(b.end)).append(1, ')');
        return text;
      },
      [](std::string a, const std::string& b) { return a.append(b); });
  CHECK(joined == "[0,3)[3,6)[6,9)[9,10)");
  CHECK(deterministic_sum(executor, 0, 8, [](std::size_t) { return 1.0; }) == 0.0);
}

TEST_CASE("an executor needs at least one thread", "[reduce]") {
  CHECK_THROWS_MATCHES(Executor(0), InputError,
                       Catch::Message("thread count: expected an integer >= 1, found 0"));
}
