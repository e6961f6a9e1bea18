#pragma once
// The headline outcomes of one run, as `wijksim compare` reports them per arm (MODEL.md §9):
// computed from the model's public state after each recorded tick (the warm-up is not
// recorded), never from parameters. An engine::Observer: it reads, never writes.
//
// Definitions (each a choice, stated so that arms and sources can be compared):
//  - residents in crisis: residents with a domain in an open crisis (the model's crisis flag,
//    with its hysteresis), as a share of residents, averaged over recorded weeks;
//  - incidents: evictions, out-of-home placements, crisis admissions and police call-outs in
//    the recorded weeks, per 1,000 residents (mean over weeks) per year;
//  - vulnerable: any domain at self-reliance score 3 or worse (severity >= 0.4, S3:L106);
//  - concurrent professionals per multi-domain household: the median, over household-weeks of
//    households whose members are in trouble (score <= 2) in 3+ domains, of the professionals
//    with an active or hidden episode around them (MODEL.md §10.1; households with none count);
//  - official wait: request to intake; real wait: request to first treatment (S2 SF10), in
//    weeks, over the intakes and first treatments of the recorded years;
//  - professional hours: treatment plus coordination hours;
//  - costs: every euro of the cost ledger in the recorded years (care, coordination, practical
//    fixes, incidents), per resident (mean over weeks) per year, in total and by payer;
//  - informal hours: hours of lay help given by residents, summed over the recorded weeks.
// Rates per year divide by the recorded weeks / 52, so a run stopped early still reads right.
#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::scenarios {

struct HeadlineFigures {
  double residents = 0.0;                       ///< mean over recorded weeks
  double crisis_share = 0.0;                    ///< of residents
  double incidents_per_1000_per_year = 0.0;
  double vulnerable_share = 0.0;                ///< of residents
  double multi_domain_professionals_median = 0.0;
  double official_wait_weeks = 0.0;
  double real_wait_weeks = 0.0;
  double dropouts_per_year = 0.0;
  double professional_hours_per_year = 0.0;
  double cost_per_resident_per_year = 0.0;      ///< euro, all payers
  std::array<double, models::kPayerCount> cost_per_resident_per_year_by_payer{};
  double informal_hours_per_year = 0.0;
  int recorded_weeks = 0;
};

/// One headline outcome: how to read it from HeadlineFigures, and how to label it.
struct HeadlineMeasure {
  std::string id;     ///< stable, for JSON ("crisis_share", "cost_per_resident.health_insurer")
  std::string label;  ///< for tables
  std::string unit;
  std::function<double(const HeadlineFigures&)> value;
};

/// Every headline outcome in reporting order (the costs by payer last).
[[nodiscard]] const std::vector<HeadlineMeasure>& headline_measures();

class HeadlineFiguresObserver final : public engine::Observer {
 public:
  /// Records ticks in [model.warmup_end(), model.run_end()). The model must outlive figures().
  explicit HeadlineFiguresObserver(const models::Model& model) : model_(model) {}
  void on_tick_end(engine::Tick tick) override;
  /// The figures so far; reads the model's yearly care counts and cost ledger.
  [[nodiscard]] HeadlineFigures figures() const;
  /// The cost ledger's tables of the recorded years so far (euro; the years figures() sums),
  /// year 0 the first after the warm-up: what the cost-benefit ledger pairs (cost_benefit.hpp).
  [[nodiscard]] std::vector<models::PayerTierTable> recorded_costs() const;

 private:
  /// (first simulated year recorded, number of recorded years so far)
  [[nodiscard]] std::pair<std::size_t, std::size_t> recorded_years() const;

  const models::Model& model_;
  std::size_t incidents_seen_ = 0;
  double incidents_ = 0.0;
  double crisis_ = 0.0;
  double vulnerable_ = 0.0;
  double resident_weeks_ = 0.0;
  double informal_hours_ = 0.0;
  std::array<double, 32> multi_domain_professionals_{};  ///< household-weeks by count (31 = 31+)
  int weeks_ = 0;
};

}  // namespace wijksim::scenarios
