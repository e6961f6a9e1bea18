#include "wijksim/models/model_outputs.hpp"

#include "wijksim/models/funding_system.hpp"
#include "wijksim/models/municipality.hpp"
#include "wijksim/models/project.hpp"
#include "resident_tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

namespace wijksim::models {
namespace {

constexpr std::int32_t kTicksPerYear = 52;
constexpr std::size_t kScoreCount = 5;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::array<std::string_view, kAccessRouteCount> kAccessRouteNames{
    "self", "referral", "outreach", "team_referral"};
constexpr std::array<std::string_view, kCohortCount> kCohortNames{"stayers", "movers_in", "born"};
constexpr std::array<std::string_view, 6> kDemographicEventNames{"deaths",
                                                                 "births",
                                                                 "residents_moved_out",
                                                                 "residents_moved_in",
                                                                 "households_moved_out",
                                                                 "households_moved_in"};

template <std::size_t N>
std::vector<std::string> labels_of(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

std::vector<std::int64_t> range_values(std::int64_t first, std::int64_t count) {
  std::vector<std::int64_t> values;
  for (std::int64_t v = first; v < first + count; ++v) values.push_back(v);
  return values;
}

/// "n0" … "n9", "n00" … "n89": the same width for all, so that labels sort as numbers do.
std::vector<std::string> neighbourhood_labels(std::size_t count) {
  const std::size_t width = std::to_string(count > 0 ? count - 1 : 0).size();
  std::vector<std::string> labels;
  for (std::size_t n = 0; n < count; ++n) {
    std::string digits = std::to_string(n);
    std::string label = "n";
    label.append(width - digits.size(), '0');
    label.append(digits);
    labels.push_back(std::move(label));
  }
  return labels;
}

CareYear minus(const CareYear& a, const CareYear& b) {
  CareYear d;
  for (std::size_t k = 0; k < kAccessRouteCount; ++k)
    d.new_episodes[k] = a.new_episodes[k] - b.new_episodes[k];
  d.admissions = a.admissions - b.admissions;
  d.official_wait_weeks = a.official_wait_weeks - b.official_wait_weeks;
  d.real_wait_weeks = a.real_wait_weeks - b.real_wait_weeks;
  d.intakes = a.intakes - b.intakes;
  d.first_treatments = a.first_treatments - b.first_treatments;
  d.dropouts = a.dropouts - b.dropouts;
  d.endings = a.endings - b.endings;
  d.treatment_hours = a.treatment_hours - b.treatment_hours;
  d.coordination_hours = a.coordination_hours - b.coordination_hours;
  d.practical_fixes = a.practical_fixes - b.practical_fixes;
  d.activations = a.activations - b.activations;
  d.households_in_care_weeks = a.households_in_care_weeks - b.households_in_care_weeks;
  d.caseload_sum = a.caseload_sum - b.caseload_sum;
  d.weeks = a.weeks - b.weeks;
  d.waiting_official = a.waiting_official - b.waiting_official;
  d.waiting_hidden = a.waiting_hidden - b.waiting_hidden;
  return d;
}

/// A counter of the model kept as a double, as a count.
std::int64_t as_count(double v) noexcept { return static_cast<std::int64_t>(std::llround(v)); }

constexpr std::size_t index_of(ResidentCohort c) noexcept { return static_cast<std::size_t>(c); }

/// Residents per block of the parallel tally. Fixed: the blocks, and so the order of every sum,
/// do not depend on the thread count.
constexpr std::size_t kResidentBlock = 4096;
/// From this many blocks on, they are tallied in parallel (same values either way).
constexpr std::size_t kParallelBlocks = 8;
/// Interleaved copies of the households' histograms (ModelOutputs::tally).
constexpr std::size_t kHistogramCopies = 4;

double ratio_or_nan(double a, double b) noexcept { return b > 0.0 ? a / b : kNaN; }

}  // namespace

/// One fixed block of resident slots, tallied: its runs, and its born (slot, neighbourhood).
struct ModelOutputs::ResidentBlock {
  /// A run of consecutive resident slots in one neighbourhood on one side of the stayers /
  /// arrivals divide.
  struct Run : detail::ResidentRunTotals {
    std::size_t neighbourhood = 0;
    bool is_arrival = false;  ///< movers_in and born, or stayers
  };
  std::vector<Run> runs;
  std::vector<std::pair<std::size_t, std::size_t>> bounds;  ///< [begin, end) slots of each run
  std::vector<std::pair<std::uint32_t, std::uint32_t>> born;
};

struct ModelOutputs::Previous {
  std::int32_t tick = -1;  ///< last tick seen; -1 before the first
  CareYear care{};         ///< counters of the year of `tick`, after it
  PayerTierTable costs{};  ///< the ledger's table of the year of `tick`, after it
  std::vector<std::pair<std::uint32_t, std::uint16_t>>
      professionals;               ///< (id, organisation), by id
  std::size_t incidents_seen = 0;  ///< Model::incidents() entries before the last tick seen
  std::size_t incidents_end = 0;   ///< … and after it
};

struct ModelOutputs::Tally {
  const Model* model = nullptr;
  std::int32_t tick = 0;
  std::size_t neighbourhoods = 0;
  std::size_t organisations = 0;
  // Per neighbourhood (row-major with the dimensions after it).
  std::vector<std::int64_t> population, households, in_crisis, carers, overburdened, volunteers;
  std::vector<double> hours_given, hours_received, trust_sum;
  std::vector<std::int64_t> scores;               ///< × domain × score
  std::vector<std::int64_t> incidents;            ///< × incident kind
  std::vector<std::int64_t> professionals_all;    ///< × professionals bin
  std::vector<std::int64_t> professionals_multi;  ///< × professionals bin
  std::vector<std::int64_t> cohort_residents;     ///< × cohort
  std::vector<double> cohort_severity_sum;        ///< × cohort × domain
  std::vector<ResidentBlock> blocks;              ///< kept between ticks: no allocations once warm
  std::vector<float> worst;  ///< per resident slot: scratch of tally_resident_run
  /// Scratch of the households' histograms: kHistogramCopies interleaved copies of
  /// professionals_all, then as many of professionals_multi.
  std::vector<std::int64_t> household_bins;
  // Per organisation.
  std::vector<std::int64_t> waiting_official, waiting_hidden, active, left, hired;
  std::vector<double> staff, caseload_sum, knowledge_sum;
  // Flows of the tick from the model's counters.
  CareYear care{};
  PayerTierTable costs{};
  DemographyCounts demography{};

  void reset(std::size_t n, std::size_t o) {
    neighbourhoods = n;
    organisations = o;
    for (auto* v : {&population, &households, &in_crisis, &carers, &overburdened, &volunteers})
      v->assign(n, 0);
    for (auto* v : {&hours_given, &hours_received, &trust_sum}) v->assign(n, 0.0);
    scores.assign(n * kDomainCount * kScoreCount, 0);
    incidents.assign(n * kIncidentKindCount, 0);
    professionals_all.assign(n * kProfessionalBins, 0);
    professionals_multi.assign(n * kProfessionalBins, 0);
    cohort_residents.assign(n * kCohortCount, 0);
    cohort_severity_sum.assign(n * kCohortCount * kDomainCount, 0.0);
    for (auto* v : {&waiting_official, &waiting_hidden, &active, &left, &hired}) v->assign(o, 0);
    for (auto* v : {&staff, &caseload_sum, &knowledge_sum}) v->assign(o, 0.0);
  }
};

ModelOutputs::ModelOutputs(const Model& model, engine::Tick first_recorded, int threads)
    : model_(&model),
      first_recorded_(first_recorded),
      executor_(std::make_unique<engine::Executor>(threads)),
      tally_(std::make_unique<Tally>()),
      previous_(std::make_unique<Previous>()) {
  add_dimensions();
  add_entries();
  previous_->incidents_seen = model.incidents().size();
  previous_->incidents_end = previous_->incidents_seen;
  const auto& professionals = model.care().professionals();
  const auto organisation = professionals.values(model.care().professional_columns().organisation);
  for (std::size_t slot = 0; slot < professionals.size(); ++slot) {
    previous_->professionals.emplace_back(professionals.id_at(slot).value(), organisation[slot]);
  }
}

ModelOutputs::~ModelOutputs() = default;

void ModelOutputs::add_dimensions() {
  namespace dim = output_dimension;
  const Model& m = *model_;
  std::vector<std::string> organisations;
  for (const auto& o : m.care().organisations()) organisations.push_back(o.name);
  dimensions_ = {
      {dim::kNeighbourhood,
       neighbourhood_labels(m.population().neighbourhood_count),
       {},
       "neighbourhood",
       "neighbourhoods of the city, in the order of their dwellings"},
      {dim::kDomain,
       labels_of(kDomainNames),
       {},
       "life domain",
       "the eight life domains of MODEL.md §3"},
      {dim::kScore,
       {},
       range_values(1, kScoreCount),
       "self-reliance score",
       "5-point self-reliance scale: 1 = acute crisis, 2 = not self-reliant, 3 = limited, 4 = "
       "adequate, 5 = fully self-reliant (severity s in [0, 1] maps to 5 - floor(5 s), clamped to "
       "1..5)"},
      {dim::kIncidentKind,
       labels_of(kIncidentKindNames),
       {},
       "kind of incident",
       "consequences of a domain crossing the crisis threshold (MODEL.md §4)"},
      {dim::kProfessionals,
       {},
       range_values(0, kProfessionalBins),
       "concurrent professionals",
       "number of professionals working with a household at once (active or hidden episodes); the "
       "last value counts 10 or more"},
      {dim::kOrganisation,
       std::move(organisations),
       {},
       "care organisation",
       "specialist providers (city-wide, one per domain that has one), then one neighbourhood team "
       "per neighbourhood"},
      {dim::kAccessRoute,
       labels_of(kAccessRouteNames),
       {},
       "route into care",
       "self = asked, referral = GP/school/police, outreach = found by the team, team_referral = "
       "brought in by the team's coordinator"},
      {dim::kPayer, labels_of(kPayerNames), {}, "payer", "who carries a cost (MODEL.md §8)"},
      {dim::kTier,
       labels_of(kTierNames),
       {},
       "care tier",
       "the kind of spending a cost is booked as"},
      {dim::kCohort,
       labels_of(kCohortNames),
       {},
       "resident cohort",
       "stayers = present at the first recorded tick; movers_in = arrived since with a household "
       "that moved in; born = born here since. Separates composition from effect (MODEL.md §3)"},
      {dim::kDemographicEvent,
       labels_of(kDemographicEventNames),
       {},
       "demographic event",
       "deaths, births and moves of the tick"},
      {dim::kProjectState,
       labels_of(kProjectStateNames),
       {},
       "project life-cycle state",
       "the states of seed 3 §2.2 (S3:L122-L596); idea counts ideas waiting for money"},
      {dim::kProjectKind,
       labels_of(kProjectKindNames),
       {},
       "kind of project",
       "the kinds of local project of MODEL.md §8"},
      {dim::kSilo,
       {std::string(kPayerNames[0]), std::string(kPayerNames[1]), std::string(kPayerNames[2])},
       {},
       "municipal budget silo",
       "the municipality's three care budgets (youth, social support, work and income)"},
  };
}

void ModelOutputs::add_entries() {
  namespace dim = output_dimension;
  // Series that are a tally as it is.
  const auto copy_counts = [](std::vector<std::int64_t> Tally::*member) {
    return [member](const Tally& s, OutputBuffer& out) {
      std::copy((s.*member).begin(), (s.*member).end(), out.count.begin());
    };
  };
  const auto copy_reals = [](std::vector<double> Tally::*member) {
    return [member](const Tally& s, OutputBuffer& out) {
      std::copy((s.*member).begin(), (s.*member).end(), out.real.begin());
    };
  };
  using T = Tally;
  const auto count = OutputType::count;
  const auto real = OutputType::real;
  entries_ = {
      // People, per neighbourhood.
      {{"population", {dim::kNeighbourhood}, count, "1", "residents", "residents after the tick"},
       copy_counts(&T::population)},
      {{"households", {dim::kNeighbourhood}, count, "1", "households", "households after the tick"},
       copy_counts(&T::households)},
      {{"severity_mean",
        {dim::kNeighbourhood, dim::kDomain},
        real,
        "1",
        "mean severity",
        "mean over residents of severity in [0, 1] (0 = fully self-reliant, 1 = acute crisis); NaN "
        "where nobody lives. City mean: weight by population"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t n = 0; n < s.neighbourhoods; ++n) {
           for (std::size_t d = 0; d < kDomainCount; ++d) {
             double sum = 0.0;  // over the cohorts, which partition the residents
             for (std::size_t c = 0; c < kCohortCount; ++c)
               sum += s.cohort_severity_sum[(n * kCohortCount + c) * kDomainCount + d];
             out.real[n * kDomainCount + d] =
                 ratio_or_nan(sum, static_cast<double>(s.population[n]));
           }
         }
       }},
      {{"self_reliance",
        {dim::kNeighbourhood, dim::kDomain, dim::kScore},
        count,
        "1",
        "residents by self-reliance score",
        "the severity distribution on the 5-point self-reliance scale"},
       copy_counts(&T::scores)},
      {{"residents_in_crisis",
        {dim::kNeighbourhood},
        count,
        "1",
        "residents in crisis",
        "residents with at least one domain at self-reliance score 1 (severity >= 0.8)"},
       copy_counts(&T::in_crisis)},
      {{"incidents",
        {dim::kNeighbourhood, dim::kIncidentKind},
        count,
        "1",
        "incidents this tick",
        "incidents of the tick by kind; each is a row of events/incidents"},
       copy_counts(&T::incidents)},
      {{"households_by_professionals",
        {dim::kNeighbourhood, dim::kProfessionals},
        count,
        "1",
        "households by concurrent professionals",
        "distribution of households over the number of professionals working with them at once"},
       copy_counts(&T::professionals_all)},
      {{"multi_problem_households_by_professionals",
        {dim::kNeighbourhood, dim::kProfessionals},
        count,
        "1",
        "multi-problem households by concurrent professionals",
        "the same distribution for households with 3 or more troubled domains (some member at "
        "severity >= 0.6; the household's troubled_domains at the start of the tick)"},
       copy_counts(&T::professionals_multi)},
      {{"informal_hours_given",
        {dim::kNeighbourhood},
        real,
        "hours",
        "informal care given",
        "hours of informal help given by residents this tick (one week)"},
       copy_reals(&T::hours_given)},
      {{"informal_hours_received",
        {dim::kNeighbourhood},
        real,
        "hours",
        "informal care received",
        "hours of informal help received by residents this tick (one week)"},
       copy_reals(&T::hours_received)},
      {{"carers",
        {dim::kNeighbourhood},
        count,
        "1",
        "informal carers",
        "residents who gave informal help this tick"},
       copy_counts(&T::carers)},
      {{"overburdened_carers",
        {dim::kNeighbourhood},
        count,
        "1",
        "overburdened carers",
        "carers of the tick whose burden is above informal.overburden_threshold"},
       copy_counts(&T::overburdened)},
      {{"volunteers", {dim::kNeighbourhood}, count, "1", "volunteers", "residents who volunteer"},
       copy_counts(&T::volunteers)},
      {{"trust_mean",
        {dim::kNeighbourhood},
        real,
        "1",
        "mean trust in services",
        "mean over residents of trust in services, [0, 1]; NaN where nobody lives"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t n = 0; n < s.neighbourhoods; ++n) {
           out.real[n] = ratio_or_nan(s.trust_sum[n], static_cast<double>(s.population[n]));
         }
       }},
      {{"residents_by_cohort",
        {dim::kNeighbourhood, dim::kCohort},
        count,
        "1",
        "residents by cohort",
        "residents present at the first recorded tick (stayers) and arrived since (movers_in, "
        "born)"},
       copy_counts(&T::cohort_residents)},
      {{"severity_mean_by_cohort",
        {dim::kNeighbourhood, dim::kCohort, dim::kDomain},
        real,
        "1",
        "mean severity by cohort",
        "mean severity of each cohort's residents; NaN for an empty cohort. A change in "
        "severity_mean that the stayers do not show is composition, not effect"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t nc = 0; nc < s.neighbourhoods * kCohortCount; ++nc) {
           for (std::size_t d = 0; d < kDomainCount; ++d) {
             out.real[nc * kDomainCount + d] =
                 ratio_or_nan(s.cohort_severity_sum[nc * kDomainCount + d],
                              static_cast<double>(s.cohort_residents[nc]));
           }
         }
       }},
      {{"demographic_events",
        {dim::kDemographicEvent},
        count,
        "1",
        "demographic events this tick",
        "deaths, births and moves of the whole city in the tick"},
       [](const Tally& s, OutputBuffer& out) {
         const DemographyCounts& c = s.demography;
         out.count = {c.deaths,
                      c.births,
                      c.residents_moved_out,
                      c.residents_moved_in,
                      c.households_moved_out,
                      c.households_moved_in};
       }},
      // Formal care, per organisation.
      {{"waiting_official",
        {dim::kOrganisation},
        count,
        "1",
        "official waiting list",
        "episodes on the organisation's official waiting list after the tick"},
       copy_counts(&T::waiting_official)},
      {{"waiting_hidden",
        {dim::kOrganisation},
        count,
        "1",
        "hidden waiting",
        "episodes taken in by an overloaded worker and not yet treated (hidden waiting list, S2 "
        "SF10)"},
       copy_counts(&T::waiting_hidden)},
      {{"episodes_active",
        {dim::kOrganisation},
        count,
        "1",
        "episodes in treatment",
        "episodes receiving treatment hours after the tick"},
       copy_counts(&T::active)},
      {{"professional_fte",
        {dim::kOrganisation},
        real,
        "FTE",
        "professional staff",
        "professionals present (one FTE each) after the tick"},
       copy_reals(&T::staff)},
      {{"caseload_mean",
        {dim::kOrganisation},
        real,
        "episodes per FTE",
        "mean caseload",
        "active and hidden episodes per professional, mean over the organisation's staff; NaN "
        "without staff"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t o = 0; o < s.organisations; ++o)
           out.real[o] = ratio_or_nan(s.caseload_sum[o], s.staff[o]);
       }},
      {{"knowledge_mean",
        {dim::kOrganisation},
        real,
        "1",
        "mean neighbourhood knowledge",
        "professionals' knowledge of the neighbourhood in [0, 1] (grows with tenure, lost when "
        "they leave), mean over the staff; NaN without staff"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t o = 0; o < s.organisations; ++o)
           out.real[o] = ratio_or_nan(s.knowledge_sum[o], s.staff[o]);
       }},
      {{"professionals_left",
        {dim::kOrganisation},
        count,
        "1",
        "professionals who left",
        "turnover of the tick: professionals present after the previous tick and gone after this "
        "one (leavers, lay-offs, re-tendering)"},
       copy_counts(&T::left)},
      {{"professionals_hired",
        {dim::kOrganisation},
        count,
        "1",
        "professionals hired",
        "professionals present after this tick who were not after the previous one"},
       copy_counts(&T::hired)},
      // Formal care, city-wide flows of the tick.
      {{"episodes_started",
        {dim::kAccessRoute},
        count,
        "1",
        "new care episodes",
        "requests that became episodes this tick, by route; each is a 'started' row of "
        "events/episodes"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t k = 0; k < kAccessRouteCount; ++k)
           out.count[k] = as_count(s.care.new_episodes[k]);
       }},
      {{"episodes_ended",
        {},
        count,
        "1",
        "episodes concluded",
        "episodes ended this tick because the problem was resolved or the episode reached its "
        "maximum length"},
       [](const Tally& s, OutputBuffer& out) { out.count[0] = as_count(s.care.endings); }},
      {{"episodes_dropped_out",
        {},
        count,
        "1",
        "drop-outs",
        "episodes the household stopped this tick"},
       [](const Tally& s, OutputBuffer& out) { out.count[0] = as_count(s.care.dropouts); }},
      {{"intakes",
        {},
        count,
        "1",
        "intakes",
        "intakes (assessments) taken this tick, official or hidden"},
       [](const Tally& s, OutputBuffer& out) { out.count[0] = as_count(s.care.intakes); }},
      {{"wait_official_mean",
        {},
        real,
        "weeks",
        "official wait",
        "mean weeks from request to intake of this tick's intakes; NaN when there were none"},
       [](const Tally& s, OutputBuffer& out) {
         out.real[0] = ratio_or_nan(s.care.official_wait_weeks, s.care.intakes);
       }},
      {{"wait_real_mean",
        {},
        real,
        "weeks",
        "real wait",
        "mean weeks from request to first treatment of this tick's first treatments; NaN when "
        "there were none"},
       [](const Tally& s, OutputBuffer& out) {
         out.real[0] = ratio_or_nan(s.care.real_wait_weeks, s.care.first_treatments);
       }},
      {{"treatment_hours",
        {},
        real,
        "hours",
        "professional treatment hours",
        "hours of treatment given this tick"},
       [](const Tally& s, OutputBuffer& out) { out.real[0] = s.care.treatment_hours; }},
      {{"coordination_hours",
        {},
        real,
        "hours",
        "coordination overhead",
        "professionals' hours spent coordinating around households this tick (S2 SF2)"},
       [](const Tally& s, OutputBuffer& out) { out.real[0] = s.care.coordination_hours; }},
      {{"practical_fixes",
        {},
        count,
        "1",
        "practical fixes",
        "practical fixes bought from the discretionary budget this tick"},
       [](const Tally& s, OutputBuffer& out) { out.count[0] = as_count(s.care.practical_fixes); }},
      {{"cost",
        {dim::kPayer, dim::kTier},
        real,
        "EUR",
        "costs this tick",
        "euro booked this tick to each payer and care tier (incidents included)"},
       [](const Tally& s, OutputBuffer& out) {
         for (std::size_t p = 0; p < kPayerCount; ++p) {
           for (std::size_t k = 0; k < kTierCount; ++k)
             out.real[p * kTierCount + k] = s.costs[p][k];
         }
       }},
      // Funding and institutions (MODEL.md §8); zero / NaN when funding is off.
      {{"projects_by_state",
        {dim::kProjectState},
        count,
        "1",
        "projects by life-cycle state",
        "projects in each state after the tick, stopped ones included (terminated, parcelled); "
        "idea: ideas waiting for money"},
       [](const Tally& s, OutputBuffer& out) {
         std::fill(out.count.begin(), out.count.end(), std::int64_t{0});
         const FundingSystem& f = s.model->funding();
         for (const Project& p : f.projects()) ++out.count[static_cast<std::size_t>(p.state)];
         out.count[static_cast<std::size_t>(ProjectState::idea)] += static_cast<std::int64_t>(f.ideas().size());
       }},
      {{"projects_alive_by_kind",
        {dim::kProjectKind},
        count,
        "1",
        "living projects by kind",
        "projects at work (pilot, review, refunded, adopted jointly, social enterprise, "
        "structural) after the tick"},
       [](const Tally& s, OutputBuffer& out) {
         std::fill(out.count.begin(), out.count.end(), std::int64_t{0});
         for (const Project& p : s.model->funding().projects()) {
           if (is_alive(p.state)) ++out.count[static_cast<std::size_t>(p.kind)];
         }
       }},
      {{"project_maturity_mean",
        {},
        real,
        "1",
        "mean maturity of living projects",
        "knowledge × (0.5 + 0.5 × organisational strength) over living projects, [0, 1]; NaN "
        "when none lives"},
       [](const Tally& s, OutputBuffer& out) {
         double sum = 0.0;
         double n = 0.0;
         for (const Project& p : s.model->funding().projects()) {
           if (!is_alive(p.state)) continue;
           sum += static_cast<double>(p.maturity());
           n += 1.0;
         }
         out.real[0] = ratio_or_nan(sum, n);
       }},
      {{"silo_budget",
        {dim::kSilo},
        real,
        "EUR",
        "municipal care budget this year",
        "the silo's care budget of the current simulated year; NaN when funding is off"},
       [](const Tally& s, OutputBuffer& out) {
         const auto& years = s.model->funding().municipality().years();
         for (std::size_t k = 0; k < kSiloCount; ++k) out.real[k] = years.empty() ? kNaN : years.back()[k].budget;
       }},
      {{"silo_care_spend",
        {dim::kSilo},
        real,
        "EUR",
        "municipal care spend so far this year",
        "care booked to the silo since the start of the simulated year (every tier but "
        "projects); the budget ran out when it reaches silo_budget; NaN when funding is off"},
       [](const Tally& s, OutputBuffer& out) {
         const auto& years = s.model->funding().municipality().years();
         for (std::size_t k = 0; k < kSiloCount; ++k) out.real[k] = years.empty() ? kNaN : years.back()[k].care_spend;
       }},
      {{"silo_exhausted",
        {dim::kSilo},
        count,
        "1",
        "budget ran out",
        "1 while the silo's budget is exhausted this year (admissions restricted, thresholds "
        "raised), else 0"},
       [](const Tally& s, OutputBuffer& out) {
         const Municipality& m = s.model->funding().municipality();
         for (std::size_t k = 0; k < kSiloCount; ++k) out.count[k] = m.is_exhausted(static_cast<Payer>(k)) ? 1 : 0;
       }},
  };
  // Every series' dimensions must be declared (a programming error otherwise).
  for (const auto& e : entries_) {
    for (const auto& d : e.spec.dimensions) (void)dimension_size(d);
  }
}

std::vector<OutputSeries> ModelOutputs::series() const {
  std::vector<OutputSeries> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.push_back(e.spec);
  return out;
}

std::size_t ModelOutputs::dimension_size(const std::string& name) const {
  for (const auto& d : dimensions_) {
    if (d.name == name) return d.size();
  }
  throw std::logic_error("model outputs: a series names the undeclared dimension '" + name + "'");
}

std::size_t ModelOutputs::values_per_tick(std::size_t i) const {
  std::size_t n = 1;
  for (const auto& d : entries_.at(i).spec.dimensions) n *= dimension_size(d);
  return n;
}

std::span<const Incident> ModelOutputs::incidents_of_last_tick() const noexcept {
  const auto& all = model_->incidents();
  const std::size_t begin = std::min(previous_->incidents_seen, all.size());
  const std::size_t end = std::min(previous_->incidents_end, all.size());
  return std::span<const Incident>(all).subspan(begin, end - begin);
}

void ModelOutputs::see(engine::Tick tick) {
  const std::int32_t t = tick.value();
  if (t != previous_->tick + 1) {
    throw std::logic_error("model outputs: tick " + std::to_string(t) + " after tick " +
                           std::to_string(previous_->tick) +
                           " (every tick must be seen, in order)");
  }
  previous_->incidents_seen = previous_->incidents_end;
  previous_->incidents_end = model_->incidents().size();
}

void ModelOutputs::skip(engine::Tick tick) {
  see(tick);
  remember(tick);
}

void ModelOutputs::remember(engine::Tick tick) {
  const CareSystem& care = model_->care();
  const auto year = static_cast<std::size_t>(tick.value() / kTicksPerYear);
  previous_->tick = tick.value();
  previous_->care = year < care.years().size() ? care.years()[year] : CareYear{};
  previous_->costs = care.ledger().year(year);
  const auto& professionals = care.professionals();
  const auto organisation = professionals.values(care.professional_columns().organisation);
  previous_->professionals.clear();
  for (std::size_t slot = 0; slot < professionals.size(); ++slot) {
    previous_->professionals.emplace_back(professionals.id_at(slot).value(), organisation[slot]);
  }
}

void ModelOutputs::tally_residents(const engine::BlockRange& range, std::size_t arrivals_from,
                                   ResidentBlock& out) {
  // Runs of slots with the same neighbourhood on the same side of the stayers/arrivals divide,
  // which tally_resident_run (resident_tally.hpp) sums in vector registers. Slots are in id
  // order and a resident's moved_in_tick is its creation tick, so the arrivals (created at or
  // after the first recorded tick) are the slots from `arrivals_from` on (checked by
  // check_people, invariants.hpp).
  const Population& pop = model_->population();
  const auto& res = pop.residents;
  const auto household = res.values(pop.r.household);
  const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
  const auto household_moved_in = pop.households.values(pop.h.moved_in_tick);
  const auto moved_in = res.values(pop.r.moved_in_tick);
  const bool one_neighbourhood = pop.neighbourhood_count == 1;
  out.runs.clear();
  out.born.clear();
  auto& bounds = out.bounds;
  bounds.clear();
  const auto add_runs = [&](std::size_t begin, std::size_t end, bool is_arrival) {
    if (begin >= end) return;
    ResidentBlock::Run run;
    run.is_arrival = is_arrival;
    if (one_neighbourhood) {
      out.runs.push_back(run);
      bounds.emplace_back(begin, end);
      return;
    }
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t n = neighbourhood[household[i]];
      if (i == begin || out.runs.back().neighbourhood != n) {
        run.neighbourhood = n;
        out.runs.push_back(run);
        bounds.emplace_back(i, i);
      }
      bounds.back().second = i + 1;
    }
  };
  const std::size_t divide = std::clamp(arrivals_from, range.begin, range.end);
  add_runs(range.begin, divide, false);
  add_runs(divide, range.end, true);
  // The born: arrivals who came after their household (movers_in came with it).
  // Without a branch: every arrival is written, only the born are kept.
  out.born.resize(range.end - divide);
  std::size_t born = 0;
  for (std::size_t i = divide; i < range.end; ++i) {
    const std::size_t hh = household[i];
    out.born[born] = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(neighbourhood[hh])};
    born += static_cast<std::size_t>(moved_in[i] > household_moved_in[hh]);
  }
  out.born.resize(born);
  detail::ResidentTallyColumns columns;
  columns.hours_given = res.values(pop.r.hours_given).data();
  columns.help_received = res.values(pop.r.help_received).data();
  columns.trust = res.values(pop.r.trust).data();
  columns.burden = res.values(pop.r.burden).data();
  columns.is_volunteer = res.values(pop.r.is_volunteer).data();
  for (std::size_t d = 0; d < kDomainCount; ++d) columns.severity[d] = res.values(pop.r.severity[d]).data();
  const auto overburden = static_cast<float>(model_->parameters().informal.overburden_threshold);
  float* const worst = tally_->worst.data();  // scratch, this block's slots only
  for (std::size_t r = 0; r < out.runs.size(); ++r) {
    const std::size_t b = bounds[r].first;
    const std::size_t len = bounds[r].second - b;
    static_cast<detail::ResidentRunTotals&>(out.runs[r]) = detail::tally_resident_run(columns, b, len, overburden, worst + b);
  }
}

void ModelOutputs::tally(engine::Tick tick) {
  const Model& m = *model_;
  const Population& pop = m.population();
  const CareSystem& care = m.care();
  Tally& s = *tally_;
  s.model = &m;
  s.tick = tick.value();
  s.reset(pop.neighbourhood_count, care.organisations().size());
  if (dimension_size(output_dimension::kOrganisation) != s.organisations) {
    throw std::logic_error("model outputs: the number of organisations changed during the run");
  }

  // Residents, in fixed blocks of slots tallied in parallel and combined in block order:
  // the same totals at any thread count.
  const std::size_t residents = pop.residents.size();
  s.worst.resize(residents);
  s.blocks.resize(engine::block_count(residents, kResidentBlock));
  const auto moved_in = pop.residents.values(pop.r.moved_in_tick);
  const std::int32_t first = first_recorded_.value();
  const auto arrivals_from = static_cast<std::size_t>(
      std::partition_point(moved_in.begin(), moved_in.end(), [first](std::int32_t t) { return t < first; }) -
      moved_in.begin());
  const auto tally_block = [&](const engine::BlockRange& block) {
    tally_residents(block, arrivals_from, s.blocks[block.index]);
  };
  if (s.blocks.size() >= kParallelBlocks) {
    executor_->for_each_block(residents, kResidentBlock, tally_block);
  } else {  // a few blocks: waking the workers costs more than it saves
    for (std::size_t b = 0; b < s.blocks.size(); ++b) {
      tally_block({b, b * kResidentBlock, std::min(residents, (b + 1) * kResidentBlock)});
    }
  }
  const auto movers = index_of(ResidentCohort::movers_in);
  const auto born = index_of(ResidentCohort::born);
  for (const ResidentBlock& block : s.blocks) {
    for (const ResidentBlock::Run& run : block.runs) {
      const std::size_t n = run.neighbourhood;
      const std::size_t nc =
          n * kCohortCount + (run.is_arrival ? movers : index_of(ResidentCohort::stayers));
      s.population[n] += run.residents;
      s.cohort_residents[nc] += run.residents;
      s.hours_given[n] += run.hours_given;
      s.hours_received[n] += run.hours_received;
      s.trust_sum[n] += run.trust;
      s.carers[n] += run.carers;
      s.overburdened[n] += run.overburdened;
      s.volunteers[n] += run.volunteers;
      s.in_crisis[n] += run.in_crisis;
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        s.cohort_severity_sum[nc * kDomainCount + d] += run.severity[d];
        const auto& at_least = run.at_least[d];
        std::int64_t* scores = &s.scores[(n * kDomainCount + d) * kScoreCount];
        // scores[s - 1] counts score s: score 1 is 5 × severity >= 4, score 5 is below 1.
        scores[0] += at_least[3];
        scores[1] += at_least[2] - at_least[3];
        scores[2] += at_least[1] - at_least[2];
        scores[3] += at_least[0] - at_least[1];
        scores[4] += run.residents - at_least[0];
      }
    }
  }
  // The born (few), out of the arrivals: movers_in = arrivals - born (deterministic; sums to
  // rounding).
  std::array<std::span<const float>, kDomainCount> sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = pop.residents.values(pop.r.severity[d]);
  for (const ResidentBlock& block : s.blocks) {
    for (const auto& [slot, n] : block.born) {
      ++s.cohort_residents[n * kCohortCount + born];
      --s.cohort_residents[n * kCohortCount + movers];
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        const auto v = static_cast<double>(sev[d][slot]);
        s.cohort_severity_sum[(n * kCohortCount + born) * kDomainCount + d] += v;
        s.cohort_severity_sum[(n * kCohortCount + movers) * kDomainCount + d] -= v;
      }
    }
  }

  // Households and their professionals.
  const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
  const auto troubled = pop.households.values(pop.h.troubled_domains);
  const auto per_household = care.professionals_per_household();
  // Histograms in interleaved copies, household hh counted in copy hh % kHistogramCopies: the
  // many households in the same bin (most have no professional) then do not wait on each
  // other's increments. A neighbourhood's households are the sum of its bins.
  const std::size_t household_count = pop.households.size();
  const std::size_t bins = s.professionals_all.size();
  s.household_bins.assign(2 * kHistogramCopies * bins, 0);
  std::int64_t* const all = s.household_bins.data();
  std::int64_t* const multi = all + kHistogramCopies * bins;
  const auto count = [&](std::size_t hh, std::size_t professionals) {
    const std::size_t bin = (hh % kHistogramCopies) * bins + neighbourhood[hh] * kProfessionalBins +
                            std::min(professionals, kProfessionalBins - 1);
    all[bin] += 1;
    multi[bin] += static_cast<std::int64_t>(troubled[hh] >= 3);
  };
  const std::size_t counted = std::min(household_count, per_household.size());
  for (std::size_t hh = 0; hh < counted; ++hh) count(hh, per_household[hh]);
  for (std::size_t hh = counted; hh < household_count; ++hh) count(hh, 0);  // none yet
  for (std::size_t bin = 0; bin < bins; ++bin) {
    for (std::size_t copy = 0; copy < kHistogramCopies; ++copy) {
      s.professionals_all[bin] += all[copy * bins + bin];
      s.professionals_multi[bin] += multi[copy * bins + bin];
    }
    s.households[bin / kProfessionalBins] += s.professionals_all[bin];
  }

  // Incidents of the tick.
  for (const Incident& incident : incidents_of_last_tick()) {
    ++s.incidents[static_cast<std::size_t>(incident.neighbourhood) * kIncidentKindCount +
                  static_cast<std::size_t>(incident.kind)];
  }

  // Episodes by organisation and state (indexed, not branched on: states come in no order).
  std::array<std::vector<std::int64_t>*, 3> by_state{};
  by_state[static_cast<std::size_t>(EpisodeState::waiting)] = &s.waiting_official;
  by_state[static_cast<std::size_t>(EpisodeState::hidden)] = &s.waiting_hidden;
  by_state[static_cast<std::size_t>(EpisodeState::active)] = &s.active;
  for (const CareEpisode& e : care.episodes()) {
    ++(*by_state[static_cast<std::size_t>(e.state)])[e.organisation];
  }

  // Professionals: staff, caseloads, knowledge; who left and who came since the last tick.
  const auto& professionals = care.professionals();
  const auto& pc = care.professional_columns();
  const auto organisation = professionals.values(pc.organisation);
  const auto caseload = professionals.values(pc.caseload);
  const auto ids = professionals.ids();
  for (std::size_t slot = 0; slot < professionals.size(); ++slot) {
    const std::size_t o = organisation[slot];
    s.staff[o] += 1.0;
    s.caseload_sum[o] += static_cast<double>(caseload[slot]);
    s.knowledge_sum[o] += care.knowledge(slot, tick.value());
  }
  const auto& before = previous_->professionals;  // both in id order
  std::size_t a = 0;
  std::size_t b = 0;
  while (a < before.size() || b < ids.size()) {
    if (b == ids.size() || (a < before.size() && before[a].first < ids[b].value())) {
      ++s.left[before[a++].second];
    } else if (a == before.size() || ids[b].value() < before[a].first) {
      ++s.hired[organisation[b++]];
    } else {
      ++a;
      ++b;
    }
  }

  // Flows of the per-year counters: the year's totals after this tick minus after the last
  // one, or minus nothing at a year boundary.
  const auto year = static_cast<std::size_t>(tick.value() / kTicksPerYear);
  const bool new_year = tick.value() % kTicksPerYear == 0;
  const CareYear now = year < care.years().size() ? care.years()[year] : CareYear{};
  s.care = new_year ? now : minus(now, previous_->care);
  const PayerTierTable costs = care.ledger().year(year);
  for (std::size_t p = 0; p < kPayerCount; ++p) {
    for (std::size_t k = 0; k < kTierCount; ++k) {
      s.costs[p][k] = new_year ? costs[p][k] : costs[p][k] - previous_->costs[p][k];
    }
  }
  s.demography = m.last_demography();
}

void ModelOutputs::fill(engine::Tick tick, std::vector<OutputBuffer>& buffers) {
  see(tick);
  tally(tick);
  buffers.resize(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    OutputBuffer& b = buffers[i];
    const std::size_t n = values_per_tick(i);
    if (entries_[i].spec.type == OutputType::real) {
      b.real.assign(n, kNaN);
      b.count.clear();
    } else {
      b.count.assign(n, 0);
      b.real.clear();
    }
    entries_[i].fill(*tally_, b);
    if (b.real.size() + b.count.size() != n) {
      throw std::logic_error("model outputs: series '" + entries_[i].spec.name +
                             "' filled the wrong number of values");
    }
  }
  remember(tick);
}

}  // namespace wijksim::models
