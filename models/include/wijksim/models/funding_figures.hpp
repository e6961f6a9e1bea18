#pragma once
// The figures of funding and projects (MODEL.md §10, patterns 6-9 and 12, and the costs per
// payer of §8), measured from runs — never from parameters. Two layers:
//  - FundingRunObserver (an engine::Observer, reads only) records one run: weekly trust,
//    volunteering, crises and trouble per neighbourhood, informal and formal care, the cost
//    each resident's care and incidents cause (for stayers against everyone), and the run's
//    projects, transitions, budgets and ledger at the end;
//  - compute_funding_figures() runs the arms of the funding experiment and derives every
//    figure from their records; format_funding_figures() lays them out as text for
//    `wijksim validate`.
//
// Definitions (each a choice, stated so the figures can be checked against the sources):
//  - pooled over the reference arms of a regime (expert and wraparound care) and a sample of
//    many small neighbourhoods (as in the sweep), among projects that have been reviewed at
//    least once (a leaderless one is reviewed early): survivors are alive at the end of the
//    run, the others ended (terminated or parcelled). Effectiveness is the project's own (method × context); "predicts survival" is
//    the AUC: the chance a random survivor is more effective than a random ended project
//    (0.5 = no prediction), with the quartiles of both groups (pattern 7);
//  - ends: the state of every project that stopped; labels: names carried, summed over
//    projects; methods: distinct core methods among them (pattern 7);
//  - mature: organisational strength reached 1 (a strong organisation, S3:L626); the share
//    that reach their first review before it, among projects started at least a term before
//    the end, per grant term 1…8 years (pattern 9);
//  - residents in crisis: some domain in an open crisis episode; in trouble: some domain at
//    self-reliance score 2 or worse; trust: mean over residents; volunteering: share of adults
//    who volunteer; project volunteers: adults volunteering for a living project, per 1,000
//    adults (pattern 8). Change after a stop: mean over weeks 1-13 after it minus weeks 1-4
//    before it, in the stop's neighbourhood, averaged over stops (pattern 8);
//  - a budget cut: care.fte_scale (or funding.budget_scale) times (1 - cut) from the cut
//    year on, paired with the same run uncut (common random numbers); informal hours: hours
//    given by residents; formal hours: CareYear::treatment_hours; substitution: extra informal
//    hours per formal hour lost (pattern 6);
//  - costs per payer: the ledger over the recorded years, split into projects (Tier::projects)
//    and everything else; benefits: everything else in the paired no-project run (same care
//    regime, funding on, no project money) minus in the arm; net = benefits - project costs
//    (MODEL.md §8);
//  - cost per resident: the care hours and incidents a resident's episodes and crises cost
//    (treatment at the organisation's hourly cost, a household plan shared by its members),
//    per resident-year present, per recorded year: for everyone, for stayers (here at the end of
//    the year, moved in no later than the start of recording), for newcomers (here at the end
//    of the year, moved in since) and for leavers (gone by the end of the year: moved, evicted,
//    died, placed) (pattern 12, S0:L957: movers take their needs with them).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::models {

/// Yearly series of one run (recorded years only).
struct FundingRunSeries {
  std::vector<double> crisis_share;
  std::vector<double> trouble_share;
  std::vector<double> trust;
  std::vector<double> volunteer_share;
  std::vector<double> project_volunteers_per_1000;
  std::vector<double> alive_projects;
  std::vector<double> maturity;             ///< mean over living projects
  std::vector<double> informal_hours;       ///< per year
  std::vector<double> formal_hours;         ///< per year
  std::vector<double> overburdened_share;   ///< of weekly carers
  std::vector<double> overburdened_per_1000;  ///< overburdened carers per 1,000 residents (weekly mean)
  std::vector<double> incidents;            ///< per year
  std::vector<double> waiting;              ///< episodes waiting, official and hidden; mean over weeks
  std::vector<double> cost_per_resident;            ///< attributed care and incident cost
  std::vector<double> stayer_cost_per_resident;     ///< the same for stayers
  std::vector<double> newcomer_cost_per_resident;   ///< for those who moved in during recording
  std::vector<double> leaver_cost_per_resident;     ///< for those who left during the year
  std::vector<double> stayer_share;                 ///< stayers among residents
};

/// Everything one run leaves for the figures.
struct FundingRunRecord {
  FundingRunSeries series;
  std::vector<Project> projects;
  std::vector<ProjectTransition> transitions;
  std::vector<std::array<SiloYear, kSiloCount>> budgets;
  std::vector<PayerTierTable> costs;  ///< recorded years
  double moved_from_old_spending = 0.0;  ///< euro per year at the end
  double project_money_received = 0.0;  ///< recorded years, euro
  double project_money_spent = 0.0;
  double trust_change_after_stop = 0.0;
  double volunteer_change_after_stop = 0.0;  ///< in the share of adults
  int stops_measured = 0;
  std::int32_t first_recorded_tick = 0;
  std::int32_t end_tick = 0;
};

class FundingRunObserver final : public engine::Observer {
 public:
  /// Records ticks in [model.warmup_end(), model.run_end()).
  explicit FundingRunObserver(const Model& model) : model_(model) {}
  void on_tick_end(engine::Tick tick) override;
  /// The record, complete after the run's last tick.
  [[nodiscard]] FundingRunRecord record() const;

 private:
  void weekly();
  void attribute_costs();
  void close_year();

  const Model& model_;
  std::size_t incidents_seen_ = 0;
  // Weekly sums of the current year.
  double weeks_ = 0.0, residents_ = 0.0, adults_ = 0.0, crisis_ = 0.0, trouble_ = 0.0, trust_ = 0.0, volunteers_ = 0.0;
  double project_volunteers_ = 0.0, alive_ = 0.0, maturity_ = 0.0, informal_ = 0.0, carers_ = 0.0, overburdened_ = 0.0;
  double incidents_ = 0.0, waiting_ = 0.0, stayers_ = 0.0;
  // Per resident id, this year: cost caused and weeks present.
  std::vector<double> cost_by_id_;
  std::vector<std::uint16_t> weeks_by_id_;
  double formal_before_ = 0.0;
  // Per neighbourhood, per recorded week: mean trust and adult volunteer share.
  std::vector<std::vector<double>> trust_by_week_;
  std::vector<std::vector<double>> volunteers_by_week_;
  FundingRunSeries series_;
};

/// The arms' care and funding settings. Each Parameters is a full model configuration (a care
/// regime); carousel and durable are the funding settings applied to both (their
/// `enabled` must be true).
struct FundingFigureInputs {
  Parameters expert;
  Parameters wraparound;
  FundingParameters carousel;
  FundingParameters durable;
};

struct FundingFigureOptions {
  std::uint64_t seed = 1;
  int threads = 1;
  /// The reference-scale arms (a neighbourhood of 6,000 dwellings: ~11,000 residents).
  int dwellings = 6000;
  int neighbourhoods = 1;
  int years = 10;
  /// The grant-term sweep: many small neighbourhoods for many projects, project money per
  /// resident scaled by dwellings / sweep_dwellings so each still funds as many projects.
  int sweep_dwellings = 600;
  int sweep_neighbourhoods = 12;
  int sweep_years = 12;
  int sweep_max_term = 8;
  /// The budget cut: recorded year in which it starts, and its size.
  double cut_year = 2.0;
  double cut = 0.2;
  /// Whether to run the two project samples and the grant-term sweep (patterns 7 and 9; the
  /// larger part of the cost). Off: only the eight paired reference-scale runs (the 2x2, the
  /// no-project baselines and the two cuts), for replicates that tighten the paired figures.
  bool project_samples = true;
};

/// Quartiles and mean of a sample.
struct Distribution {
  int n = 0;
  double mean = 0.0;
  double p25 = 0.0;
  double median = 0.0;
  double p75 = 0.0;
};

struct CutComparison {
  std::string what;            ///< "care.fte_scale" or "funding.budget_scale"
  double formal_hours_change = 0.0;    ///< per year after the cut, cut minus uncut
  double informal_hours_change = 0.0;
  double substitution = 0.0;           ///< informal hours gained per formal hour lost
  double overburdened_uncut = 0.0, overburdened_cut = 0.0;  ///< share of carers
  /// Overburdened carers per 1,000 residents: the people harmed, not diluted by new carers.
  double overburdened_per_1000_uncut = 0.0, overburdened_per_1000_cut = 0.0;
  double crisis_uncut = 0.0, crisis_cut = 0.0;              ///< share of residents
  double incidents_uncut = 0.0, incidents_cut = 0.0;        ///< per year
  double waiting_uncut = 0.0, waiting_cut = 0.0;            ///< waiting lists, official and hidden
  int silo_years_exhausted = 0;        ///< silo-years whose budget ran out (cut run)
};

struct PayerCosts {
  std::array<double, kPayerCount> projects{};
  std::array<double, kPayerCount> other{};     ///< care, coordination, incidents, commissioning
  std::array<double, kPayerCount> benefits{};  ///< vs the paired no-project run
};

struct FundingFigures {
  /// Whether the pattern 7 and 9 figures below were measured (FundingFigureOptions::
  /// project_samples); if not they keep their defaults and must not be averaged in.
  bool project_samples = true;
  // Pattern 7 (carousel runs pooled; the durable runs for contrast).
  Distribution survivors_effectiveness, ended_effectiveness;
  double survival_auc_carousel = 0.5;
  double survival_auc_durable = 0.5;
  std::array<int, kProjectStateCount> ends{};  ///< by final state, carousel runs
  int parcelled_conscious = 0;
  int projects_carousel = 0;
  int labels_carousel = 0, methods_carousel = 0;
  int labels_durable = 0, methods_durable = 0;
  int reinventions_carousel = 0;
  // Pattern 8.
  FundingRunSeries carousel, durable;  ///< wraparound care in both
  double trust_change_after_stop_carousel = 0.0, volunteer_change_after_stop_carousel = 0.0;
  int stops_carousel = 0;
  double trust_change_after_stop_durable = 0.0, volunteer_change_after_stop_durable = 0.0;
  int stops_durable = 0;
  // Pattern 9.
  std::vector<double> share_review_before_mature;  ///< index = grant term - 1
  std::vector<int> projects_reviewed;
  // Pattern 6.
  CutComparison fte_cut, budget_cut;
  // Costs per payer (MODEL.md §8): wraparound + durable against expert + carousel.
  PayerCosts wraparound_durable, expert_carousel;
  /// Their cost ledgers of the recorded years (same seed: paired), for the cost-benefit ledger
  /// per payer (scenarios/experiment cost_benefit.hpp).
  std::vector<PayerTierTable> ledger_wraparound_durable, ledger_expert_carousel;
  double moved_wraparound_durable = 0.0;  ///< old spending moved, euro per year at the end
  double project_money_carousel = 0.0, project_money_durable = 0.0;  ///< spent over the recorded years
  double project_money_received = 0.0;
  // Pattern 12 (expert + carousel run).
  std::vector<double> cost_per_resident, stayer_cost_per_resident, newcomer_cost_per_resident, leaver_cost_per_resident,
      stayer_share;
  int years = 0;
  int runs = 0;
  double seconds = 0.0;
};

/// The arms from two care regimes: carousel = the expert configuration's funding settings
/// switched on; durable = the same with funding.durability 1 and funding.regie at least 0.8
/// (SF7: the leading municipalities all took firm regie, S3:L703).
[[nodiscard]] FundingFigureInputs default_funding_inputs(const Parameters& expert, const Parameters& wraparound);

/// Runs the arms and measures every figure (deterministic for a seed, at any thread count):
/// six reference-scale runs (expert and wraparound care × carousel, durable, no projects), two
/// cut runs, and (with project_samples) two project samples and sweep_max_term sweep runs in
/// small neighbourhoods.
/// Throws engine::InputError when carousel or durable has funding off.
///
/// @code
///   const ModelParameters declared;
///   const FundingFigureInputs in = default_funding_inputs(declared.resolve(expert_set), declared.resolve(wraparound_set));
///   const FundingFigures f = compute_funding_figures(in, FundingFigureOptions{});
///   std::cout << format_funding_figures(f);
/// @endcode
[[nodiscard]] FundingFigures compute_funding_figures(const FundingFigureInputs& inputs, const FundingFigureOptions& options);

/// One run of a configuration, with an optional cut (parameters `cut_to` from `cut_tick` on).
[[nodiscard]] FundingRunRecord run_funding_arm(const Parameters& parameters, std::uint64_t seed, int threads,
                                              const Parameters* cut_to = nullptr, std::int32_t cut_tick = -1);

/// The figures as text, one section per pattern.
[[nodiscard]] std::string format_funding_figures(const FundingFigures& figures);

/// Quartiles and mean (empty sample: n = 0, zeros).
[[nodiscard]] Distribution describe(std::vector<double> sample);
/// P(a random element of `higher` exceeds one of `lower`), ties counted half; 0.5 if either is empty.
[[nodiscard]] double auc(const std::vector<double>& higher, const std::vector<double>& lower);

}  // namespace wijksim::models
