#include "wijksim/models/care_system.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <numeric>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/random_purpose.hpp"

namespace wijksim::models {
namespace {

/// Domains a GP, school or police officer sees (finances, housing and loneliness stay hidden
/// from referrers).
constexpr bool referrers_see(std::size_t d) noexcept {
  const auto domain = static_cast<Domain>(d);
  return domain == Domain::family || domain == Domain::mental_health || domain == Domain::physical_health ||
         domain == Domain::addiction || domain == Domain::work_daytime;
}

using Severities = std::array<std::span<const float>, kDomainCount>;  // per domain, resident-slot-indexed

Severities severities(const Population& pop) {
  Severities sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = pop.residents.values(pop.r.severity[d]);
  return sev;
}

/// Domains in which some of `members` is at or above `threshold`.
std::uint8_t household_mask(const Severities& sev, std::span<const std::uint32_t> members, float threshold) {
  std::uint8_t mask = 0;
  for (const std::uint32_t m : members) {
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      if (sev[d][m] >= threshold) mask = static_cast<std::uint8_t>(mask | domain_bit(d));
    }
  }
  return mask;
}

/// Domains (bits) in which resident slot `m` is not below `threshold` (branch-free: which
/// domains are set is unpredictable).
unsigned concern_mask(const Severities& sev, std::uint32_t m, float threshold) noexcept {
  unsigned mask = 0;
  for (std::size_t d = 0; d < kDomainCount; ++d) mask |= static_cast<unsigned>(!(sev[d][m] < threshold)) << d;
  return mask;
}

bool episode_before(const CareEpisode& a, const CareEpisode& b) noexcept {
  return a.priority > b.priority || (a.priority == b.priority && a.id < b.id);
}

}  // namespace

CareSystem::CareSystem(const Parameters& parameters, Population& population, engine::RandomKey key)
    : p_(&parameters), population_(&population), key_(key) {
  pc_.organisation = professionals_.add_column<std::uint16_t>("organisation");
  pc_.home_domain = professionals_.add_column<std::uint8_t>("home_domain");
  pc_.hired_tick = professionals_.add_column<std::int32_t>("hired_tick");
  pc_.caseload = professionals_.add_column<std::uint16_t>("caseload");
  residents_at_start_ = static_cast<double>(population.residents.size());
  orgs_ = build_organisations(parameters.care, population.neighbourhood_count, residents_at_start_);
  // Staff at the start: specialists with years of tenure; a team (if any) is new (MODEL.md §7:
  // generalists mature slowly), so its members start at tick 0.
  for (std::uint16_t o = 0; o < orgs_.size(); ++o) {
    const auto staff = static_cast<int>(std::lround(orgs_[o].target_fte));
    for (int k = 0; k < staff; ++k) {
      engine::RandomStream s(key_, static_cast<std::uint32_t>(o) * 4096U + static_cast<std::uint32_t>(k), engine::Tick{0}, kPurposeStaffing);
      const std::int32_t hired = orgs_[o].is_team ? 0 : -static_cast<std::int32_t>(engine::uniform_index(s, 520));
      hire(o, hired, static_cast<std::uint32_t>(o) * 4096U + static_cast<std::uint32_t>(k));
    }
  }
  refresh_household_counts();
  capacity_factor_.assign(orgs_.size(), 1.0);
}

void CareSystem::set_capacity_factor(std::uint16_t org, double factor) {
  capacity_factor_.at(org) = std::clamp(factor, 0.0, 1.0);
}

void CareSystem::retender(std::uint16_t org, double share, std::int32_t tick) {
  const auto organisation = professionals_.values(pc_.organisation);
  std::vector<std::size_t> staff;
  for (std::size_t slot = 0; slot < professionals_.size(); ++slot) {
    if (organisation[slot] == org) staff.push_back(slot);
  }
  const auto leaving = static_cast<std::size_t>(std::lround(share * static_cast<double>(staff.size())));
  for (std::size_t k = 0; k < leaving && k < staff.size(); ++k) professionals_.mark_removed(staff[k]);
  if (professionals_.pending_removals() == 0) return;
  (void)professionals_.commit();
  for (std::size_t k = 0; k < leaving; ++k) hire(org, tick, static_cast<std::uint32_t>(professionals_.size()) * 131U + org);
  reassign_orphans();
}

void CareSystem::hire(std::uint16_t org, std::int32_t tick, std::uint32_t entity) {
  (void)professionals_.spawn();
  const std::size_t slot = professionals_.size() - 1;
  professionals_.values(pc_.organisation)[slot] = org;
  professionals_.values(pc_.hired_tick)[slot] = tick;
  std::uint8_t home = static_cast<std::uint8_t>(orgs_[org].domain);
  if (orgs_[org].is_team) {
    // A generalist comes from one of the specialist disciplines (S0:L299).
    engine::RandomStream s(key_, entity, engine::Tick{tick}, kPurposeHire);
    home = static_cast<std::uint8_t>(engine::uniform_index(s, static_cast<std::uint32_t>(kDomainCount - 1)));
  }
  professionals_.values(pc_.home_domain)[slot] = home;
}

CareYear& CareSystem::year(std::int32_t tick) {
  const auto y = static_cast<std::size_t>(tick / 52);
  if (years_.size() <= y) years_.resize(y + 1);
  return years_[y];
}

void CareSystem::reset_buffers(std::size_t blocks) {
  requests_.resize(blocks);
  for (auto& r : requests_) r.clear();
}

std::span<const std::uint8_t> CareSystem::professionals_per_household() const noexcept {
  assert(!tallies_stale_);
  return professionals_per_household_.values();
}

double CareSystem::knowledge(std::size_t slot, std::int32_t tick) const noexcept {
  const double years = static_cast<double>(tick - professionals_.values(pc_.hired_tick)[slot]) / kWeeksPerYear;
  return 1.0 - std::exp(-std::max(0.0, years) / p_->care.knowledge_years);
}

double CareSystem::maturity(std::size_t slot, std::int32_t tick) const noexcept {
  const double years = static_cast<double>(tick - professionals_.values(pc_.hired_tick)[slot]) / kWeeksPerYear;
  return std::clamp(years / p_->care.generalist_maturity_years, 0.0, 1.0);
}

void CareSystem::demand(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  assert(!tallies_stale_);
  const auto& cp = p_->care;
  const Population& pop = *population_;
  const auto& r = pop.r;
  const auto& h = pop.h;
  const auto trust = pop.residents.values(r.trust);
  const auto reluctance = pop.residents.values(r.reluctance);
  const auto care_mask = pop.residents.values(r.care_mask);
  const auto volunteer = pop.residents.values(r.is_volunteer);
  const auto team_covered = pop.households.values(h.team_covered);
  const auto neighbourhood = pop.households.values(h.neighbourhood);
  const auto worst_severity = pop.households.values(h.worst_severity);
  const Severities sev = severities(pop);
  const auto seek = static_cast<float>(std::min(1.0, cp.seek_threshold + seek_threshold_shift_));
  const float low = std::min(seek, kVulnerableSeverity);  // below both: neither in trouble nor asking
  const std::size_t first_team = orgs_.size() - pop.neighbourhood_count;
  auto& out = requests_[block.index];
  for (std::size_t hh = block.begin; hh < block.end; ++hh) {
    if (team_covered[hh] != 0) continue;  // the team holds the plan and brings in specialists itself
    // Nobody at or above the lower threshold in any domain (about half the households): no
    // concern below, so no draw, request or outreach. Severities have not changed since the
    // household aggregates took the maximum this tick (no phase between them writes one).
    if (worst_severity[hh] < low) {
      assert(std::ranges::none_of(pop.members(hh), [&](std::uint32_t m) { return concern_mask(sev, m, low) != 0; }) &&
             "a severity rose after the household aggregates took the maximum");
      continue;
    }
    const Organisation& team = orgs_[first_team + neighbourhood[hh]];
    const bool has_team = team.target_fte > 0.0;
    // A household already seen by a specialist gets referred onward, domain by domain: each
    // silo sends what is not its own to the next silo (MODEL.md §7, S2:L523).
    const double onward = professionals_per_household_.size() > hh && professionals_per_household_[hh] > 0 ? cp.cross_referral_per_week : 0.0;
    engine::RandomStream s = ctx.stream(pop.households.id_at(hh).value(), kPurposeSeekHelp);
    bool in_trouble = false;  // someone vulnerable: what outreach and finders can spot early
    bool asked_team = false;
    float worst = 0.0F;
    std::uint32_t worst_member = 0;
    for (const std::uint32_t m : pop.members(hh)) {
      // Only domains at or above the lower threshold can count (most members have none).
      for (unsigned concern = concern_mask(sev, m, low); concern != 0 && !asked_team; concern &= concern - 1U) {
        const auto d = static_cast<std::size_t>(std::countr_zero(concern));
        const float severity = sev[d][m];
        if (severity >= kVulnerableSeverity) {
          in_trouble = true;
          if (severity > worst) {
            worst = severity;
            worst_member = m;
          }
        }
        if (severity < seek) continue;
        if ((care_mask[m] & domain_bit(d)) != 0) continue;
        const double p_self = cp.seek_per_week * static_cast<double>(severity) * static_cast<double>(trust[m]) *
                              (1.0 - static_cast<double>(reluctance[m]));
        const double p_referral = (referrers_see(d) ? cp.referral_per_week * static_cast<double>(severity - seek) / (1.0 - cp.seek_threshold) : 0.0) + onward;
        const double u = engine::uniform01(s);
        AccessRoute route{};
        if (u < p_self) {
          route = AccessRoute::self;
        } else if (u < p_self + p_referral) {
          route = AccessRoute::referral;
        } else {
          continue;
        }
        // The front door: as far as care is integrated, access goes through the team; the rest
        // goes straight to the domain's specialist. GPs, schools and police report to a team
        // only as far as they see its added value (S0:L305); with a single front door, a
        // referral they do not make to the team is not made at all.
        const bool to_team = has_team && engine::bernoulli(s, cp.integration);
        if (to_team && route == AccessRoute::referral && !engine::bernoulli(s, team.legitimacy)) continue;
        if (!to_team && !cp.specialist[d].exists) continue;  // nobody's job (S2 SF4)
        out.push_back(CareRequest{static_cast<std::uint32_t>(hh), m, static_cast<std::uint8_t>(d), route, to_team, severity});
        asked_team = to_team;
      }
      if (asked_team) break;
    }
    // Outreach: the team and its informal finders find households in trouble who did not ask
    // (S4 SF18); volunteers among the household's ties make finding likelier.
    if (!asked_team && in_trouble && has_team && cp.outreach > 0.0) {
      double ties = 0.0;
      double finders = 0.0;
      for (const std::uint32_t m : pop.members(hh)) {
        pop.network.for_each_neighbour(m, [&](std::uint32_t t, std::uint8_t, float) {
          ties += 1.0;
          finders += volunteer[t];
        });
      }
      const double finder_share = ties > 0.0 ? finders / ties : 0.0;
      const double boost = effects_ != nullptr && neighbourhood[hh] < effects_->by_neighbourhood.size()
                               ? static_cast<double>(effects_->by_neighbourhood[neighbourhood[hh]].finder_boost)
                               : 0.0;
      engine::RandomStream o = ctx.stream(pop.households.id_at(hh).value(), kPurposeOutreach);
      if (engine::bernoulli(o, cp.outreach * cp.outreach_detection_per_week * (0.5 + finder_share) * (1.0 + boost))) {
        out.push_back(CareRequest{static_cast<std::uint32_t>(hh), worst_member, 0, AccessRoute::outreach, true, worst});
      }
    }
  }
}

void CareSystem::admit(engine::PhaseContext& ctx) {
  assert(!tallies_stale_);
  const std::int32_t tick = ctx.tick().value();
  CareYear& y = year(tick);
  episode_events_.clear();
  events_tick_ = tick;
  count_open_episodes();
  take_requests(tick, y);
  bring_in_specialists(tick, y);
  // The tallies follow each intake (work_waiting_lists) and each specialist coming under a plan
  // (start_treatments); a specialist handing over leaves a gap in the episodes: recount.
  changed_households_.clear();
  work_waiting_lists(ctx, y);
  if (start_treatments(tick, y)) {
    refresh_household_counts();
  } else {
    for (const std::uint32_t hh : changed_households_) set_coordination_hours(hh);
  }
}

std::array<int, kDomainCount> CareSystem::specialist_orgs() const noexcept {
  std::array<int, kDomainCount> org{};
  org.fill(-1);
  const std::size_t first_team = orgs_.size() - population_->neighbourhood_count;
  for (std::size_t o = 0; o < first_team; ++o) org[index(orgs_[o].domain)] = static_cast<int>(o);
  return org;
}

void CareSystem::count_open_episodes() {
  const Population& pop = *population_;
  open_.clear(pop.households.size());
  for (const auto& e : episodes_) {
    if (const auto slot = pop.households.slot_of(HouseholdId{e.household})) ++open_.touch(*slot);
  }
}

void CareSystem::open_episode(std::size_t hh, CareEpisode e, std::int32_t tick, CareYear& y) {
  Population& pop = *population_;
  const auto trust = pop.residents.values(pop.r.trust);
  auto engagement = pop.households.values(pop.h.engagement);
  e.id = next_episode_id_++;
  e.household = pop.households.id_at(hh).value();
  e.requested_tick = tick;
  if (open_[hh] == 0) {
    y.first_contacts += 1.0;
    double t = 0.0;
    for (const std::uint32_t m : pop.members(hh)) t += static_cast<double>(trust[m]);
    engagement[hh] = static_cast<float>(t / static_cast<double>(std::max<std::size_t>(1, pop.members(hh).size())));
  } else {
    // Another intake, another assessment: goodwill wears thin (MODEL.md §7).
    engagement[hh] = std::max(0.0F, engagement[hh] - static_cast<float>(p_->care.assessment_fatigue));
  }
  ++open_.touch(hh);
  y.new_episodes[static_cast<std::size_t>(e.route)] += 1.0;
  episodes_.push_back(e);
  episode_events_.push_back(EpisodeEvent{tick, EpisodeEventKind::started, e});
}

void CareSystem::take_requests(std::int32_t tick, CareYear& y) {
  const auto& cp = p_->care;
  Population& pop = *population_;
  auto care_mask = pop.residents.values(pop.r.care_mask);
  auto team_covered = pop.households.values(pop.h.team_covered);
  const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
  const Severities sev = severities(pop);
  const std::size_t first_team = orgs_.size() - pop.neighbourhood_count;
  const auto specialist_org = specialist_orgs();
  for (auto& buffer : requests_) {
    for (const CareRequest& q : buffer) {
      const std::size_t hh = q.household;
      if (q.to_team) {
        if (team_covered[hh] != 0) continue;
        const auto team = static_cast<std::uint16_t>(first_team + neighbourhood[hh]);
        CareEpisode e;
        e.organisation = team;
        e.domains = household_mask(sev, pop.members(hh), q.route == AccessRoute::outreach ? kVulnerableSeverity : static_cast<float>(cp.seek_threshold));
        e.route = q.route;
        e.shared_plan = 1;
        e.priority = q.priority;
        if (e.domains == 0) continue;
        team_covered[hh] = 1;
        open_episode(hh, e, tick, y);
      } else {
        const int org = specialist_org[q.domain];
        if (org < 0 || orgs_[static_cast<std::size_t>(org)].target_fte <= 0.0) continue;
        if ((care_mask[q.resident] & domain_bit(q.domain)) != 0) continue;
        if (open_[hh] >= cp.max_professionals_per_household) continue;
        CareEpisode e;
        e.organisation = static_cast<std::uint16_t>(org);
        e.resident = pop.residents.id_at(q.resident).value();
        e.domains = domain_bit(q.domain);
        e.route = q.route;
        e.priority = q.priority;
        care_mask[q.resident] = static_cast<std::uint8_t>(care_mask[q.resident] | domain_bit(q.domain));
        open_episode(hh, e, tick, y);
      }
    }
    buffer.clear();
  }
}

void CareSystem::bring_in_specialists(std::int32_t tick, CareYear& y) {
  // The coordinator brings in a specialist for the hard share (S4 SF2), within the cap, and
  // keeps the plan (shared_plan).
  const auto& cp = p_->care;
  Population& pop = *population_;
  auto care_mask = pop.residents.values(pop.r.care_mask);
  const Severities sev = severities(pop);
  const auto specialist_org = specialist_orgs();
  const std::size_t existing = episodes_.size();
  for (std::size_t i = 0; i < existing; ++i) {
    const CareEpisode team_episode = episodes_[i];  // a copy: open_episode() appends to episodes_
    if (!orgs_[team_episode.organisation].is_team || team_episode.state != EpisodeState::active) continue;
    const auto hh = pop.households.slot_of(HouseholdId{team_episode.household});
    if (!hh) continue;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      if ((team_episode.domains & domain_bit(d)) == 0 || specialist_org[d] < 0) continue;
      if (open_[*hh] >= cp.max_professionals_per_household) break;
      float worst = 0.0F;
      std::uint32_t who = kNobody;
      for (const std::uint32_t m : pop.members(*hh)) {
        if (sev[d][m] > worst) {
          worst = sev[d][m];
          who = m;
        }
      }
      if (who == kNobody || worst < static_cast<float>(cp.specialist_threshold) || (care_mask[who] & domain_bit(d)) != 0) continue;
      if (orgs_[static_cast<std::size_t>(specialist_org[d])].target_fte <= 0.0) continue;
      CareEpisode e;
      e.organisation = static_cast<std::uint16_t>(specialist_org[d]);
      e.resident = pop.residents.id_at(who).value();
      e.domains = domain_bit(d);
      e.route = AccessRoute::team_referral;
      e.shared_plan = 1;
      e.priority = worst;
      care_mask[who] = static_cast<std::uint8_t>(care_mask[who] | domain_bit(d));
      open_episode(*hh, e, tick, y);
    }
  }
}

void CareSystem::order_by_priority(std::vector<std::uint32_t>& list, std::size_t count) const {
  const auto before = [this](std::uint32_t a, std::uint32_t b) { return episode_before(episodes_[a], episodes_[b]); };
  if (count >= list.size()) {
    std::sort(list.begin(), list.end(), before);
  } else if (count > 0) {
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(count), list.end(), before);
  }
}

std::size_t CareSystem::hidden_intakes(engine::PhaseContext& ctx, std::size_t org, double slots, std::size_t still_waiting) const {
  // When the official list grows past what workers tolerate, they take intakes they cannot
  // follow up (S2 SF10): off the official list, still no treatment.
  const auto& cp = p_->care;
  const double excess = static_cast<double>(still_waiting) - cp.queue_tolerance * slots;
  if (!(excess > 0.0 && slots > 0.0)) return 0;
  engine::RandomStream s(key_, static_cast<std::uint32_t>(org), ctx.tick(), kPurposeHiddenIntake);
  const double wanted = excess * cp.hidden_intake_per_week;
  auto n = static_cast<std::size_t>(wanted);
  if (engine::bernoulli(s, wanted - static_cast<double>(n))) ++n;
  return std::min(n, still_waiting);
}

void CareSystem::work_waiting_lists(engine::PhaseContext& ctx, CareYear& y) {
  // Waiting lists: each organisation admits by priority up to its caseload slots; hidden
  // intakes first, then the official list, then hidden intakes from what is left on it.
  // Only the episodes taken are put in order (a partial sort: the order of episodes is total).
  const auto& cp = p_->care;
  const std::int32_t tick = ctx.tick().value();
  auto caseload = professionals_.values(pc_.caseload);
  caseload_queues_.build(professionals_.values(pc_.organisation), caseload, orgs_.size());
  waiting_lists_.resize(orgs_.size());
  for (auto& list : waiting_lists_) {
    list.active = 0.0;
    list.hidden.clear();
    list.waiting.clear();
  }
  for (std::size_t e = 0; e < episodes_.size(); ++e) {
    WaitingList& list = waiting_lists_[episodes_[e].organisation];
    switch (episodes_[e].state) {
      case EpisodeState::active: list.active += 1.0; break;
      case EpisodeState::hidden: list.hidden.push_back(static_cast<std::uint32_t>(e)); break;
      case EpisodeState::waiting: list.waiting.push_back(static_cast<std::uint32_t>(e)); break;
    }
  }
  next_in_household_.resize(episodes_.size(), kNobody);  // room for this tick's new episodes
  worker_in_household_.resize(episodes_.size(), kNobody);
  const auto take_intake = [&](CareEpisode& ep) {
    ep.intake_tick = tick;
    y.intakes += 1.0;
    y.official_wait_weeks += tick - ep.requested_tick;
    const Organisation& org = orgs_[ep.organisation];
    ledger_.add(tick, org.payer, org.is_team ? Tier::generalist : Tier::specialist, cp.assessment_hours * org.hourly_cost);
    const std::uint32_t slot = caseload_queues_.take(ep.organisation, caseload);
    if (slot != CaseloadQueues::kNone) ep.professional = professionals_.id_at(slot).value();
  };
  // Places while `free` (whole slots) lasts, at most `available`.
  const auto places = [](double& free, std::size_t available) {
    std::size_t n = 0;
    for (; n < available && free >= 1.0; ++n) free -= 1.0;
    return n;
  };
  for (std::size_t o = 0; o < orgs_.size(); ++o) {
    WaitingList& list = waiting_lists_[o];
    const double staff = static_cast<double>(caseload_queues_.staff(o));
    const double slots = std::floor(staff * orgs_[o].caseload_per_fte * capacity_factor_[o]);
    double free = slots - list.active;
    const std::size_t resumed = places(free, list.hidden.size());
    order_by_priority(list.hidden, resumed);
    for (std::size_t k = 0; k < resumed; ++k) episodes_[list.hidden[k]].state = EpisodeState::active;
    const std::size_t admitted = places(free, list.waiting.size());
    const std::size_t taken = admitted + hidden_intakes(ctx, o, slots, list.waiting.size() - admitted);
    order_by_priority(list.waiting, taken);
    for (std::size_t k = 0; k < taken; ++k) {
      CareEpisode& ep = episodes_[list.waiting[k]];
      take_intake(ep);
      ep.state = k < admitted ? EpisodeState::active : EpisodeState::hidden;
      if (const auto hh = population_->households.slot_of(HouseholdId{ep.household})) {
        join_household(list.waiting[k], *hh);
        changed_households_.push_back(static_cast<std::uint32_t>(*hh));
      }
    }
  }
}

bool CareSystem::start_treatments(std::int32_t tick, CareYear& y) {
  new_plans_.clear();  // households whose team plan starts now
  for (auto& ep : episodes_) {
    if (ep.state == EpisodeState::active && ep.first_treatment_tick < 0) {
      ep.first_treatment_tick = tick;
      y.first_treatments += 1.0;
      y.real_wait_weeks += tick - ep.requested_tick;
      y.admissions += 1.0;
      if (orgs_[ep.organisation].is_team) new_plans_.push_back(ep.household);
    }
  }
  return !new_plans_.empty() && join_plans(tick, y);
}

bool CareSystem::join_plans(std::int32_t tick, CareYear& y) {
  // One household, one plan: when the coordinator starts, the specialists already involved
  // come under the plan, the most needed first, up to the cap on professionals; the others
  // hand over to the coordinator (MODEL.md §7). Households in id order (a household has one
  // team episode, so each comes once); one pass over the episodes finds the specialists.
  const auto& cp = p_->care;
  Population& pop = *population_;
  auto care_mask = pop.residents.values(pop.r.care_mask);
  std::sort(new_plans_.begin(), new_plans_.end());
  involved_.clear();  // (index in new_plans_, episode index)
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    const auto& ep = episodes_[i];
    if (orgs_[ep.organisation].is_team) continue;
    const auto plan = std::lower_bound(new_plans_.begin(), new_plans_.end(), ep.household);
    if (plan == new_plans_.end() || *plan != ep.household) continue;
    involved_.emplace_back(static_cast<std::uint32_t>(plan - new_plans_.begin()), static_cast<std::uint32_t>(i));
  }
  std::sort(involved_.begin(), involved_.end(), [this](const auto& a, const auto& b) {
    return a.first < b.first || (a.first == b.first && episode_before(episodes_[a.second], episodes_[b.second]));
  });
  const auto keep = static_cast<std::size_t>(std::max(0, cp.max_professionals_per_household - 1));
  bool handed_over = false;
  for (std::size_t k = 0, rank = 0; k < involved_.size(); ++k, ++rank) {
    if (k > 0 && involved_[k].first != involved_[k - 1].first) rank = 0;  // the next household
    CareEpisode& ep = episodes_[involved_[k].second];
    if (rank < keep) {
      ep.shared_plan = 1;
      if (const auto hh = pop.households.slot_of(HouseholdId{ep.household})) changed_households_.push_back(static_cast<std::uint32_t>(*hh));
      continue;
    }
    handed_over = true;
    if (ep.resident != kNobody) {
      if (const auto client = pop.residents.slot_of(ResidentId{ep.resident})) {
        care_mask[*client] = static_cast<std::uint8_t>(care_mask[*client] & ~ep.domains);
      }
    }
    episode_events_.push_back(EpisodeEvent{tick, EpisodeEventKind::ended, ep});
    ep.organisation = UINT16_MAX;  // handed over: removed below
  }
  if (!handed_over) return false;
  std::size_t kept = 0;
  for (const auto& ep : episodes_) {
    if (ep.organisation != UINT16_MAX) {
      episodes_[kept++] = ep;
    } else {
      y.endings += 1.0;
    }
  }
  episodes_.resize(kept);
  return true;
}

void CareSystem::refresh_household_counts() {
  const Population& pop = *population_;
  const std::size_t households = pop.households.size();
  auto caseload = professionals_.values(pc_.caseload);
  std::fill(caseload.begin(), caseload.end(), std::uint16_t{0});
  professionals_per_household_.clear(households);
  first_in_household_.resize(households);
  next_in_household_.assign(episodes_.size(), kNobody);
  worker_in_household_.assign(episodes_.size(), kNobody);
  for (std::size_t k = 0; k < episodes_.size(); ++k) {
    const CareEpisode& e = episodes_[k];
    if (e.state == EpisodeState::waiting) continue;
    const auto hh = pop.households.slot_of(HouseholdId{e.household});
    if (!hh) continue;
    if (const auto slot = professionals_.slot_of(ProfessionalId{e.professional})) ++caseload[*slot];
    join_household(k, *hh);
  }
  coordination_hours_.clear(households);
  for (const std::uint32_t hh : professionals_per_household_.listed()) set_coordination_hours(hh);
  tallies_stale_ = false;
}

inline void CareSystem::join_household(std::size_t k, std::size_t hh) {
  // Distinct professionals per household: two clients of one worker in a household count once;
  // an episode past intake without a worker counts as its organisation. Each household's
  // episodes — a handful — are chained, and a new one is compared with those before it.
  const CareEpisode& e = episodes_[k];
  const std::uint32_t worker = e.professional == kNobody ? kNobody - e.organisation : e.professional;
  worker_in_household_[k] = worker;
  std::uint8_t& count = professionals_per_household_.touch(hh);
  bool seen = false;
  if (count > 0) {
    for (std::uint32_t j = first_in_household_[hh]; j != kNobody && !seen; j = next_in_household_[j]) {
      seen = worker_in_household_[j] == worker;
    }
    next_in_household_[k] = first_in_household_[hh];
  }
  first_in_household_[hh] = static_cast<std::uint32_t>(k);
  if (!seen && count < UINT8_MAX) ++count;
}

void CareSystem::set_coordination_hours(std::size_t hh) {
  // Coordination around a household (S2 SF2): without a shared plan it grows faster than the
  // number of workers; with one plan and one coordinator it grows linearly and stays small.
  const int n = professionals_per_household_[hh];
  if (n < 2) return;
  const auto& cp = p_->care;
  if (!(coordination_growth_exponent_ == cp.coordination_exponent)) {
    // pow(extra workers, exponent) for each possible count, once per exponent.
    coordination_growth_exponent_ = cp.coordination_exponent;
    for (std::size_t extra = 1; extra < coordination_growth_.size(); ++extra) {
      coordination_growth_[extra] = std::pow(static_cast<double>(extra), cp.coordination_exponent);
    }
  }
  bool shared = false;
  for (std::uint32_t k = first_in_household_[hh]; k != kNobody && !shared; k = next_in_household_[k]) {
    shared = episodes_[k].shared_plan != 0;
  }
  const double extra = static_cast<double>(n - 1);
  coordination_hours_.touch(hh) = static_cast<float>(shared ? 0.5 * cp.coordination_hours_base * extra
                                                            : cp.coordination_hours_base * coordination_growth_[static_cast<std::size_t>(n - 1)]);
}

std::uint8_t CareSystem::verdict(std::size_t i, engine::Tick tick, const VerdictInputs& in) {
  const auto& cp = p_->care;
  const Population& pop = *population_;
  CareEpisode& e = episodes_[i];
  const auto hh = pop.households.slot_of(HouseholdId{e.household});
  if (!hh) return ended_as(EpisodeEventKind::left);
  float worst = 0.0F;
  const auto consider = [&](std::uint32_t m) {
    for (unsigned domains = e.domains; domains != 0; domains &= domains - 1U) {
      worst = std::max(worst, in.severity[static_cast<std::size_t>(std::countr_zero(domains))][m]);
    }
  };
  if (e.resident == kNobody) {
    for (const std::uint32_t m : pop.members(*hh)) consider(m);
  } else if (const auto client = pop.residents.slot_of(ResidentId{e.resident})) {
    consider(static_cast<std::uint32_t>(*client));
  } else {
    return ended_as(EpisodeEventKind::left);
  }
  if (e.state != EpisodeState::active) {
    // Resolved while waiting: the request lapses.
    return worst < static_cast<float>(cp.end_threshold) ? ended_as(EpisodeEventKind::lapsed) : kStays;
  }
  const bool specialist = !orgs_[e.organisation].is_team;
  const double incentive = specialist ? cp.per_product_payment : 0.0;  // per-product pay keeps clients longer (S1 SF8)
  e.stable_weeks = worst < static_cast<float>(cp.end_threshold) ? static_cast<std::uint8_t>(std::min(255, e.stable_weeks + 1)) : std::uint8_t{0};
  if (e.stable_weeks >= static_cast<double>(cp.stable_weeks_to_end) * (1.0 + incentive) ||
      e.weeks_active >= static_cast<double>(cp.max_episode_weeks) * (1.0 + 0.5 * incentive)) {
    return ended_as(EpisodeEventKind::ended);
  }
  // Drop-out: low engagement, and the household's share of coordinating its helpers.
  engine::RandomStream s(key_, e.id, tick, kPurposeDropout);
  const double burden = static_cast<double>(coordination_hours_[*hh]) * (e.shared_plan != 0 ? 0.2 : 1.0);
  const double hazard = cp.dropout_per_week * (1.0 - static_cast<double>(in.engagement[*hh])) + cp.dropout_per_coordination_hour * burden;
  return engine::bernoulli(s, hazard) ? ended_as(EpisodeEventKind::dropped_out) : kStays;
}

void CareSystem::conclude(engine::PhaseContext& ctx) {
  assert(!tallies_stale_);
  Population& pop = *population_;
  const auto& r = pop.r;
  const auto& h = pop.h;
  CareYear& y = year(ctx.tick().value());
  // Each episode's verdict reads only its own episode, household, client and stream (and
  // writes only the episode's stable weeks): in parallel blocks of episodes. The events and
  // counts follow in episode order.
  VerdictInputs in;
  for (std::size_t d = 0; d < kDomainCount; ++d) in.severity[d] = pop.residents.values(r.severity[d]);
  in.engagement = pop.households.values(h.engagement);
  ended_.assign(episodes_.size(), kStays);
  ctx.for_each_block(episodes_.size(), kEpisodesPerBlock, [&](const engine::BlockRange& b) {
    for (std::size_t i = b.begin; i < b.end; ++i) ended_[i] = verdict(i, ctx.tick(), in);
  });
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    if (ended_[i] == kStays) continue;
    const auto why = static_cast<EpisodeEventKind>(ended_[i] - 1);
    if (why == EpisodeEventKind::ended) y.endings += 1.0;  // whole numbers: exact in any order
    if (why == EpisodeEventKind::dropped_out) y.dropouts += 1.0;
    episode_events_.push_back(EpisodeEvent{events_tick_, why, episodes_[i]});
  }
  auto care_mask = pop.residents.values(r.care_mask);
  auto team_covered = pop.households.values(h.team_covered);
  std::size_t out = 0;
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    const CareEpisode& e = episodes_[i];
    if (ended_[i] == kStays) {
      if (out != i) episodes_[out] = e;  // (most stay where they are)
      ++out;
      continue;
    }
    if (e.resident != kNobody) {
      if (const auto client = pop.residents.slot_of(ResidentId{e.resident})) {
        care_mask[*client] = static_cast<std::uint8_t>(care_mask[*client] & ~e.domains);
      }
    } else if (const auto hh = pop.households.slot_of(HouseholdId{e.household})) {
      team_covered[*hh] = 0;
    }
  }
  episodes_.resize(out);
  tallies_stale_ = true;  // recounted by follow_demography(), which comes next in the tick
}

void CareSystem::follow_demography() {
  Population& pop = *population_;
  std::size_t out = 0;
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    const CareEpisode& e = episodes_[i];
    const bool household_left = !pop.households.contains(HouseholdId{e.household});
    const bool client_left = e.resident != kNobody && !pop.residents.contains(ResidentId{e.resident});
    if (!household_left && !client_left) {
      if (out != i) episodes_[out] = e;  // (most stay where they are)
      ++out;
    } else {
      episode_events_.push_back(EpisodeEvent{events_tick_, EpisodeEventKind::left, e});
    }
  }
  episodes_.resize(out);
  refresh_household_counts();
}

void CareSystem::workforce(engine::PhaseContext& ctx) {
  assert(!tallies_stale_);
  const auto& cp = p_->care;
  const std::int32_t tick = ctx.tick().value();
  const auto organisation = professionals_.values(pc_.organisation);
  for (std::size_t slot = 0; slot < professionals_.size(); ++slot) {
    engine::RandomStream s(key_, professionals_.id_at(slot).value(), ctx.tick(), kPurposeWorkforce);
    if (engine::bernoulli(s, cp.turnover_per_year / kWeeksPerYear)) {
      professionals_.mark_removed(slot);
      orgs_[organisation[slot]].hires_due.push_back(tick + cp.vacancy_weeks);
    }
  }
  if (professionals_.pending_removals() > 0) {
    (void)professionals_.commit();
    reassign_orphans();
  }
  for (std::uint16_t o = 0; o < orgs_.size(); ++o) {
    auto& due = orgs_[o].hires_due;
    std::size_t k = 0;
    for (const std::int32_t when : due) {
      if (when <= tick) {
        hire(o, tick, static_cast<std::uint32_t>(professionals_.size()) * 131U + o);
      } else {
        due[k++] = when;
      }
    }
    due.resize(k);
  }
  // (New hires have no clients: the tallies stand.)
  // Team legitimacy follows its members' maturity: GPs and schools learn to refer to a team
  // that knows its work (S0 SF3-SF4).
  const auto staff_org = professionals_.values(pc_.organisation);
  std::vector<double> maturity_sum(orgs_.size(), 0.0), count(orgs_.size(), 0.0);
  for (std::size_t slot = 0; slot < professionals_.size(); ++slot) {
    maturity_sum[staff_org[slot]] += maturity(slot, tick);
    count[staff_org[slot]] += 1.0;
  }
  for (std::size_t o = 0; o < orgs_.size(); ++o) {
    if (!orgs_[o].is_team || count[o] == 0.0) continue;
    const double target = maturity_sum[o] / count[o];
    orgs_[o].legitimacy += cp.legitimacy_growth_per_year / kWeeksPerYear * (target - orgs_[o].legitimacy);
  }
}

void CareSystem::reassign_orphans() {
  // Clients of a leaver go to a colleague and start the relationship again (knowledge leaves
  // with the worker, MODEL.md §6), or back to the waiting list when nobody is left. The
  // caseloads of those who stayed are still their clients (they are kept so at all times).
  auto caseload = professionals_.values(pc_.caseload);
  caseload_queues_.build(professionals_.values(pc_.organisation), caseload, orgs_.size());
  for (auto& e : episodes_) {
    if (e.professional == kNobody || professionals_.contains(ProfessionalId{e.professional})) continue;
    const std::uint32_t slot = caseload_queues_.take(e.organisation, caseload);
    if (slot == CaseloadQueues::kNone) {
      e.professional = kNobody;
      e.state = EpisodeState::waiting;
      continue;
    }
    e.professional = professionals_.id_at(slot).value();
    e.relationship = 0.1F;
  }
  refresh_household_counts();
}

void CareSystem::retarget(std::int32_t tick) {
  assert(!tallies_stale_);
  const auto next = build_organisations(p_->care, population_->neighbourhood_count, residents_at_start_);
  const auto organisation = professionals_.values(pc_.organisation);
  const auto hired = professionals_.values(pc_.hired_tick);
  for (std::uint16_t o = 0; o < orgs_.size(); ++o) {
    Organisation& org = orgs_[o];
    const double legitimacy = org.legitimacy;
    auto due = std::move(org.hires_due);
    org = next[o];
    org.legitimacy = legitimacy;
    const auto target = static_cast<std::size_t>(std::lround(org.target_fte));
    std::vector<std::size_t> staff;
    for (std::size_t slot = 0; slot < professionals_.size(); ++slot) {
      if (organisation[slot] == o) staff.push_back(slot);
    }
    // Newest first out (last in, first out), ties by id: deterministic.
    std::sort(staff.begin(), staff.end(), [&](std::size_t a, std::size_t b) {
      return hired[a] > hired[b] || (hired[a] == hired[b] && a > b);
    });
    std::size_t present = staff.size();
    for (std::size_t k = 0; present > target && k < staff.size(); ++k, --present) professionals_.mark_removed(staff[k]);
    std::sort(due.begin(), due.end());
    while (present + due.size() > target && !due.empty()) due.pop_back();
    while (present + due.size() < target) due.push_back(tick + p_->care.vacancy_weeks);
    org.hires_due = std::move(due);
  }
  if (professionals_.pending_removals() > 0) {
    (void)professionals_.commit();
    reassign_orphans();
  }
  // A switch to one plan per household also reaches those already in care: a household with
  // more professionals than the new cap is handed to its neighbourhood team, whose coordinator
  // then brings the specialists under the plan (as existing clients were transferred to the
  // teams in 2015).
  Population& pop = *population_;
  const std::size_t first_team = orgs_.size() - pop.neighbourhood_count;
  auto team_covered = pop.households.values(pop.h.team_covered);
  const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
  refresh_household_counts();
  for (std::size_t hh = 0; hh < pop.households.size(); ++hh) {
    if (team_covered[hh] != 0 || professionals_per_household_[hh] <= p_->care.max_professionals_per_household) continue;
    const auto team = static_cast<std::uint16_t>(first_team + neighbourhood[hh]);
    if (orgs_[team].target_fte <= 0.0) continue;
    CareEpisode e;
    e.id = next_episode_id_++;
    e.household = pop.households.id_at(hh).value();
    e.organisation = team;
    e.route = AccessRoute::team_referral;
    e.shared_plan = 1;
    e.requested_tick = tick;
    for (const auto& other : episodes_) {
      if (other.household == e.household) {
        e.domains = static_cast<std::uint8_t>(e.domains | other.domains);
        e.priority = std::max(e.priority, other.priority);
      }
    }
    team_covered[hh] = 1;
    episode_events_.push_back(EpisodeEvent{tick, EpisodeEventKind::started, e});
    episodes_.push_back(e);
  }
}

void CareSystem::book_incident(IncidentKind kind, std::int32_t tick) {
  const auto k = static_cast<std::size_t>(kind);
  ledger_.add(tick, p_->care.incident_payer[k], Tier::incidents, p_->care.incident_cost[k]);
}

}  // namespace wijksim::models
