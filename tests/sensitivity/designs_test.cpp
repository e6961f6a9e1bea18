// Sobol sequence, Latin hypercube and Saltelli design (analysis/sensitivity/designs.hpp).
#include "wijksim/sensitivity/designs.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace ws = wijksim::sensitivity;

TEST_CASE("sobol_sequence: the first points in 3 dimensions are the known ones", "[sobol]") {
  // Points 1..7 of the unscrambled sequence with Joe & Kuo direction numbers (the zero point
  // 0 is skipped); these are also scipy.stats.qmc.Sobol(3, scramble=False) rows 1..7.
  const std::vector<double> expected = {0.5,   0.5,   0.5,    //
                                        0.75,  0.25,  0.25,   //
                                        0.25,  0.75,  0.75,   //
                                        0.375, 0.375, 0.625,  //
                                        0.875, 0.875, 0.125,  //
                                        0.625, 0.125, 0.875,  //
                                        0.125, 0.625, 0.375};
  CHECK(ws::sobol_sequence(7, 3) == expected);
}

TEST_CASE("sobol_sequence: high dimensions match an independent implementation", "[sobol]") {
  // Reference values from scipy 1.10 (scipy.stats.qmc.Sobol(64, scramble=False, bits=32),
  // which also uses new-joe-kuo-6.21201), sequence points 4, 1000 and 1023, dimensions
  // 40, 41, 63, 64 (1-based).
  constexpr std::size_t dims = 64;
  const auto points = ws::sobol_sequence(1023, dims);  // rows 0.. are points 1..1023
  const auto at = [&](std::size_t point, std::size_t dimension) {
    return points[(point - 1) * dims + dimension - 1];
  };
  CHECK(at(4, 40) == 0.875);
  CHECK(at(4, 41) == 0.875);
  CHECK(at(4, 63) == 0.875);
  CHECK(at(4, 64) == 0.125);
  CHECK(at(1000, 40) == 0.4794921875);
  CHECK(at(1000, 41) == 0.9130859375);
  CHECK(at(1000, 63) == 0.2587890625);
  CHECK(at(1000, 64) == 0.4462890625);
  CHECK(at(1023, 40) == 0.6982421875);
  CHECK(at(1023, 41) == 0.6318359375);
  CHECK(at(1023, 63) == 0.7900390625);
  CHECK(at(1023, 64) == 0.0400390625);
}

TEST_CASE("sobol_sequence: skip continues the same sequence", "[sobol]") {
  const auto all = ws::sobol_sequence(100, 5);
  const auto tail = ws::sobol_sequence(60, 5, 40);
  CHECK(std::equal(tail.begin(), tail.end(), all.begin() + 40 * 5));
}

TEST_CASE("sobol_sequence: 2^k points fill every dyadic interval of every coordinate once",
          "[sobol]") {
  // Points l*2^k .. (l+1)*2^k - 1 of a Sobol sequence form a (0, k, 1)-net in each
  // coordinate: each interval [i/2^k, (i+1)/2^k) holds exactly one of them. The block from
  // point 0 includes the skipped zero point, so take the block l = 1 (skip = 2^k - 1).
  constexpr std::size_t dims = ws::max_sobol_dimensions;
  for (const std::size_t k : {1U, 4U, 8U, 10U}) {
    const std::size_t n = std::size_t{1} << k;
    const auto points = ws::sobol_sequence(n, dims, n - 1);
    for (std::size_t d = 0; d < dims; ++d) {
      std::vector<int> hits(n, 0);
      for (std::size_t r = 0; r < n; ++r) {
        const double x = points[r * dims + d];
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
        ++hits[static_cast<std::size_t>(x * static_cast<double>(n))];
      }
      INFO("k = " << k << ", dimension " << d);
      CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    }
  }
}

TEST_CASE("sobol_sequence: the first two dimensions form a (0, m, 2)-net", "[sobol]") {
  // Sobol' dimensions 1 and 2 (van der Corput and x^2 + x + 1) have t = 0: every elementary
  // box [a/2^i, (a+1)/2^i) x [b/2^(m-i), (b+1)/2^(m-i)) holds exactly one of 2^m points.
  constexpr std::size_t m = 6;
  constexpr std::size_t n = std::size_t{1} << m;
  const auto points = ws::sobol_sequence(n, 2, n - 1);
  for (std::size_t i = 0; i <= m; ++i) {
    std::vector<int> hits(n, 0);
    const auto columns = static_cast<double>(std::size_t{1} << i);
    const auto rows = static_cast<double>(std::size_t{1} << (m - i));
    for (std::size_t r = 0; r < n; ++r) {
      const auto a = static_cast<std::size_t>(points[2 * r] * columns);
      const auto b = static_cast<std::size_t>(points[2 * r + 1] * rows);
      ++hits[a * (std::size_t{1} << (m - i)) + b];
    }
    INFO("boxes of 2^-" << i << " x 2^-" << m - i);
    CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  }
}

TEST_CASE("sobol_sequence: refuses unsupported dimensions", "[sobol]") {
  CHECK_THROWS_AS(ws::sobol_sequence(4, 0), std::invalid_argument);
  CHECK_THROWS_AS(ws::sobol_sequence(4, ws::max_sobol_dimensions + 1), std::invalid_argument);
  CHECK(ws::sobol_sequence(0, 3).empty());
}

TEST_CASE("latin_hypercube: one point per stratum in every dimension", "[lhs]") {
  for (const std::size_t n : {1U, 7U, 100U, 1000U}) {
    constexpr std::size_t dims = 6;
    const auto points = ws::latin_hypercube(n, dims, 42);
    REQUIRE(points.size() == n * dims);
    for (std::size_t d = 0; d < dims; ++d) {
      std::vector<int> hits(n, 0);
      for (std::size_t r = 0; r < n; ++r) {
        const double x = points[r * dims + d];
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
        ++hits[static_cast<std::size_t>(std::floor(x * static_cast<double>(n)))];
      }
      INFO("n = " << n << ", dimension " << d);
      CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    }
  }
}

TEST_CASE("latin_hypercube: same seed same points, other seed other points", "[lhs]") {
  const auto a = ws::latin_hypercube(50, 4, 7);
  CHECK(ws::latin_hypercube(50, 4, 7) == a);
  CHECK(ws::latin_hypercube(50, 4, 8) != a);
  // Dimensions are permuted independently (not the same permutation in every column).
  std::size_t same = 0;
  for (std::size_t r = 0; r < 50; ++r) {
    if (std::floor(a[r * 4] * 50.0) == std::floor(a[r * 4 + 1] * 50.0)) ++same;
  }
  CHECK(same < 10);
}

TEST_CASE("saltelli_design: A and B from one Sobol sequence, AB_k mixes them", "[saltelli]") {
  constexpr std::size_t n = 16;
  constexpr std::size_t dims = 3;
  const auto design = ws::saltelli_design(n, dims);
  const auto sobol = ws::sobol_sequence(n, 2 * dims);
  REQUIRE(design.base_points == n);
  REQUIRE(design.dims == dims);
  REQUIRE(design.rows.size() == n * (dims + 2));
  REQUIRE(design.unit.size() == design.rows.size() * dims);
  for (std::size_t r = 0; r < design.rows.size(); ++r) {
    const auto [base, matrix] = design.rows[r];
    CHECK(base == r / (dims + 2));
    for (std::size_t d = 0; d < dims; ++d) {
      const double a = sobol[base * 2 * dims + d];
      const double b = sobol[base * 2 * dims + dims + d];
      const double expected = matrix == ws::saltelli_matrix_a         ? a
                              : matrix == ws::saltelli_matrix_b       ? b
                              : static_cast<std::size_t>(matrix) == d ? b
                                                                      : a;
      CHECK(design.unit[r * dims + d] == expected);
    }
  }
  CHECK(design.rows[0].matrix == ws::saltelli_matrix_a);
  CHECK(design.rows[1].matrix == ws::saltelli_matrix_b);
  CHECK(design.rows[4].matrix == 2);
  CHECK_THROWS_AS(ws::saltelli_design(0, 3), std::invalid_argument);
  CHECK_THROWS_AS(ws::saltelli_design(8, ws::max_sobol_dimensions / 2 + 1), std::invalid_argument);
}
