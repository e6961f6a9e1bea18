// The experiment behind `wijksim compare`: paired replicates (common random numbers), results
// that do not depend on the thread count, the horizon check, the interval estimates and the
// headline figures.
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>

#include "wijksim/engine/error.hpp"
#include "wijksim/scenarios/comparison.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
namespace fs = std::filesystem;

namespace {

ComparisonArm arm(const std::string& stem, int years = 1) {
  return ComparisonArm{stem, load_model_scenario(fs::path(WIJKSIM_SHIPPED_SCENARIOS) / (stem + ".toml"),
                                                 {"population.dwellings_per_neighbourhood=300", "run.years=" + std::to_string(years)})};
}

PairedRunOptions options(int replicates, int threads) {
  PairedRunOptions o;
  o.replicates = replicates;
  o.seed = 7;
  o.threads = threads;
  return o;
}

/// Every figure of every run, as bytes: equal only if bit-identical.
std::vector<unsigned char> bytes_of(const ComparisonResult& r) {
  std::vector<unsigned char> out;
  for (const auto& arm_outcomes : r.outcomes) {
    for (const auto& o : arm_outcomes) {
      for (const auto& m : headline_measures()) {
        const double v = m.value(o.figures);
        unsigned char b[sizeof v];
        std::memcpy(b, &v, sizeof v);
        out.insert(out.end(), b, b + sizeof v);
      }
      unsigned char c[sizeof o.start_checksum];
      std::memcpy(c, &o.start_checksum, sizeof c);
      out.insert(out.end(), c, c + sizeof c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("replicate r of every arm starts from the same people; replicates differ", "[compare][pairing]") {
  const std::vector<ComparisonArm> arms{arm("expert"), arm("wraparound")};
  const ComparisonResult r = compare_arms(arms, options(3, 2));
  REQUIRE(r.outcomes.size() == 2);
  REQUIRE(r.outcomes[0].size() == 3);
  CHECK(r.starts_identical());
  std::set<std::uint64_t> starts;
  for (std::size_t rep = 0; rep < 3; ++rep) {
    CHECK(r.outcomes[0][rep].seed == 7 + rep);
    CHECK(r.outcomes[1][rep].seed == 7 + rep);
    CHECK(r.outcomes[0][rep].run_id == rep);
    CHECK(r.outcomes[1][rep].run_id == rep);
    CHECK(r.outcomes[0][rep].start_checksum == r.outcomes[1][rep].start_checksum);
    starts.insert(r.outcomes[0][rep].start_checksum);
  }
  CHECK(starts.size() == 3);
  // The arms are different runs: wraparound's team adds generalist hours and its cap holds.
  for (std::size_t rep = 0; rep < 3; ++rep) {
    CHECK(r.outcomes[0][rep].figures.cost_per_resident_per_year != r.outcomes[1][rep].figures.cost_per_resident_per_year);
  }
}

TEST_CASE("arms whose population differs are run but not reported as identical at the start", "[compare][pairing]") {
  std::vector<ComparisonArm> arms{arm("expert"), arm("expert")};
  arms[1].scenario = load_model_scenario(fs::path(WIJKSIM_SHIPPED_SCENARIOS) / "expert.toml",
                                         {"population.dwellings_per_neighbourhood=300", "run.years=1", "population.deprivation=0.2"});
  const ComparisonResult r = compare_arms(arms, options(2, 1));
  CHECK_FALSE(r.starts_identical());
}

TEST_CASE("compare_arms gives bit-identical figures at 1, 2 and 4 threads", "[compare][determinism]") {
  const std::vector<ComparisonArm> arms{arm("expert"), arm("wraparound"), arm("budget_cut", 3)};
  // budget_cut cuts in year 2, so it runs 3 years: give every arm the same horizon.
  const std::vector<ComparisonArm> same{arm("expert", 3), arm("wraparound", 3), arm("budget_cut", 3)};
  const auto one = bytes_of(compare_arms(same, options(3, 1)));
  CHECK(one == bytes_of(compare_arms(same, options(3, 2))));
  CHECK(one == bytes_of(compare_arms(same, options(3, 4))));
  // Mixed horizons are refused, naming the arm.
  try {
    (void)compare_arms(arms, options(1, 1));
    FAIL("no error for mixed horizons");
  } catch (const engine::InputError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("arm 'budget_cut'") && Catch::Contains("3 years after a 1-year warm-up"));
  }
}

TEST_CASE("progress sees every simulated week of every run", "[compare]") {
  const std::vector<ComparisonArm> arms{arm("expert"), arm("wraparound")};
  std::atomic<std::uint64_t> ticks{0};
  PairedRunOptions o = options(2, 2);
  o.on_tick = [&ticks] { ticks.fetch_add(1, std::memory_order_relaxed); };
  (void)compare_arms(arms, o);
  std::vector<Scenario> scenarios{arms[0].scenario, arms[1].scenario};
  CHECK(ticks.load() == paired_run_ticks(scenarios, 2));
  CHECK(ticks.load() == 2U * 2U * 52U * 2U);  // 2 arms × 2 replicates × (1 warm-up + 1 recorded year)
}

TEST_CASE("summaries: a mean and 95% interval per arm, and paired differences from the first arm", "[compare]") {
  ComparisonResult r;
  r.arm_names = {"a", "b"};
  r.outcomes.assign(2, std::vector<ReplicateOutcome>(3));
  const double a[] = {1.0, 2.0, 3.0};
  const double b[] = {2.0, 4.0, 6.0};
  for (std::size_t k = 0; k < 3; ++k) {
    r.outcomes[0][k].figures.crisis_share = a[k];
    r.outcomes[1][k].figures.crisis_share = b[k];
  }
  const auto summaries = r.summarise();
  REQUIRE(summaries.size() == headline_measures().size());
  const auto& crisis = summaries.front();
  CHECK(crisis.measure->id == "crisis_share");
  REQUIRE(crisis.by_arm.size() == 2);
  REQUIRE(crisis.difference_from_first.size() == 1);
  CHECK(crisis.by_arm[0].mean == Approx(2.0));
  CHECK(crisis.by_arm[0].high - crisis.by_arm[0].mean == Approx(4.303 / std::sqrt(3.0)));
  CHECK(crisis.by_arm[1].mean == Approx(4.0));
  // Paired: differences 1, 2, 3 (not the unpaired spread of the two arms).
  CHECK(crisis.difference_from_first[0].mean == Approx(2.0));
  CHECK(crisis.difference_from_first[0].low == Approx(2.0 - 4.303 / std::sqrt(3.0)));
}

TEST_CASE("Student t quantiles and interval estimates", "[compare][statistics]") {
  CHECK(student_t_975(1) == Approx(12.706));
  CHECK(student_t_975(19) == Approx(2.093));
  CHECK(student_t_975(30) == Approx(2.042));
  CHECK(student_t_975(31) == Approx(2.0395).margin(2e-4));
  CHECK(student_t_975(60) == Approx(2.0003).margin(2e-4));
  CHECK(student_t_975(120) == Approx(1.9799).margin(2e-4));
  CHECK(student_t_975(100000) == Approx(1.95999).margin(1e-4));

  const std::vector<double> one{5.0};
  const auto single = estimate_mean(one);
  CHECK(single.mean == 5.0);
  CHECK(std::isnan(single.low));
  CHECK(std::isnan(estimate_mean({}).mean));
  const std::vector<double> same{2.0, 2.0, 2.0};
  CHECK(estimate_mean(same).low == 2.0);
  CHECK(estimate_mean(same).high == 2.0);
  const std::vector<double> two{1.0, 2.0};
  CHECK_THROWS_AS(estimate_paired_difference(two, one), std::invalid_argument);
}

TEST_CASE("headline figures: no services means no professional hours and only incident costs", "[compare][figures]") {
  const std::vector<ComparisonArm> arms{arm("no_services"), arm("expert")};
  const ComparisonResult r = compare_arms(arms, options(2, 2));
  for (std::size_t rep = 0; rep < 2; ++rep) {
    const HeadlineFigures& none = r.outcomes[0][rep].figures;
    const HeadlineFigures& expert = r.outcomes[1][rep].figures;
    CHECK(none.professional_hours_per_year == 0.0);
    CHECK(none.official_wait_weeks == 0.0);
    CHECK(none.multi_domain_professionals_median == 0.0);
    CHECK(none.cost_per_resident_per_year_by_payer[static_cast<std::size_t>(models::Payer::municipality_social_support)] == 0.0);
    CHECK(expert.professional_hours_per_year > 0.0);
    for (const HeadlineFigures* f : {&none, &expert}) {
      double by_payer = 0.0;
      for (const double v : f->cost_per_resident_per_year_by_payer) by_payer += v;
      CHECK(by_payer == Approx(f->cost_per_resident_per_year));
      CHECK(f->residents > 300.0);
      CHECK(f->recorded_weeks == 52);
    }
  }
  // The ids are unique (they are JSON keys).
  std::set<std::string> ids;
  for (const auto& m : headline_measures()) ids.insert(m.id);
  CHECK(ids.size() == headline_measures().size());
}
