// Indices of a sweep's outcomes: replicate averaging and Saltelli row reconstruction.
#include "wijksim/sensitivity/sweep_indices.hpp"

#include <catch2/catch.hpp>

#include "test_functions.hpp"
#include "wijksim/engine/error.hpp"

namespace ws = wijksim::sensitivity;

namespace {

/// A sweep over saltelli_design(n, 3): one arm, two replicates per point with noise of
/// opposite sign (their mean is the Ishigami function), runs in reverse point order; outcome
/// "flat" is constant.
ws::SweepOutcomes ishigami_sweep(const ws::SaltelliDesign& design) {
  ws::SweepOutcomes sweep;
  sweep.source = "test.h5";
  sweep.base_points = design.base_points;
  sweep.parameters = {"x1", "x2", "x3"};
  sweep.outcomes = {"flat", "ishigami"};
  sweep.arms = {"only"};
  const auto y = ws::test::evaluate(design, ws::test::Ishigami{});
  for (std::size_t p = design.rows.size(); p-- > 0;) {
    for (const double noise : {0.5, -0.5}) {
      sweep.runs.push_back({p, 0, design.rows[p].matrix});
      sweep.outcome_values.push_back(2.0);
      sweep.outcome_values.push_back(y[p] + noise);
    }
  }
  return sweep;
}

}  // namespace

TEST_CASE("sweep indices average replicates and rebuild the Saltelli rows", "[sweep_indices]") {
  const auto design = ws::saltelli_design(256, 3);
  const auto sweep = ishigami_sweep(design);
  const auto direct =
      ws::sobol_indices(design, ws::test::evaluate(design, ws::test::Ishigami{}), 100, 7);
  const auto results = ws::sweep_sobol_indices(sweep, {.bootstrap = 100, .seed = 7});
  REQUIRE(results.size() == 2);
  CHECK(results[0].outcome == "flat");
  CHECK_FALSE(results[0].undefined.empty());
  const auto& r = results[1];
  CHECK(r.arm == "only");
  CHECK(r.undefined.empty());
  CHECK(r.replicates_min == 2);
  CHECK(r.replicates_max == 2);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(r.indices.first_order[k].value == Approx(direct.first_order[k].value).margin(1e-12));
    CHECK(r.indices.total[k].value == Approx(direct.total[k].value).margin(1e-12));
    CHECK(r.indices.total[k].low == Approx(direct.total[k].low).margin(1e-12));
  }
}

TEST_CASE("sweep indices refuse unknown names and incomplete designs", "[sweep_indices]") {
  const auto design = ws::saltelli_design(16, 3);
  auto sweep = ishigami_sweep(design);
  CHECK_THROWS_AS(ws::sweep_sobol_indices(sweep, {.outcomes = {"nope"}}),
                  wijksim::engine::InputError);
  CHECK_THROWS_AS(ws::sweep_sobol_indices(sweep, {.arm = "nobody"}), wijksim::engine::InputError);
  // Drop both runs of one point.
  sweep.runs.erase(sweep.runs.begin(), sweep.runs.begin() + 2);
  sweep.outcome_values.erase(sweep.outcome_values.begin(), sweep.outcome_values.begin() + 4);
  CHECK_THROWS_WITH(ws::sweep_sobol_indices(sweep, {.outcomes = {"ishigami"}, .bootstrap = 10}),
                    Catch::Contains("no run at point 79"));
}
