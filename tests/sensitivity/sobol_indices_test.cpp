// First-order and total Sobol indices against functions with known indices.
#include "wijksim/sensitivity/sobol_indices.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

#include "test_functions.hpp"

namespace ws = wijksim::sensitivity;

namespace {

bool covers(const ws::IndexEstimate& e, double truth) { return e.low <= truth && truth <= e.high; }

}  // namespace

TEST_CASE("Ishigami's analytic indices are the published ones", "[sobol_indices]") {
  const ws::test::Ishigami f;
  const auto s = f.first_order();
  const auto st = f.total();
  CHECK(s[0] == Approx(0.3139).margin(5e-5));
  CHECK(s[1] == Approx(0.4424).margin(5e-5));
  CHECK(st[0] == Approx(0.5576).margin(5e-5));
  CHECK(st[2] == Approx(0.2437).margin(5e-5));
  CHECK(f.variance() == Approx(13.8446).margin(5e-4));
}

TEST_CASE("Ishigami: estimates within 0.02 of the truth, intervals cover it", "[sobol_indices]") {
  const ws::test::Ishigami f;
  const auto design = ws::saltelli_design(4096, 3);
  const auto result = ws::sobol_indices(design, ws::test::evaluate(design, f), 1000, 1);
  const auto s = f.first_order();
  const auto st = f.total();
  CHECK(result.variance == Approx(f.variance()).epsilon(0.02));
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("parameter " << i + 1 << ": S1 " << result.first_order[i].value << " ["
                      << result.first_order[i].low << ", " << result.first_order[i].high
                      << "] truth " << s[i] << "; ST " << result.total[i].value << " ["
                      << result.total[i].low << ", " << result.total[i].high << "] truth "
                      << st[i]);
    CHECK(std::abs(result.first_order[i].value - s[i]) < 0.02);
    CHECK(std::abs(result.total[i].value - st[i]) < 0.02);
    CHECK(covers(result.first_order[i], s[i]));
    CHECK(covers(result.total[i], st[i]));
    CHECK(result.first_order[i].low <= result.first_order[i].value);
    CHECK(result.first_order[i].value <= result.first_order[i].high);
  }
}

TEST_CASE("linear additive function: S_i = ST_i = c_i^2 / sum c^2", "[sobol_indices]") {
  const ws::test::Linear<4> f{{1.0, 2.0, 3.0, 0.0}};  // truth 1/14, 4/14, 9/14, 0
  const auto design = ws::saltelli_design(1024, 4);
  const auto result = ws::sobol_indices(design, ws::test::evaluate(design, f), 500, 3);
  const auto truth = f.indices();
  CHECK(result.variance == Approx(14.0 / 12.0).epsilon(0.01));
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("parameter " << i + 1);
    CHECK(result.first_order[i].value == Approx(truth[i]).margin(0.02));
    CHECK(result.total[i].value == Approx(truth[i]).margin(0.02));
    CHECK(covers(result.first_order[i], truth[i]));
    CHECK(covers(result.total[i], truth[i]));
  }
  // A parameter that does nothing has exactly zero total effect: f(A) == f(AB_4).
  CHECK(result.total[3].value == 0.0);
  CHECK(result.total[3].high == 0.0);
}

TEST_CASE("bootstrap intervals narrow as the base sample grows", "[sobol_indices]") {
  const ws::test::Ishigami f;
  const auto width = [&](std::size_t n) {
    const auto design = ws::saltelli_design(n, 3);
    const auto r = ws::sobol_indices(design, ws::test::evaluate(design, f), 300, 5);
    return std::pair{r.first_order[1].high - r.first_order[1].low,
                     r.total[0].high - r.total[0].low};
  };
  const auto [s_small, st_small] = width(256);
  const auto [s_large, st_large] = width(4096);
  // Widths scale like 1 / sqrt(N): 16 times the points, about a quarter of the width.
  INFO("S2 width " << s_small << " -> " << s_large << ", ST1 width " << st_small << " -> "
                   << st_large);
  CHECK(s_large < 0.5 * s_small);
  CHECK(st_large < 0.5 * st_small);
  CHECK(s_large > 0.0);
}

TEST_CASE("bootstrap is deterministic given the seed", "[sobol_indices]") {
  const ws::test::Ishigami f;
  const auto design = ws::saltelli_design(128, 3);
  const auto y = ws::test::evaluate(design, f);
  const auto a = ws::sobol_indices(design, y, 200, 9);
  const auto b = ws::sobol_indices(design, y, 200, 9);
  const auto c = ws::sobol_indices(design, y, 200, 10);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(a.first_order[i].low == b.first_order[i].low);
    CHECK(a.total[i].high == b.total[i].high);
    CHECK(a.first_order[i].value == c.first_order[i].value);
  }
  CHECK(a.first_order[0].low != c.first_order[0].low);
  // Without bootstrap there is no interval.
  const auto none = ws::sobol_indices(design, y, 0);
  CHECK(std::isnan(none.first_order[0].low));
  CHECK(none.first_order[0].value == a.first_order[0].value);
}

TEST_CASE("rows may come in any order", "[sobol_indices]") {
  const ws::test::Ishigami f;
  const auto design = ws::saltelli_design(64, 3);
  const auto y = ws::test::evaluate(design, f);
  auto reversed = design;
  std::vector<double> reversed_y(y.rbegin(), y.rend());
  reversed.rows.assign(design.rows.rbegin(), design.rows.rend());
  const auto a = ws::sobol_indices(design, y, 50, 2);
  const auto b = ws::sobol_indices(reversed, reversed_y, 50, 2);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(a.first_order[i].value == b.first_order[i].value);
    CHECK(a.total[i].low == b.total[i].low);
  }
}

TEST_CASE("sobol_indices refuses malformed input", "[sobol_indices]") {
  const auto design = ws::saltelli_design(8, 2);
  std::vector<double> y(design.rows.size(), 1.0);
  SECTION("constant output") {
    CHECK_THROWS_WITH(ws::sobol_indices(design, y), Catch::Contains("zero variance"));
  }
  for (std::size_t r = 0; r < y.size(); ++r) y[r] = static_cast<double>(r % 5);
  SECTION("too few outputs") {
    y.pop_back();
    CHECK_THROWS_WITH(ws::sobol_indices(design, y), Catch::Contains("one output per design row"));
  }
  SECTION("a repeated row") {
    auto bad = design;
    bad.rows[1] = bad.rows[0];
    CHECK_THROWS_WITH(ws::sobol_indices(bad, y), Catch::Contains("repeats"));
  }
  SECTION("a matrix out of range") {
    auto bad = design;
    bad.rows[2].matrix = 2;
    CHECK_THROWS_AS(ws::sobol_indices(bad, y), std::invalid_argument);
  }
  SECTION("non-finite output") {
    y[3] = std::nan("");
    CHECK_THROWS_WITH(ws::sobol_indices(design, y), Catch::Contains("not finite"));
  }
  SECTION("confidence outside (0, 1)") {
    CHECK_THROWS_AS(ws::sobol_indices(design, y, 10, 1, 1.0), std::invalid_argument);
  }
}
