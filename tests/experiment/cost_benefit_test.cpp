// The cost-benefit ledger per payer (scenarios/experiment cost_benefit.hpp) on hand-made
// ledgers with known answers: which tiers are consequences, the sign conventions of costs,
// benefits and net, horizon means with paired intervals, and the benefit-cost ratio with its
// undefined cases.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "wijksim/scenarios/comparison.hpp"
#include "wijksim/scenarios/cost_benefit.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
using models::Payer;
using models::PayerTierTable;
using models::Tier;

namespace {

constexpr auto kCosts = CostBenefitQuantity::costs;
constexpr auto kBenefits = CostBenefitQuantity::benefits;
constexpr auto kNet = CostBenefitQuantity::net;

std::size_t at(Payer p) { return static_cast<std::size_t>(p); }

double& cell(PayerTierTable& t, Payer p, Tier tier) { return t[at(p)][static_cast<std::size_t>(tier)]; }

/// A table with `intervention` euro of generalist care and `consequence` euro of incidents for
/// the youth silo.
PayerTierTable youth(double intervention, double consequence) {
  PayerTierTable t{};
  cell(t, Payer::municipality_youth, Tier::generalist) = intervention;
  cell(t, Payer::municipality_youth, Tier::incidents) = consequence;
  return t;
}

}  // namespace

TEST_CASE("cost-benefit: incidents and income support are consequences, every other tier an intervention", "[cost_benefit]") {
  for (std::size_t t = 0; t < models::kTierCount; ++t) {
    const auto tier = static_cast<Tier>(t);
    INFO(models::kTierNames[t]);
    CHECK(is_consequence(tier) == (tier == Tier::incidents || tier == Tier::income_support));
  }
  CHECK(models::kTierNames.back() == "income_support");

  // One euro in every tier of the arm, nothing in the baseline: 6 euro of costs (generalist,
  // specialist, coordination, practical fixes, projects, commissioning) and 2 of consequences
  // the arm has that the baseline has not (benefits -2).
  PayerTierTable arm{};
  for (double& v : arm[at(Payer::health_insurer)]) v = 1.0;
  const PayerCostBenefit cb = cost_benefit(arm, PayerTierTable{});
  CHECK(cb.of(kCosts, at(Payer::health_insurer)) == 6.0);
  CHECK(cb.of(kBenefits, at(Payer::health_insurer)) == -2.0);
  CHECK(cb.of(kNet, at(Payer::health_insurer)) == -8.0);
  CHECK(cb.all_payers(kNet) == -8.0);
}

TEST_CASE("cost-benefit: costs = extra intervention, benefits = avoided consequences, net = benefits - costs", "[cost_benefit]") {
  PayerTierTable baseline{};
  cell(baseline, Payer::municipality_youth, Tier::generalist) = 100.0;
  cell(baseline, Payer::municipality_youth, Tier::incidents) = 500.0;  // e.g. residential youth care
  cell(baseline, Payer::municipality_work_income, Tier::income_support) = 300.0;
  cell(baseline, Payer::police_justice, Tier::incidents) = 50.0;
  PayerTierTable arm{};
  cell(arm, Payer::municipality_youth, Tier::generalist) = 250.0;
  cell(arm, Payer::municipality_youth, Tier::incidents) = 200.0;
  cell(arm, Payer::municipality_work_income, Tier::income_support) = 400.0;
  cell(arm, Payer::housing_corporation, Tier::projects) = 30.0;

  const PayerCostBenefit cb = cost_benefit(arm, baseline);
  // Youth pays 150 more for care and avoids 300 of placements: it saves 150.
  CHECK(cb.of(kCosts, at(Payer::municipality_youth)) == 150.0);
  CHECK(cb.of(kBenefits, at(Payer::municipality_youth)) == 300.0);
  CHECK(cb.of(kNet, at(Payer::municipality_youth)) == 150.0);
  // Work and income spends nothing more and pays 100 more social assistance: benefits -100.
  CHECK(cb.of(kCosts, at(Payer::municipality_work_income)) == 0.0);
  CHECK(cb.of(kBenefits, at(Payer::municipality_work_income)) == -100.0);
  CHECK(cb.of(kNet, at(Payer::municipality_work_income)) == -100.0);
  // The police avoid 50 of call-outs without spending: the saving lands where nobody paid.
  CHECK(cb.of(kBenefits, at(Payer::police_justice)) == 50.0);
  CHECK(cb.of(kNet, at(Payer::police_justice)) == 50.0);
  CHECK(cb.of(kCosts, at(Payer::housing_corporation)) == 30.0);
  CHECK(cb.of(kNet, at(Payer::housing_corporation)) == -30.0);
  CHECK(cb.of(kNet, at(Payer::health_insurer)) == 0.0);
  // All payers: net = total(baseline) - total(arm) = 950 - 880.
  CHECK(cb.all_payers(kCosts) == 180.0);
  CHECK(cb.all_payers(kBenefits) == 250.0);
  CHECK(cb.all_payers(kNet) == 70.0);
  CHECK(cb.all_payers(kNet) == models::CostLedger::total(baseline) - models::CostLedger::total(arm));

  // Swapping the arms swaps every sign.
  const PayerCostBenefit back = cost_benefit(baseline, arm);
  for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) {
    for (std::size_t p = 0; p < models::kPayerCount; ++p) CHECK(back.euro[q][p] == -cb.euro[q][p]);
  }
}

TEST_CASE("cost-benefit: horizon means per year, paired intervals over replicates and the ratio", "[cost_benefit]") {
  // Baseline: 1000 of care and 1000 of incidents a year. Arm, replicate 0: care +100 then
  // +300, incidents -0 then -600 (horizon: costs 200, benefits 300 a year); replicate 1: care
  // +300 then +500, incidents -600 and -600 (costs 400, benefits 600).
  const RunLedger base{youth(1000, 1000), youth(1000, 1000)};
  const std::vector<std::vector<RunLedger>> ledgers{
      {base, base},
      {{youth(1100, 1000), youth(1300, 400)}, {youth(1300, 400), youth(1500, 400)}},
  };
  const std::vector<ArmCostBenefit> arms = compare_cost_benefit(ledgers);
  REQUIRE(arms.size() == 1);
  const ArmCostBenefit& a = arms.front();
  CHECK(a.arm == 1);
  REQUIRE(a.by_replicate_year.size() == 2);
  REQUIRE(a.by_replicate_year[0].size() == 2);
  const std::size_t y = at(Payer::municipality_youth);
  CHECK(a.by_replicate_year[0][1].of(kCosts, y) == 300.0);
  CHECK(a.by_replicate_year[0][1].of(kBenefits, y) == 600.0);
  CHECK(a.by_replicate[0].of(kCosts, y) == 200.0);
  CHECK(a.by_replicate[0].of(kBenefits, y) == 300.0);
  CHECK(a.by_replicate[1].of(kCosts, y) == 400.0);
  CHECK(a.by_replicate[1].of(kBenefits, y) == 600.0);
  CHECK(a.by_replicate[1].of(kNet, y) == 200.0);

  const PayerEstimate& e = a.payers[y];
  CHECK(e.of(kCosts).mean == 300.0);
  CHECK(e.of(kBenefits).mean == 450.0);
  CHECK(e.of(kNet).mean == 150.0);
  CHECK(e.of(kCosts).n == 2);
  // t(0.975; 1) = 12.706, sd of {200, 400} = 141.42, half-width 12.706 * 141.42 / sqrt(2) = 1270.6.
  CHECK(e.of(kCosts).low == Approx(300.0 - 1270.6));
  CHECK(e.of(kCosts).high == Approx(300.0 + 1270.6));
  // The interval is that of the paired differences: estimate_paired_difference's.
  CHECK(e.of(kBenefits).low == Approx(estimate_mean(std::vector<double>{300.0, 600.0}).low));
  REQUIRE(e.ratio.is_defined());
  CHECK(e.ratio.value == Approx(1.5));
  CHECK(e.ratio.reason().empty());
  // Payers with nothing booked: zeros, and an undefined ratio (nothing to weigh).
  const PayerEstimate& insurer = a.payers[at(Payer::health_insurer)];
  CHECK(insurer.of(kNet).mean == 0.0);
  CHECK(insurer.ratio.status == RatioStatus::no_difference);
  // All payers: the youth silo is the only one.
  CHECK(a.all_payers.of(kNet).mean == 150.0);
  CHECK(a.all_payers.ratio.value == Approx(1.5));
}

TEST_CASE("cost-benefit: the ratio is undefined when the arm spends no more, and says why", "[cost_benefit]") {
  const BenefitCostRatio dominant = benefit_cost_ratio(50.0, -100.0);
  CHECK(!dominant.is_defined());
  CHECK(std::isnan(dominant.value));
  CHECK(dominant.status == RatioStatus::spends_less_saves);
  CHECK(dominant.reason() == "undefined (spends no more, saves too)");
  const BenefitCostRatio zero = benefit_cost_ratio(10.0, 0.0);
  CHECK(zero.status == RatioStatus::spends_less_saves);
  const BenefitCostRatio nothing = benefit_cost_ratio(0.0, 0.0);
  CHECK(nothing.status == RatioStatus::no_difference);
  CHECK(nothing.reason() == "undefined (no costs, no benefits)");
  const BenefitCostRatio worse = benefit_cost_ratio(-10.0, -100.0);
  CHECK(worse.status == RatioStatus::spends_less_loses);
  CHECK(worse.reason().find("read net") != std::string_view::npos);
  const BenefitCostRatio negative = benefit_cost_ratio(-20.0, 40.0);
  REQUIRE(negative.is_defined());
  CHECK(negative.value == -0.5);

  // In a comparison: an arm that spends less on care and has fewer incidents.
  const RunLedger base{youth(1000, 1000)};
  const auto arms = compare_cost_benefit({{base, base}, {{youth(900, 800)}, {youth(800, 900)}}});
  const PayerEstimate& e = arms.at(0).payers[at(Payer::municipality_youth)];
  CHECK(e.of(kCosts).mean == -150.0);
  CHECK(e.of(kBenefits).mean == 150.0);
  CHECK(e.of(kNet).mean == 300.0);
  CHECK(e.ratio.status == RatioStatus::spends_less_saves);
}

TEST_CASE("cost-benefit: every arm after the first against the first, unpaired ledgers refused", "[cost_benefit]") {
  const RunLedger base{youth(1000, 1000)};
  CHECK(compare_cost_benefit({}).empty());
  CHECK(compare_cost_benefit({{base}}).empty());
  const auto arms = compare_cost_benefit({{base}, {base}, {{youth(1000, 900)}}});
  REQUIRE(arms.size() == 2);
  CHECK(arms[0].arm == 1);
  CHECK(arms[0].all_payers.of(kNet).mean == 0.0);
  CHECK(arms[1].arm == 2);
  CHECK(arms[1].all_payers.of(kBenefits).mean == 100.0);
  CHECK(std::isnan(arms[1].all_payers.of(kBenefits).low));  // one replicate: no interval

  CHECK_THROWS_AS(compare_cost_benefit({{base, base}, {base}}), std::invalid_argument);
  CHECK_THROWS_AS(compare_cost_benefit({{base}, {RunLedger{youth(1, 1), youth(1, 1)}}}), std::invalid_argument);

  // ComparisonResult hands its runs' ledgers over in (arm, replicate) order.
  ComparisonResult result;
  result.arm_names = {"baseline", "arm"};
  result.outcomes.assign(2, std::vector<ReplicateOutcome>(2));
  for (auto& o : result.outcomes[0]) o.costs_by_year = base;
  result.outcomes[1][0].costs_by_year = {youth(1200, 1000)};
  result.outcomes[1][1].costs_by_year = {youth(1000, 600)};
  const auto from_result = result.cost_benefit();
  REQUIRE(from_result.size() == 1);
  CHECK(from_result[0].by_replicate[0].of(kCosts, at(Payer::municipality_youth)) == 200.0);
  CHECK(from_result[0].by_replicate[1].of(kBenefits, at(Payer::municipality_youth)) == 400.0);
}
