// The formal-care patterns of issue 4 (MODEL.md §10) at reduced scale: 4,000 dwellings,
// 6 years, 6 paired replicates per arm (about a minute; smaller cities make the paired
// intervals of the noisier patterns straddle zero). Each pattern is computed from runs by
// validate_patterns, the same code `wijksim validate` runs at full scale.
#include <catch2/catch.hpp>

#include <map>

#include "wijksim/scenarios/validation.hpp"

using namespace wijksim::scenarios;

namespace {
const std::map<std::string, PatternResult>& reduced_scale_patterns() {
  static const std::map<std::string, PatternResult> patterns = [] {
    ValidationOptions options;
    options.scenario_dir = WIJKSIM_SCENARIO_DIR;
    options.dwellings = 4000;
    options.years = 6;
    options.replicates = 6;
    options.threads = 2;
    std::map<std::string, PatternResult> by_id;
    for (auto& p : validate_patterns(options)) by_id.emplace(p.id, p);
    return by_id;
  }();
  return patterns;
}

void check(const std::string& id) {
  const auto& patterns = reduced_scale_patterns();
  const auto it = patterns.find(id);
  REQUIRE(it != patterns.end());
  INFO(id << ": figure " << it->second.figure << ", band [" << it->second.low << ", " << it->second.high << "] "
          << it->second.detail);
  CHECK(it->second.pass);
}
}  // namespace

// One test case, so the arms run once per test process (ctest runs each case separately).
TEST_CASE("the care patterns of MODEL.md §10 emerge at reduced scale", "[patterns][care][slow]") {
  // 1. Expert care piles professionals on multi-domain households; wraparound caps them.
  check("professionals_per_household_expert");
  check("professionals_per_household_wraparound_p95");
  // 2. Single-domain households fare alike; multi-domain households better under wraparound.
  check("single_domain_regime_difference");
  check("multi_domain_wraparound_advantage");
  // 3. Wraparound saves over the horizon, and savings land with other payers too.
  check("wraparound_cumulative_saving_share");
  CHECK(reduced_scale_patterns().at("savings_share_other_payers").figure > 0.0);
  // 4. Network activation saves professional hours modestly (about 10%, not 60%).
  check("network_activation_hours_reduction");
  // 5. Outreach raises detected cases and caseload in the first year.
  check("outreach_detected_cases_year1");
  check("outreach_caseload_year1");
  // 6. A complex tail remains under both regimes.
  check("complex_tail_recurring_crises");
  check("complex_tail_variance_ratio");
  // 7. Under a staffing shortage the real wait exceeds the official one.
  check("real_wait_exceeds_official_under_shortage");
}
