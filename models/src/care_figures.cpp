#include "wijksim/models/care_figures.hpp"

#include <algorithm>

namespace wijksim::models {
namespace {

std::uint8_t troubled_mask(const Population& p, std::size_t hh) {
  std::uint8_t mask = 0;
  for (const std::uint32_t m : p.members(hh)) {
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      if (p.residents.values(p.r.severity[d])[m] >= kTroubleSeverity) mask = static_cast<std::uint8_t>(mask | (1U << d));
    }
  }
  return mask;
}

double quantile(const std::array<double, 31>& histogram, double q) {
  double total = 0.0;
  for (const double h : histogram) total += h;
  if (total <= 0.0) return 0.0;
  double acc = 0.0;
  for (std::size_t k = 0; k < histogram.size(); ++k) {
    acc += histogram[k];
    if (acc >= q * total) return static_cast<double>(k);
  }
  return static_cast<double>(histogram.size() - 1);
}

}  // namespace

void CareFiguresObserver::start_cohorts(const Population& p) {
  for (std::size_t hh = 0; hh < p.households.size(); ++hh) {
    const std::uint8_t mask = troubled_mask(p, hh);
    const int n = std::popcount(mask);
    if (n == 1) single_.push_back(Cohort{p.households.id_at(hh).value(), mask});
    if (n >= 3) multi_.push_back(Cohort{p.households.id_at(hh).value(), mask});
  }
  first_household_id_ = p.households.empty() ? 0 : p.households.id_at(0).value();
  cohorts_started_ = true;
}

void CareFiguresObserver::measure_cohorts(const Population& p) {
  const auto mean_severity = [&](const std::vector<Cohort>& cohort, double* crisis) {
    double sum = 0.0;
    double n = 0.0;
    double in_crisis = 0.0;
    double members = 0.0;
    for (const Cohort& c : cohort) {
      const auto hh = p.households.slot_of(HouseholdId{c.household});
      if (!hh) continue;  // moved away: composition, not effect
      for (const std::uint32_t m : p.members(*hh)) {
        float worst = 0.0F;
        bool crisis_now = false;
        for (std::size_t d = 0; d < kDomainCount; ++d) {
          const float s = p.residents.values(p.r.severity[d])[m];
          crisis_now = crisis_now || s >= kCrisisSeverity;
          if ((c.domains & (1U << d)) != 0) worst = std::max(worst, s);
        }
        sum += static_cast<double>(worst);
        n += 1.0;
        in_crisis += crisis_now ? 1.0 : 0.0;
        members += 1.0;
      }
    }
    if (crisis != nullptr) *crisis = members > 0.0 ? in_crisis / members : 0.0;
    return n > 0.0 ? sum / n : 0.0;
  };
  single_severity_ = mean_severity(single_, nullptr);
  multi_severity_ = mean_severity(multi_, &multi_crisis_);
}

void CareFiguresObserver::on_tick_end(engine::Tick tick) {
  const Population& p = model_.population();
  const auto& incidents = model_.incidents();
  if (tick < model_.warmup_end() || tick >= model_.run_end()) {
    incidents_seen_ = incidents.size();
    return;
  }
  if (!cohorts_started_) start_cohorts(p);
  if (tick - model_.warmup_end() == 51) measure_cohorts(p);
  for (; incidents_seen_ < incidents.size(); ++incidents_seen_) ++incidents_by_household_[incidents[incidents_seen_].household];
  if (!p.households.empty()) households_seen_max_id_ = std::max<std::uint64_t>(households_seen_max_id_, p.households.ids().back().value());
  const auto professionals = model_.care().professionals_per_household();
  const auto troubled = p.households.values(p.h.troubled_domains);
  // From the second recorded year: a regime that starts at year 0 inherits the episodes of
  // the one before; its own pattern shows once they have run out.
  if (tick - model_.warmup_end() >= 52) {
    for (std::size_t hh = 0; hh < p.households.size() && hh < professionals.size(); ++hh) {
      if (troubled[hh] >= 3) histogram_[std::min<std::size_t>(professionals[hh], 30)] += 1.0;
    }
  }
  const auto flags = p.residents.values(p.r.crisis_flags);
  for (const auto f : flags) crisis_ += f != 0 ? 1.0 : 0.0;
  resident_weeks_ += static_cast<double>(flags.size());
}

CareFigures CareFiguresObserver::figures() const {
  CareFigures f;
  f.multi_domain_professionals_histogram = histogram_;
  f.multi_domain_professionals_median = quantile(histogram_, 0.5);
  f.multi_domain_professionals_p95 = quantile(histogram_, 0.95);
  f.single_cohort_severity_after_year = single_severity_;
  f.multi_cohort_severity_after_year = multi_severity_;
  f.multi_domain_crisis_share = multi_crisis_;
  f.single_cohort_households = single_.size();
  f.multi_cohort_households = multi_.size();
  const auto& care = model_.care();
  const auto first_year = static_cast<std::size_t>(model_.warmup_end().value() / 52);
  const auto last_year = static_cast<std::size_t>(model_.run_end().value() / 52);
  double official = 0.0, real = 0.0, intakes = 0.0, treatments = 0.0, hidden = 0.0, waiting = 0.0, dropouts = 0.0;
  for (std::size_t y = first_year; y < last_year; ++y) {
    const CareYear year = y < care.years().size() ? care.years()[y] : CareYear{};
    const PayerTierTable costs = care.ledger().year(y);
    double care_cost = 0.0;
    std::array<double, kPayerCount> by_payer{};
    for (std::size_t p = 0; p < kPayerCount; ++p) {
      for (std::size_t t = 0; t < kTierCount; ++t) {
        by_payer[p] += costs[p][t];
        const auto tier = static_cast<Tier>(t);
        if (tier != Tier::incidents && tier != Tier::income_support && tier != Tier::projects && tier != Tier::commissioning) {
          care_cost += costs[p][t];
        }
      }
    }
    const double households_in_care = year.weeks > 0.0 ? year.households_in_care_weeks / year.weeks : 0.0;
    f.care_cost_per_household_in_care.push_back(households_in_care > 0.0 ? care_cost / households_in_care : 0.0);
    f.total_cost.push_back(CostLedger::total(costs));
    f.cost_by_payer.push_back(by_payer);
    f.treatment_hours.push_back(year.treatment_hours);
    double detected = 0.0;
    for (const double n : year.new_episodes) detected += n;
    f.new_episodes.push_back(detected);
    f.detected_households.push_back(year.first_contacts);
    f.mean_caseload.push_back(year.weeks > 0.0 ? year.caseload_sum / year.weeks : 0.0);
    f.team_caseload.push_back(year.weeks > 0.0 ? year.team_caseload_sum / year.weeks : 0.0);
    official += year.official_wait_weeks;
    real += year.real_wait_weeks;
    intakes += year.intakes;
    treatments += year.first_treatments;
    hidden += year.waiting_hidden;
    waiting += year.waiting_official + year.waiting_hidden;
    dropouts += year.dropouts;
  }
  const auto years = static_cast<double>(last_year - first_year);
  f.official_wait_weeks = intakes > 0.0 ? official / intakes : 0.0;
  f.real_wait_weeks = treatments > 0.0 ? real / treatments : 0.0;
  f.hidden_waiting_share = waiting > 0.0 ? hidden / waiting : 0.0;
  f.dropouts_per_year = years > 0.0 ? dropouts / years : 0.0;
  double recurring = 0.0;
  for (const auto& [household, count] : incidents_by_household_) recurring += count >= 2 ? 1.0 : 0.0;
  const double households_seen = static_cast<double>(households_seen_max_id_ - std::min(first_household_id_, households_seen_max_id_) + 1);
  f.recurring_crisis_share = households_seen > 0.0 ? recurring / households_seen : 0.0;
  f.crisis_share = resident_weeks_ > 0.0 ? crisis_ / resident_weeks_ : 0.0;
  return f;
}

}  // namespace wijksim::models
