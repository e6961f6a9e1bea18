#include "wijksim/scenarios/headline_figures.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace wijksim::scenarios {
namespace {

constexpr double kWeeksPerYear = 52.0;
constexpr std::uint8_t kMultiDomain = 3;  // troubled domains that make a household multi-domain

/// a / b, or 0 where b is not positive (no one to divide among).
double ratio_if_positive(double a, double b) { return b > 0.0 ? a / b : 0.0; }

std::vector<HeadlineMeasure> make_measures() {
  using F = HeadlineFigures;
  std::vector<HeadlineMeasure> m{
      {"crisis_share", "residents in crisis", "share", [](const F& f) { return f.crisis_share; }},
      {"incidents_per_1000_per_year", "incidents", "/1000 res./yr", [](const F& f) { return f.incidents_per_1000_per_year; }},
      {"vulnerable_share", "vulnerable residents", "share", [](const F& f) { return f.vulnerable_share; }},
      {"multi_domain_professionals_median", "professionals per multi-domain hh (median)", "count",
       [](const F& f) { return f.multi_domain_professionals_median; }},
      {"official_wait_weeks", "official wait", "weeks", [](const F& f) { return f.official_wait_weeks; }},
      {"real_wait_weeks", "real wait", "weeks", [](const F& f) { return f.real_wait_weeks; }},
      {"dropouts_per_year", "drop-outs", "/yr", [](const F& f) { return f.dropouts_per_year; }},
      {"professional_hours_per_year", "professional hours", "h/yr", [](const F& f) { return f.professional_hours_per_year; }},
      {"informal_hours_per_year", "informal hours", "h/yr", [](const F& f) { return f.informal_hours_per_year; }},
      {"cost_per_resident_per_year", "total cost per resident", "euro/res./yr", [](const F& f) { return f.cost_per_resident_per_year; }},
  };
  for (std::size_t p = 0; p < models::kPayerCount; ++p) {
    const std::string payer(models::kPayerNames[p]);
    m.push_back({"cost_per_resident." + payer, "  paid by " + payer, "euro/res./yr",
                 [p](const F& f) { return f.cost_per_resident_per_year_by_payer[p]; }});
  }
  return m;
}

}  // namespace

const std::vector<HeadlineMeasure>& headline_measures() {
  static const std::vector<HeadlineMeasure> measures = make_measures();
  return measures;
}

void HeadlineFiguresObserver::on_tick_end(engine::Tick tick) {
  const auto& incidents = model_.incidents();
  if (tick < model_.warmup_end() || tick >= model_.run_end()) {
    incidents_seen_ = incidents.size();
    return;
  }
  incidents_ += static_cast<double>(incidents.size() - incidents_seen_);
  incidents_seen_ = incidents.size();

  const models::Population& p = model_.population();
  const auto& res = p.residents;
  const auto flags = res.values(p.r.crisis_flags);
  const auto given = res.values(p.r.hours_given);
  std::array<std::span<const float>, models::kDomainCount> severity;
  for (std::size_t d = 0; d < models::kDomainCount; ++d) severity[d] = res.values(p.r.severity[d]);
  // Counted in integers, branch-free (a resident is vulnerable when their worst domain is):
  // the same sums as adding 1.0 per resident, which are exact in a double.
  std::uint64_t in_crisis = 0;
  std::uint64_t vulnerable = 0;
  for (std::size_t i = 0; i < res.size(); ++i) {
    float worst = severity[0][i];
    for (std::size_t d = 1; d < models::kDomainCount; ++d) worst = std::max(worst, severity[d][i]);
    in_crisis += flags[i] != 0 ? 1U : 0U;
    vulnerable += worst >= models::kVulnerableSeverity ? 1U : 0U;
  }
  crisis_ += static_cast<double>(in_crisis);
  vulnerable_ += static_cast<double>(vulnerable);
  for (std::size_t i = 0; i < res.size(); ++i) informal_hours_ += static_cast<double>(given[i]);
  resident_weeks_ += static_cast<double>(res.size());

  const auto troubled = p.households.values(p.h.troubled_domains);
  const auto professionals = model_.care().professionals_per_household();
  for (std::size_t hh = 0; hh < troubled.size() && hh < professionals.size(); ++hh) {
    if (troubled[hh] < kMultiDomain) continue;
    multi_domain_professionals_[std::min<std::size_t>(professionals[hh], multi_domain_professionals_.size() - 1)] += 1.0;
  }
  ++weeks_;
}

HeadlineFigures HeadlineFiguresObserver::figures() const {
  HeadlineFigures f;
  f.recorded_weeks = weeks_;
  const double years = static_cast<double>(weeks_) / kWeeksPerYear;
  f.residents = ratio_if_positive(resident_weeks_, static_cast<double>(weeks_));
  f.crisis_share = ratio_if_positive(crisis_, resident_weeks_);
  f.vulnerable_share = ratio_if_positive(vulnerable_, resident_weeks_);
  f.incidents_per_1000_per_year = ratio_if_positive(1000.0 * incidents_, f.residents * years);
  f.informal_hours_per_year = ratio_if_positive(informal_hours_, years);

  const double households = std::accumulate(multi_domain_professionals_.begin(), multi_domain_professionals_.end(), 0.0);
  double below = 0.0;
  for (std::size_t k = 0; k < multi_domain_professionals_.size() && households > 0.0; ++k) {
    below += multi_domain_professionals_[k];
    if (below >= 0.5 * households) {
      f.multi_domain_professionals_median = static_cast<double>(k);
      break;
    }
  }

  const auto [first_year, year_count] = recorded_years();
  const auto& care_years = model_.care().years();
  double intakes = 0.0, official = 0.0, first_treatments = 0.0, real = 0.0, dropouts = 0.0, hours = 0.0;
  for (std::size_t y = first_year; y < first_year + year_count && y < care_years.size(); ++y) {
    const models::CareYear& c = care_years[y];
    intakes += c.intakes;
    official += c.official_wait_weeks;
    first_treatments += c.first_treatments;
    real += c.real_wait_weeks;
    dropouts += c.dropouts;
    hours += c.treatment_hours + c.coordination_hours;
  }
  f.official_wait_weeks = ratio_if_positive(official, intakes);
  f.real_wait_weeks = ratio_if_positive(real, first_treatments);
  f.dropouts_per_year = ratio_if_positive(dropouts, years);
  f.professional_hours_per_year = ratio_if_positive(hours, years);

  const double resident_years = f.residents * years;
  double total = 0.0;
  for (const models::PayerTierTable& table : recorded_costs()) {
    for (std::size_t p = 0; p < models::kPayerCount; ++p) {
      const double payer = std::accumulate(table[p].begin(), table[p].end(), 0.0);
      f.cost_per_resident_per_year_by_payer[p] += payer;
      total += payer;
    }
  }
  f.cost_per_resident_per_year = ratio_if_positive(total, resident_years);
  for (double& v : f.cost_per_resident_per_year_by_payer) v = ratio_if_positive(v, resident_years);
  return f;
}

std::pair<std::size_t, std::size_t> HeadlineFiguresObserver::recorded_years() const {
  // Yearly counts and costs are kept per simulated year (warm-up included): the recorded
  // years are those from the warm-up's end, up to the last recorded week.
  return {static_cast<std::size_t>(model_.warmup_end().value() / 52), static_cast<std::size_t>((weeks_ + 51) / 52)};
}

std::vector<models::PayerTierTable> HeadlineFiguresObserver::recorded_costs() const {
  const auto [first_year, year_count] = recorded_years();
  std::vector<models::PayerTierTable> out;
  for (std::size_t y = first_year; y < first_year + year_count; ++y) out.push_back(model_.care().ledger().year(y));
  return out;
}

}  // namespace wijksim::scenarios
