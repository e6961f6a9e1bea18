#pragma once
// Measures the emergent figures of the people model from a run (MODEL.md §10, pattern 4, and
// the prevalence of §3) — computed from the state after each recorded tick, never from
// parameters. An engine::Observer: it reads, never writes.
//
// Definitions (each a choice, stated so the figures can be compared with the sources):
//  - adults giving informal support: adults (18+) alive at a year's end who gave any hours
//    during that year (S0:L355-357, 19-24%);
//  - informal hours per helping adult: their hours over the year / 52 (S0:L357, ~1.4 h/week);
//  - carers: adults giving hours in a given week; intensive carers give > 8 h that week
//    (S0:L359: a third); seriously overburdened carers have burden above
//    informal.overburden_threshold (S0:L383-385: ~13%); both averaged over weeks;
//  - vulnerable: any domain at self-reliance score 3 or worse (severity >= 0.4) (S3:L106);
//  - households in multi-domain trouble: members together in trouble (score <= 2) in 3+
//    domains (S3:L106: ~1% severe); at risk: 2+ domains (7-10%);
//  - stated willingness: adults with willingness >= 0.5 (S0:L379: three quarters);
//  - help per unit of need by need quintile: among residents needing lay help, sampled every
//    4 weeks: hours received / hours needed.
#include <array>
#include <cstdint>
#include <vector>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::models {

struct PeopleFigures {
  double adults_giving_support = 0.0;         ///< share of adults, yearly
  double hours_per_helping_adult = 0.0;       ///< hours/week
  double carers_intensive_share = 0.0;        ///< of weekly carers
  double carers_overburdened_share = 0.0;     ///< of weekly carers
  double weekly_carers_share = 0.0;           ///< of adults
  double vulnerable_share = 0.0;              ///< of residents
  double households_multi_domain_share = 0.0; ///< 3+ troubled domains, of households
  double households_at_risk_share = 0.0;      ///< 2+ troubled domains, of households
  double stated_willingness_share = 0.0;      ///< of adults
  double willingness_to_help_ratio = 0.0;     ///< stated willingness / adults giving support
  std::array<double, 5> help_per_need_by_quintile{};  ///< hours received per hour needed
  double volunteer_share = 0.0;               ///< of adults
  std::array<double, kIncidentKindCount> incidents_per_1000_per_year{};
  double residents = 0.0;                     ///< mean over recorded weeks
  double households = 0.0;
  int recorded_weeks = 0;
  int recorded_years = 0;
};

class PeopleFiguresObserver final : public engine::Observer {
 public:
  /// Records ticks in [model.warmup_end(), model.run_end()).
  explicit PeopleFiguresObserver(const Model& model) : model_(model) {}
  void on_tick_end(engine::Tick tick) override;
  [[nodiscard]] PeopleFigures figures() const;

 private:
  void weekly(const Population& p);
  void sample_quintiles(const Population& p);
  void close_year(const Population& p);

  const Model& model_;
  std::vector<float> hours_this_year_by_id_;
  double carers_ = 0.0, intensive_ = 0.0, overburdened_ = 0.0, adult_weeks_ = 0.0;
  double vulnerable_ = 0.0, resident_weeks_ = 0.0, multi_ = 0.0, at_risk_ = 0.0, household_weeks_ = 0.0;
  double volunteers_ = 0.0;
  double helpers_year_sum_ = 0.0, adults_year_sum_ = 0.0, helper_hours_sum_ = 0.0, helpers_sum_ = 0.0;
  double willing_sum_ = 0.0;
  std::array<double, 5> quintile_received_{}, quintile_needed_{};
  std::size_t incidents_seen_ = 0;
  std::array<double, kIncidentKindCount> incidents_{};
  int weeks_ = 0;
  int years_ = 0;
};

}  // namespace wijksim::models
