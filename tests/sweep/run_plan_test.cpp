// Designs, run ids, seeds (common random numbers across arms) and shards.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "wijksim/sweep/run_plan.hpp"
#include "wijksim/sweep/sweep_spec.hpp"
#include "wijksim/sweep/value_mapping.hpp"

namespace {

using namespace wijksim::sweep;

const std::string kPath = std::string(WIJKSIM_TEST_SCENARIO_DIR) + "/sweeps/test.toml";

SweepSpec spec_of(const std::string& design, const std::string& parameters, const std::string& top = "") {
  return parse_sweep_spec(top + "\n[design]\n" + design + "\n" + parameters, kPath);
}

}  // namespace

TEST_CASE("a grid takes every combination, the first parameter slowest") {
  const auto spec = spec_of("kind = \"grid\"",
                            "[[parameter]]\nname = \"run.years\"\nfrom = 1\nto = 3\nstep = 1\n"
                            "[[parameter]]\nname = \"informal.ask_probability\"\nfrom = 0.0\nto = 1.0\ncount = 3\n");
  const RunPlan plan = make_run_plan(spec);
  REQUIRE(plan.points.size() == 9);
  CHECK(plan.points[0].values == std::vector<double>{1, 0.0});
  CHECK(plan.points[1].values == std::vector<double>{1, 0.5});
  CHECK(plan.points[3].values == std::vector<double>{2, 0.0});
  CHECK(plan.points[8].values == std::vector<double>{3, 1.0});
}

TEST_CASE("run ids sort in run order, arms of a point share seeds and engine run ids") {
  const auto spec = spec_of("kind = \"grid\"", "[[parameter]]\nname = \"run.years\"\nvalues = [1, 2]\n",
                            "seed = 10\nreplicates = 3\n[[arm]]\nname = \"a\"\n[[arm]]\nname = \"b\"\n");
  const RunPlan plan = make_run_plan(spec);
  REQUIRE(plan.runs.size() == 2 * 2 * 3);
  CHECK(plan.runs[0].id == "p0000-a0-r00");
  CHECK(plan.runs[4].id == "p0000-a1-r01");
  CHECK(plan.runs[11].id == "p0001-a1-r02");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const auto& r = plan.runs[i];
    CHECK(r.index == i);
    ids.insert(r.id);
    if (i > 0) CHECK(plan.runs[i - 1].id < r.id);
    CHECK(r.seed == 10 + r.point * 3 + r.replicate);  // documented in run_plan.hpp
    CHECK(r.engine_run_id == r.point * 3 + r.replicate);
  }
  CHECK(ids.size() == plan.runs.size());
  // Arm a and arm b of point 1, replicate 2: the same seed (common random numbers).
  CHECK(plan.runs[8].seed == plan.runs[11].seed);
  CHECK(plan.runs[8].arm != plan.runs[11].arm);
}

TEST_CASE("shards partition the runs: run k belongs to shard k mod N") {
  const auto spec = spec_of("kind = \"grid\"", "[[parameter]]\nname = \"run.years\"\nfrom = 1\nto = 10\nstep = 1\n", "replicates = 2\n");
  const RunPlan plan = make_run_plan(spec);
  for (std::size_t n : {1U, 3U, 7U, 40U}) {
    std::vector<int> owners(plan.runs.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (const std::size_t k : shard_runs(plan, Shard{i, n})) {
        CHECK(k % n == i);
        ++owners[k];
      }
    }
    for (const int o : owners) CHECK(o == 1);
  }
  CHECK(parse_shard("3/10").index == 3);
  CHECK(parse_shard("3/10").count == 10);
  CHECK(Shard{3, 10}.stem() == "shard-3-of-10");
  CHECK_THROWS_WITH(parse_shard("10/10"), Catch::Contains("0 <= i < N"));
  CHECK_THROWS(parse_shard("1-2"));
  CHECK_THROWS(parse_shard("a/2"));
  CHECK_THROWS(parse_shard("0/0"));
}

TEST_CASE("a Latin hypercube puts one point in each stratum of every parameter") {
  const auto spec = spec_of("kind = \"lhs\"\npoints = 20\nseed = 4",
                            "[[parameter]]\nname = \"informal.ask_probability\"\nfrom = 0.0\nto = 1.0\n"
                            "[[parameter]]\nname = \"informal.need_threshold\"\ndistribution = \"uniform\"\nmin = 0.2\nmax = 0.6\n");
  const RunPlan plan = make_run_plan(spec);
  REQUIRE(plan.points.size() == 20);
  std::set<int> strata0, strata1;
  for (const auto& p : plan.points) {
    strata0.insert(static_cast<int>(std::floor(p.values[0] * 20)));
    strata1.insert(static_cast<int>(std::floor((p.values[1] - 0.2) / 0.4 * 20)));
  }
  CHECK(strata0.size() == 20);
  CHECK(strata1.size() == 20);
  CHECK(make_run_plan(spec).points[7].values == plan.points[7].values);  // deterministic
}

TEST_CASE("a Saltelli design runs N x (d + 2) points, each knowing its matrix") {
  const auto spec = spec_of("kind = \"saltelli\"\nbase_points = 8",
                            "[[parameter]]\nname = \"informal.ask_probability\"\nfrom = 0.0\nto = 1.0\n"
                            "[[parameter]]\nname = \"run.years\"\nfrom = 1\nto = 4\n"
                            "[[parameter]]\nname = \"informal.need_threshold\"\nvalues = [0.3, 0.5]\n");
  const RunPlan plan = make_run_plan(spec);
  REQUIRE(plan.points.size() == 8 * 5);
  for (std::size_t b = 0; b < 8; ++b) {
    const auto& a = plan.points[b * 5];
    const auto& bb = plan.points[b * 5 + 1];
    CHECK(a.saltelli_matrix == -1);
    CHECK(bb.saltelli_matrix == -2);
    for (std::size_t k = 0; k < 3; ++k) {
      const auto& ab = plan.points[b * 5 + 2 + k];
      CHECK(ab.saltelli_matrix == static_cast<std::int64_t>(k));
      for (std::size_t d = 0; d < 3; ++d) CHECK(ab.values[d] == (d == k ? bb.values[d] : a.values[d]));
    }
    CHECK(a.values[1] == std::round(a.values[1]));  // an integer parameter
    CHECK(a.values[1] >= 1);
    CHECK(a.values[1] <= 4);
  }
}

TEST_CASE("unit values map to levels, ranges and distributions") {
  SweptParameter p;
  p.form = ValueForm::levels;
  p.levels = {1, 2, 3};
  CHECK(map_unit_value(p, 0.0) == 1);
  CHECK(map_unit_value(p, 0.34) == 2);
  CHECK(map_unit_value(p, 0.999) == 3);
  p.type = wijksim::engine::ParameterType::integer;
  p.form = ValueForm::uniform;
  p.low = 1;
  p.high = 8;
  CHECK(map_unit_value(p, 0.0) == 1);
  CHECK(map_unit_value(p, 0.999) == 8);
  CHECK(map_unit_value(p, 0.5) == 5);
  p.type = wijksim::engine::ParameterType::real;
  p.form = ValueForm::log_uniform;
  p.low = 1;
  p.high = 100;
  CHECK(map_unit_value(p, 0.5) == Approx(10.0));
  p.form = ValueForm::normal;
  p.mean = 0.5;
  p.sd = 0.1;
  p.low = -10.0;  // truncation far out: the plain normal's quantiles
  p.high = 10.0;
  CHECK(map_unit_value(p, 0.5) == Approx(0.5).margin(1e-12));
  CHECK(map_unit_value(p, 0.975) == Approx(0.5 + 0.1 * 1.959963984540054).epsilon(1e-9));
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-13));
  p.low = 0.45;  // truncated: every value inside [low, high]
  p.high = 0.6;
  CHECK(map_unit_value(p, 0.0) == Approx(0.45));
  CHECK(map_unit_value(p, 0.9999) <= 0.6);
  CHECK(normal_quantile(0.001) == Approx(-3.090232306167813).epsilon(1e-12));
  CHECK(override_text(p, 0.25) == "0.25");
  p.type = wijksim::engine::ParameterType::flag;
  CHECK(override_text(p, 1.0) == "true");
}

TEST_CASE("a run's overrides set the arm's values, then the point's, tied names alike") {
  const auto spec = spec_of("kind = \"grid\"",
                            "[[parameter]]\nname = \"funding.grant_years_min\"\nalso = [\"funding.grant_years_max\"]\nvalues = [4]\n",
                            "[set]\nrun.years = 2\n");
  const RunPlan plan = make_run_plan(spec);
  CHECK(run_overrides(spec, plan, plan.runs[0]) ==
        std::vector<std::string>{"run.years=2", "funding.grant_years_min=4", "funding.grant_years_max=4"});
  const auto scenario = load_run_scenario(spec, plan, plan.runs[0]);
  CHECK(std::get<std::int64_t>(scenario.parameters.value("funding.grant_years_max")) == 4);
}
