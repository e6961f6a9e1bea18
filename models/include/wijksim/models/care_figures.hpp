#pragma once
// Measures the emergent figures of formal care from a run (MODEL.md §10 patterns 1, 2, 3, 5,
// 10, 11 and the waits of §6), from the state after each recorded tick. An engine::Observer:
// it reads, never writes. Comparisons between regimes pair runs with the same seed (common
// random numbers); see scenarios' validate command.
//
// Definitions:
//  - concurrent professionals: distinct professionals with active or hidden episodes around a
//    household, sampled weekly for households with 3+ troubled domains from the second
//    recorded year (a regime switched at year 0 first inherits the old episodes) (§10.1);
//  - cohorts: households in trouble in exactly 1 domain, and in 3+ domains, at the start of
//    recording; their mean severity in those domains 52 weeks later (§10.2);
//  - cost per household in care: care costs (generalist, specialist, coordination, practical
//    fixes) of a year / the mean number of households with an active episode that year;
//  - waits: official = request to intake, real = request to first treatment, averaged over
//    the recorded years (S2 SF10);
//  - complex tail: households with 2+ incidents over the recorded years (§10.11).
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::models {

struct CareFigures {
  std::array<double, 31> multi_domain_professionals_histogram{};  ///< household-weeks by count 0..30
  double multi_domain_professionals_median = 0.0;
  double multi_domain_professionals_p95 = 0.0;
  double single_cohort_severity_after_year = 0.0;  ///< mean severity of the troubled domain
  double multi_cohort_severity_after_year = 0.0;   ///< mean severity of the troubled domains
  std::size_t single_cohort_households = 0;
  std::size_t multi_cohort_households = 0;
  std::vector<double> care_cost_per_household_in_care;  ///< per recorded year (euro)
  std::vector<double> total_cost;                       ///< per recorded year, all payers and tiers
  std::vector<std::array<double, kPayerCount>> cost_by_payer;  ///< per recorded year
  std::vector<double> treatment_hours;                  ///< per recorded year
  std::vector<double> new_episodes;                     ///< per recorded year
  std::vector<double> detected_households;              ///< first contacts per recorded year (detected cases)
  std::vector<double> mean_caseload;                    ///< active episodes per professional, per recorded year
  std::vector<double> team_caseload;                    ///< team clients per team member, per recorded year
  double official_wait_weeks = 0.0;
  double real_wait_weeks = 0.0;
  double hidden_waiting_share = 0.0;   ///< hidden / (official + hidden) waiting, mean over weeks
  double dropouts_per_year = 0.0;
  double recurring_crisis_share = 0.0; ///< households with 2+ incidents, of households ever present
  double crisis_share = 0.0;           ///< residents with a domain in crisis, mean over weeks
  double multi_domain_crisis_share = 0.0;  ///< in the 3+ cohort, share of members in crisis after a year
};

class CareFiguresObserver final : public engine::Observer {
 public:
  explicit CareFiguresObserver(const Model& model) : model_(model) {}
  void on_tick_end(engine::Tick tick) override;
  [[nodiscard]] CareFigures figures() const;

 private:
  struct Cohort {
    std::uint32_t household;  ///< HouseholdId value
    std::uint8_t domains;     ///< troubled at the start
  };
  void start_cohorts(const Population& p);
  void measure_cohorts(const Population& p);

  const Model& model_;
  std::array<double, 31> histogram_{};
  std::vector<Cohort> single_, multi_;
  double single_severity_ = 0.0, multi_severity_ = 0.0, multi_crisis_ = 0.0;
  std::unordered_map<std::uint32_t, std::uint32_t> incidents_by_household_;
  std::size_t incidents_seen_ = 0;
  std::uint64_t households_seen_max_id_ = 0;
  std::uint64_t first_household_id_ = 0;
  double crisis_ = 0.0, resident_weeks_ = 0.0;
  bool cohorts_started_ = false;
};

}  // namespace wijksim::models
