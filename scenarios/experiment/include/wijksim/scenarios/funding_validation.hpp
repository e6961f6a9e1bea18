#pragma once
// The funding patterns of MODEL.md §10 (6-9, 12) and the per-payer costs of §8, as pass/fail
// patterns with 95% intervals over replicates: models::compute_funding_figures run once per
// seed (seed + r), each figure's mean and t-interval taken over the replicates. Used by
// `wijksim validate` (full scale) and by a reduced-scale test.
#include <vector>

#include "wijksim/models/funding_figures.hpp"
#include "wijksim/scenarios/validation.hpp"

namespace wijksim::scenarios {

struct FundingValidationOptions {
  /// Scenario folder (expert.toml, wraparound.toml), seed, threads, dwellings, years and
  /// overrides as for the care patterns; `replicates` here counts funding-figure replicates.
  ValidationOptions base;
  /// Scale of the grant-term sweep, the project samples and the cut (see
  /// models::FundingFigureOptions); dwellings/years/seed/threads come from `base`.
  models::FundingFigureOptions figures;
  /// How many of the replicates (the first ones) also run the project samples and the
  /// grant-term sweep (patterns 7 and 9, most of a replicate's cost); the others run only the
  /// eight paired reference-scale arms, which tighten the paired figures (stops, the cut, the
  /// ledger). At least 2 (an interval), at most `base.replicates`.
  int sample_replicates = 3;
  /// Called after each replicate with (done, total). May be empty.
  std::function<void(int, int)> on_replicate;
};

/// Runs the funding experiment `base.replicates` times (the first `sample_replicates` with the
/// project samples and the sweep) and evaluates each funding pattern.
/// The care regimes are expert.toml and wraparound.toml with their year-0 schedule applied
/// from the start (the funding runs take one configuration each). Throws what the loader and
/// the model throw.
[[nodiscard]] std::vector<PatternResult> validate_funding_patterns(const FundingValidationOptions& options);

}  // namespace wijksim::scenarios
