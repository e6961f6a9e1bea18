#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <vector>

#include "wijksim/engine/distributions.hpp"

using namespace wijksim::engine;

namespace {
RandomStream golden_stream() { return RandomStream(RandomKey::from(42, 7), 1, Tick{3}, 9); }

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};
template <class Draw>
Moments moments(int n, Draw draw) {
  RandomStream s(RandomKey::from(2024, 1), 77, Tick{0}, 1);
  double sum = 0.0;
  double sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double x = draw(s);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, sum2 / n - mean * mean};
}
}  // namespace

// Golden values: the first draws of a fixed stream. They pin each transform's algorithm and
// word consumption; a change here changes every result of every model, so it must be a
// deliberate, versioned decision.
TEST_CASE("golden values: uniform, bernoulli, uniform_index", "[distributions][golden]") {
  auto s = golden_stream();
  CHECK(uniform01(s) == Approx(0.23502063013645336).epsilon(1e-15));
  CHECK(uniform(s, 2.0, 4.0) == Approx(3.9516469299995602).epsilon(1e-15));
  CHECK(bernoulli(s, 0.5) == true);
  CHECK(uniform_index(s, 1000) == 929U);
}

TEST_CASE("golden values: exponential and normal", "[distributions][golden]") {
  auto s = golden_stream();
  CHECK(exponential(s, 2.0) == Approx(0.13395320650893128).epsilon(1e-12));
  CHECK(exponential(s, 0.5) == Approx(7.4447454886059834).epsilon(1e-12));
  CHECK(normal(s, 0.0, 1.0) == Approx(0.39361666874584955).epsilon(1e-12));
  CHECK(normal(s, 10.0, 2.0) == Approx(8.946689775704364).epsilon(1e-12));
}

TEST_CASE("golden values: poisson, both algorithms", "[distributions][golden]") {
  auto s = golden_stream();
  CHECK(poisson(s, 0.0) == 0U);
  CHECK(poisson(s, 3.5) == 2U);
  CHECK(poisson(s, 3.5) == 6U);
  CHECK(poisson(s, 250.0) == 254U);
  CHECK(poisson(s, 250.0) == 223U);
}

TEST_CASE("golden values: binomial, both algorithms and the flip", "[distributions][golden]") {
  auto s = golden_stream();
  CHECK(binomial(s, 0, 0.3) == 0U);
  CHECK(binomial(s, 10, 0.0) == 0U);
  CHECK(binomial(s, 10, 1.0) == 10U);
  CHECK(binomial(s, 20, 0.3) == 4U);
  CHECK(binomial(s, 1000, 0.4) == 428U);
  CHECK(binomial(s, 1000, 0.9) == 896U);
}

TEST_CASE("golden values: categorical", "[distributions][golden]") {
  auto s = golden_stream();
  const std::array<double, 4> weights{1.0, 0.0, 2.0, 1.0};
  CHECK(categorical(s, weights) == 0U);
  CHECK(categorical(s, weights) == 3U);
  CHECK(categorical(s, weights) == 0U);
}

TEST_CASE("moments match the distributions", "[distributions]") {
  const int n = 200'000;
  SECTION("uniform") {
    const auto m = moments(n, [](RandomStream& s) { return uniform01(s); });
    CHECK(m.mean == Approx(0.5).margin(0.005));
    CHECK(m.variance == Approx(1.0 / 12).margin(0.002));
  }
  SECTION("exponential") {
    const auto m = moments(n, [](RandomStream& s) { return exponential(s, 4.0); });
    CHECK(m.mean == Approx(0.25).margin(0.003));
    CHECK(m.variance == Approx(0.0625).margin(0.003));
  }
  SECTION("normal") {
    const auto m = moments(n, [](RandomStream& s) { return normal(s, 3.0, 2.0); });
    CHECK(m.mean == Approx(3.0).margin(0.02));
    CHECK(m.variance == Approx(4.0).margin(0.06));
  }
  SECTION("poisson small and large mean") {
    for (const double lambda : {0.7, 6.0, 12.0, 400.0}) {
      const auto m = moments(n, [lambda](RandomStream& s) { return double(poisson(s, lambda)); });
      CHECK(m.mean == Approx(lambda).margin(0.01 * lambda + 0.01));
      CHECK(m.variance == Approx(lambda).margin(0.03 * lambda + 0.02));
    }
  }
  SECTION("binomial small and large n·p, and p above one half") {
    for (const auto& [trials, p] : std::vector<std::pair<std::uint32_t, double>>{
             {5, 0.2}, {40, 0.1}, {200, 0.3}, {5000, 0.02}, {300, 0.85}}) {
      const auto m = moments(n, [trials, p](RandomStream& s) { return double(binomial(s, trials, p)); });
      const double mean = trials * p;
      const double variance = trials * p * (1 - p);
      CHECK(m.mean == Approx(mean).margin(0.01 * mean + 0.01));
      CHECK(m.variance == Approx(variance).margin(0.04 * variance + 0.02));
    }
  }
  SECTION("bernoulli") {
    const auto m = moments(n, [](RandomStream& s) { return bernoulli(s, 0.3) ? 1.0 : 0.0; });
    CHECK(m.mean == Approx(0.3).margin(0.005));
  }
}

TEST_CASE("categorical frequencies follow the weights, never a zero weight", "[distributions]") {
  RandomStream s(RandomKey::from(1, 1), 0, Tick{0}, 0);
  const std::array<double, 4> weights{1.0, 0.0, 2.0, 1.0};
  std::array<int, 4> counts{};
  const int n = 100'000;
  for (int i = 0; i < n; ++i) ++counts[categorical(s, weights)];
  CHECK(counts[1] == 0);
  CHECK(counts[0] / double(n) == Approx(0.25).margin(0.006));
  CHECK(counts[2] / double(n) == Approx(0.5).margin(0.006));
  CHECK(counts[3] / double(n) == Approx(0.25).margin(0.006));
}

TEST_CASE("uniform_index covers all n values evenly", "[distributions]") {
  RandomStream s(RandomKey::from(3, 3), 0, Tick{0}, 0);
  std::array<int, 7> counts{};
  for (int i = 0; i < 70'000; ++i) {
    const auto k = uniform_index(s, 7);
    REQUIRE(k < 7U);
    ++counts[k];
  }
  for (const int c : counts) CHECK(c == Approx(10'000).margin(400));
}
