#include "wijksim/models/people_figures.hpp"

#include <algorithm>
#include <numeric>

#include "wijksim/models/calendar.hpp"
#include "wijksim/models/informal_care.hpp"

namespace wijksim::models {

void PeopleFiguresObserver::on_tick_end(engine::Tick tick) {
  const Population& p = model_.population();
  const auto& incidents = model_.incidents();
  if (tick < model_.warmup_end() || tick >= model_.run_end()) {
    incidents_seen_ = incidents.size();
    return;
  }
  for (; incidents_seen_ < incidents.size(); ++incidents_seen_) {
    ++incidents_[static_cast<std::size_t>(incidents[incidents_seen_].kind)];
  }
  weekly(p);
  const int week = tick - model_.warmup_end();
  if (week % 4 == 0) sample_quintiles(p);
  if ((week + 1) % 52 == 0) close_year(p);
}

void PeopleFiguresObserver::weekly(const Population& p) {
  const auto& res = p.residents;
  const auto age = res.values(p.r.age_years);
  const auto given = res.values(p.r.hours_given);
  const auto burden = res.values(p.r.burden);
  const auto volunteer = res.values(p.r.is_volunteer);
  const auto threshold = static_cast<float>(model_.parameters().informal.overburden_threshold);
  if (hours_this_year_by_id_.size() < res.size() + 1) hours_this_year_by_id_.resize(res.ids().back().value() + 1, 0.0F);
  const auto ids = res.ids();
  if (!ids.empty() && hours_this_year_by_id_.size() <= ids.back().value()) hours_this_year_by_id_.resize(ids.back().value() + 1, 0.0F);
  std::array<std::span<const float>, kDomainCount> sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = res.values(p.r.severity[d]);
  for (std::size_t i = 0; i < res.size(); ++i) {
    bool vulnerable = false;
    for (std::size_t d = 0; d < kDomainCount; ++d) vulnerable = vulnerable || sev[d][i] >= kVulnerableSeverity;
    vulnerable_ += vulnerable ? 1.0 : 0.0;
    if (age[i] < kAdultAge) continue;
    adult_weeks_ += 1.0;
    volunteers_ += volunteer[i];
    if (given[i] > 0.0F) {
      carers_ += 1.0;
      intensive_ += given[i] > kIntensiveHoursPerWeek ? 1.0 : 0.0;
      overburdened_ += burden[i] > threshold ? 1.0 : 0.0;
      hours_this_year_by_id_[ids[i].value()] += given[i];
    }
  }
  resident_weeks_ += static_cast<double>(res.size());
  const auto troubled = p.households.values(p.h.troubled_domains);
  for (const auto t : troubled) {
    multi_ += t >= 3 ? 1.0 : 0.0;
    at_risk_ += t >= 2 ? 1.0 : 0.0;
  }
  household_weeks_ += static_cast<double>(troubled.size());
  ++weeks_;
}

void PeopleFiguresObserver::sample_quintiles(const Population& p) {
  const auto& res = p.residents;
  const auto needed = res.values(p.r.hours_needed);
  const auto received = res.values(p.r.help_received);
  std::vector<std::uint32_t> in_need;
  for (std::uint32_t i = 0; i < res.size(); ++i) {
    if (static_cast<double>(needed[i]) >= model_.parameters().informal.min_hours_to_ask) in_need.push_back(i);
  }
  if (in_need.size() < 5) return;
  std::stable_sort(in_need.begin(), in_need.end(), [&](std::uint32_t a, std::uint32_t b) { return needed[a] < needed[b]; });
  for (std::size_t k = 0; k < in_need.size(); ++k) {
    const std::size_t q = k * 5 / in_need.size();
    quintile_received_[q] += static_cast<double>(received[in_need[k]]);
    quintile_needed_[q] += static_cast<double>(needed[in_need[k]]);
  }
}

void PeopleFiguresObserver::close_year(const Population& p) {
  const auto& res = p.residents;
  const auto age = res.values(p.r.age_years);
  const auto willingness = res.values(p.r.willingness);
  const auto ids = res.ids();
  double adults = 0.0;
  double helpers = 0.0;
  double hours = 0.0;
  double willing = 0.0;
  for (std::size_t i = 0; i < res.size(); ++i) {
    if (age[i] < kAdultAge) continue;
    adults += 1.0;
    willing += willingness[i] >= 0.5F ? 1.0 : 0.0;
    const float h = hours_this_year_by_id_[ids[i].value()];
    if (h > 0.0F) {
      helpers += 1.0;
      hours += static_cast<double>(h);
    }
  }
  helpers_year_sum_ += helpers;
  adults_year_sum_ += adults;
  helper_hours_sum_ += hours;
  helpers_sum_ += helpers;
  willing_sum_ += willing;
  std::fill(hours_this_year_by_id_.begin(), hours_this_year_by_id_.end(), 0.0F);
  ++years_;
}

PeopleFigures PeopleFiguresObserver::figures() const {
  PeopleFigures f;
  const auto ratio = [](double a, double b) { return b > 0.0 ? a / b : 0.0; };
  f.adults_giving_support = ratio(helpers_year_sum_, adults_year_sum_);
  f.hours_per_helping_adult = ratio(helper_hours_sum_, 52.0 * helpers_sum_);
  f.carers_intensive_share = ratio(intensive_, carers_);
  f.carers_overburdened_share = ratio(overburdened_, carers_);
  f.weekly_carers_share = ratio(carers_, adult_weeks_);
  f.vulnerable_share = ratio(vulnerable_, resident_weeks_);
  f.households_multi_domain_share = ratio(multi_, household_weeks_);
  f.households_at_risk_share = ratio(at_risk_, household_weeks_);
  f.stated_willingness_share = ratio(willing_sum_, adults_year_sum_);
  f.willingness_to_help_ratio = ratio(f.stated_willingness_share, f.adults_giving_support);
  for (std::size_t q = 0; q < 5; ++q) f.help_per_need_by_quintile[q] = ratio(quintile_received_[q], quintile_needed_[q]);
  f.volunteer_share = ratio(volunteers_, adult_weeks_);
  const double resident_years = resident_weeks_ / 52.0;
  for (std::size_t k = 0; k < kIncidentKindCount; ++k) f.incidents_per_1000_per_year[k] = ratio(1000.0 * incidents_[k], resident_years);
  f.residents = ratio(resident_weeks_, weeks_);
  f.households = ratio(household_weeks_, weeks_);
  f.recorded_weeks = weeks_;
  f.recorded_years = years_;
  return f;
}

}  // namespace wijksim::models
