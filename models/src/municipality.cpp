#include "wijksim/models/municipality.hpp"

#include <algorithm>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/random_purpose.hpp"

namespace wijksim::models {
namespace {

[[nodiscard]] std::size_t silo_of(Payer p) noexcept { return static_cast<std::size_t>(p); }

/// Tiers that are care for a silo's budget: all but projects (they have their own money) and
/// income support (social assistance is an open-ended entitlement with its own budget).
[[nodiscard]] double care_spend(const PayerTierTable& year, std::size_t silo) noexcept {
  double sum = 0.0;
  for (std::size_t t = 0; t < kTierCount; ++t) {
    const auto tier = static_cast<Tier>(t);
    if (tier != Tier::projects && tier != Tier::income_support) sum += year[silo][t];
  }
  return sum;
}
}  // namespace

Municipality::Municipality(const Parameters& parameters, CareSystem& care, engine::RandomKey key)
    : p_(&parameters), care_(&care), key_(key), scale_in_use_(parameters.funding.budget_scale) {
  engine::RandomStream s(key_, 0, engine::Tick{0}, kPurposeElection);
  for (double& w : alderman_.priority) w = engine::uniform(s, 0.5, 1.5);
}

double Municipality::staffing_cost(const Organisation& org) const noexcept {
  // Care bills hours × hourly cost for active clients; specialists paid per product bill
  // heavier products (care_system.cpp: hours × (1 + 0.5 × per_product_payment)).
  const double heavier = org.is_team ? 1.0 : 1.0 + 0.5 * p_->care.per_product_payment;
  return org.target_fte * org.caseload_per_fte * org.hours_per_week * heavier * org.hourly_cost * kWeeksPerYear;
}

void Municipality::refresh_spend(std::size_t year) {
  if (year >= years_.size()) return;
  const PayerTierTable table = care_->ledger().year(year);
  for (std::size_t s = 0; s < kSiloCount; ++s) {
    years_[year][s].care_spend = care_spend(table, s);
    years_[year][s].project_spend = table[s][static_cast<std::size_t>(Tier::projects)];
    years_[year][s].moved_from_old_spending = moved_[s];
  }
}

YearStart Municipality::start_year(std::int32_t tick) {
  const auto year = static_cast<std::size_t>(tick / 52);
  const auto& fp = p_->funding;
  YearStart out;
  if (year > 0) refresh_spend(year - 1);
  exhausted_.fill(false);

  if (fp.election_years > 0 && static_cast<int>(year) >= fp.first_election_year &&
      (static_cast<int>(year) - fp.first_election_year) % fp.election_years == 0) {
    const bool before = alderman_.continues_reallocation;
    elect(tick);
    out.election = true;
    out.reallocation_halted = before && !alderman_.continues_reallocation;
  }
  // Re-tendering of the providers the municipality pays (S0:L1073), teams included.
  if (fp.tender_years > 0 && year > 0 && static_cast<int>(year) % fp.tender_years == 0) {
    const auto& orgs = care_->organisations();
    for (std::uint16_t o = 0; o < orgs.size(); ++o) {
      if (!is_municipal(orgs[o].payer) || orgs[o].target_fte <= 0.0) continue;
      care_->ledger().add(tick, orgs[o].payer, Tier::commissioning, fp.tender_cost_share * staffing_cost(orgs[o]));
      care_->retender(o, fp.tender_staff_share, tick);
    }
    ++tenders_;
    out.tender = true;
  }

  // Budgets: what care is expected to cost at full budgets — last year's care spend if that
  // year ran unrestricted, else the previous expectation — indexed by the change in the cost of
  // the staffing since (a scheduled cut of care.fte_scale lowers it); in the first year, the
  // staffing at full caseload. A cut buys less: the providers are contracted for
  // min(1, budget_scale) of their capacity (S0:L178, S1 SF20).
  std::array<SiloYear, kSiloCount> record{};
  std::array<double, kSiloCount> staffing{};
  for (const Organisation& org : care_->organisations()) {
    if (is_municipal(org.payer)) staffing[silo_of(org.payer)] += staffing_cost(org);
  }
  for (std::size_t s = 0; s < kSiloCount; ++s) {
    if (year == 0 || last_staffing_[s] <= 0.0) {
      expected_[s] = staffing[s];
    } else {
      const double index = staffing[s] / last_staffing_[s];
      const SiloYear& last = years_[year - 1][s];
      if (contract_[s] >= 1.0) {
        // Last year's spending, at its rate before the budget ran out if it did.
        const double weeks = last.exhausted_tick >= 0 ? static_cast<double>(last.exhausted_tick - 52 * static_cast<std::int32_t>(year - 1) + 1) : 52.0;
        const double spend = last.exhausted_tick >= 0 ? last.spend_at_exhaustion : last.care_spend;
        expected_[s] = spend * 52.0 / weeks;
      }
      expected_[s] *= index;
    }
    record[s].budget = fp.budget_scale * (1.0 + fp.budget_margin) * expected_[s];
    record[s].moved_from_old_spending = moved_[s];
    contract_[s] = std::min(1.0, fp.budget_scale);
  }
  last_staffing_ = staffing;
  scale_in_use_ = fp.budget_scale;
  if (years_.size() <= year) years_.resize(year + 1);
  years_[year] = record;
  apply_capacity();
  return out;
}

void Municipality::watch_budgets(std::int32_t tick) {
  const auto year = static_cast<std::size_t>(tick / 52);
  if (year >= years_.size()) return;
  const auto& fp = p_->funding;
  // A cut (or restoration) scheduled during the year applies at once.
  if (fp.budget_scale != scale_in_use_ && scale_in_use_ > 0.0) {
    for (auto& s : years_[year]) s.budget *= fp.budget_scale / scale_in_use_;
    contract_.fill(std::min(1.0, fp.budget_scale));
    scale_in_use_ = fp.budget_scale;
    apply_capacity();
  }
  refresh_spend(year);
  if (year == 0) return;  // no year of spending behind the budget yet
  bool changed = false;
  for (std::size_t s = 0; s < kSiloCount; ++s) {
    SiloYear& silo = years_[year][s];
    if (exhausted_[s] || silo.budget <= 0.0 || silo.care_spend < silo.budget) continue;
    exhausted_[s] = true;
    silo.exhausted_tick = tick;
    silo.spend_at_exhaustion = silo.care_spend;
    changed = true;
  }
  if (changed) apply_capacity();
}

void Municipality::move_old_spending(Payer silo, double euro_per_year) {
  moved_[silo_of(silo)] += euro_per_year;
  apply_capacity();
}

void Municipality::return_old_spending(Payer silo, double euro_per_year) {
  moved_[silo_of(silo)] = std::max(0.0, moved_[silo_of(silo)] - euro_per_year);
  apply_capacity();
}

void Municipality::apply_capacity() {
  const auto& fp = p_->funding;
  const auto& orgs = care_->organisations();
  std::array<double, kSiloCount> specialist_staffing{};
  for (const Organisation& org : orgs) {
    if (is_municipal(org.payer) && !org.is_team) specialist_staffing[silo_of(org.payer)] += staffing_cost(org);
  }
  int exhausted = 0;
  for (std::size_t s = 0; s < kSiloCount; ++s) exhausted += exhausted_[s] ? 1 : 0;
  for (std::uint16_t o = 0; o < orgs.size(); ++o) {
    const Organisation& org = orgs[o];
    if (!is_municipal(org.payer)) continue;
    const std::size_t s = silo_of(org.payer);
    double factor = contract_[s];
    if (!org.is_team && specialist_staffing[s] > 0.0) factor *= std::max(0.0, 1.0 - moved_[s] / specialist_staffing[s]);
    if (exhausted_[s]) factor *= fp.exhausted_capacity_factor;
    care_->set_capacity_factor(o, factor);
  }
  care_->set_seek_threshold_shift(fp.exhausted_threshold_shift * static_cast<double>(exhausted) / static_cast<double>(kSiloCount));
}

void Municipality::elect(std::int32_t tick) {
  engine::RandomStream s(key_, static_cast<std::uint32_t>(alderman_.term + 1), engine::Tick{tick}, kPurposeElection);
  alderman_.term += 1;
  alderman_.elected_tick = tick;
  alderman_.continues_reallocation = engine::bernoulli(s, p_->funding.policy_continuity);
  for (double& w : alderman_.priority) w = engine::uniform(s, 0.5, 1.5);
}

}  // namespace wijksim::models
