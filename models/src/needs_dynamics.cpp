#include "wijksim/models/needs_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/resident_factory.hpp"

namespace wijksim::models {
namespace {

constexpr double kWeeksPerYear = 52.0;
constexpr float kChildAge = 18.0F;

// Age factors of the life events and the applicability of each domain, tabulated by whole
// year of age (0..120): the hot loop reads a table instead of calling exp() eight times.
constexpr std::size_t kAges = 121;
struct AgeTables {
  std::array<double, kAges> illness{};
  std::array<double, kAges> bereavement{};
  std::array<std::array<std::array<float, kDomainCount>, kHouseholdKindCount>, kAges> applies{};
  AgeTables() {
    for (std::size_t age = 0; age < kAges; ++age) {
      const double a = static_cast<double>(age) + 0.5;
      illness[age] = std::exp(0.03 * (a - 40.0));
      bereavement[age] = std::exp(0.04 * (a - 40.0));
      for (std::size_t k = 0; k < kHouseholdKindCount; ++k) {
        for (std::size_t d = 0; d < kDomainCount; ++d) {
          applies[age][k][d] = std::min(1.0F, domain_applicability(static_cast<Domain>(d), static_cast<float>(a),
                                                                   static_cast<HouseholdKind>(k)));
        }
      }
    }
  }
};
const AgeTables& tables() {
  static const AgeTables t;
  return t;
}
std::size_t whole_age(float age) noexcept {
  return static_cast<std::size_t>(std::clamp(age, 0.0F, static_cast<float>(kAges - 1)));
}

bool is_couple(HouseholdKind k) noexcept {
  return k == HouseholdKind::couple || k == HouseholdKind::couple_with_children || k == HouseholdKind::elderly_couple;
}

struct ShockShare {
  Domain domain;
  float share;
};
// Where each life event lands: the main domain takes the whole shock, others a share
// (assumption, after MODEL.md §4: "each hitting one or more domains").
constexpr ShockShare kJobLoss[] = {{Domain::work_daytime, 1.0F}, {Domain::finances, 0.5F}, {Domain::mental_health, 0.3F}};
constexpr ShockShare kIllness[] = {{Domain::physical_health, 1.0F}, {Domain::work_daytime, 0.3F}, {Domain::mental_health, 0.2F}};
constexpr ShockShare kSeparation[] = {{Domain::family, 1.0F}, {Domain::housing, 0.5F}, {Domain::mental_health, 0.5F}, {Domain::finances, 0.3F}};
constexpr ShockShare kBereavement[] = {{Domain::mental_health, 1.0F}, {Domain::social_network, 0.6F}};
constexpr ShockShare kDebtShock[] = {{Domain::finances, 1.0F}, {Domain::mental_health, 0.3F}};
constexpr ShockShare kEvictionNotice[] = {{Domain::housing, 1.0F}, {Domain::mental_health, 0.3F}};

std::span<const ShockShare> shares_of(std::size_t event) noexcept {
  switch (static_cast<LifeEvent>(event)) {
    case LifeEvent::job_loss: return kJobLoss;
    case LifeEvent::illness: return kIllness;
    case LifeEvent::separation: return kSeparation;
    case LifeEvent::bereavement: return kBereavement;
    case LifeEvent::debt_shock: return kDebtShock;
    case LifeEvent::eviction_notice: return kEvictionNotice;
  }
  return {};
}

}  // namespace

std::array<double, kLifeEventCount> life_event_probabilities(const NeedsState& s, const NeedsParameters& p) noexcept {
  std::array<double, kLifeEventCount> prob{};
  if (s.age < kChildAge) return prob;
  const double age = s.age;
  const auto rate = [&](LifeEvent e) { return p.event_rate_per_year[static_cast<std::size_t>(e)] / kWeeksPerYear; };
  const auto sev = [&](Domain d) { return static_cast<double>(s.severity[index(d)]); };
  if (age < 67.0) prob[0] = rate(LifeEvent::job_loss) * (1.0 + 2.0 * sev(Domain::work_daytime));
  const auto& t = tables();
  const std::size_t years = whole_age(s.age);
  prob[1] = rate(LifeEvent::illness) * t.illness[years];
  if (is_couple(s.household_kind) && age >= 20.0 && age < 66.0) prob[2] = rate(LifeEvent::separation);
  prob[3] = rate(LifeEvent::bereavement) * t.bereavement[years];
  prob[4] = rate(LifeEvent::debt_shock) * (1.0 + 3.0 * sev(Domain::finances));
  if (sev(Domain::finances) >= static_cast<double>(kTroubleSeverity)) prob[5] = rate(LifeEvent::eviction_notice);
  for (double& q : prob) q = std::min(q, 1.0);
  return prob;
}

void apply_life_event(NeedsState& s, std::size_t event, const NeedsParameters& p) noexcept {
  const auto shock = static_cast<float>(p.event_shock[event]);
  for (const ShockShare& share : shares_of(event)) {
    const auto d = index(share.domain);
    const float applies = domain_applicability(share.domain, s.age, s.household_kind);
    s.severity[d] = std::min(1.0F, s.severity[d] + shock * share.share * std::min(1.0F, applies));
  }
}

bool incident_for(Domain domain, float age, IncidentKind& kind) noexcept {
  switch (domain) {
    case Domain::housing:
      if (age < kChildAge) return false;
      kind = IncidentKind::eviction;
      return true;
    case Domain::family:
      kind = age < kChildAge ? IncidentKind::out_of_home_placement : IncidentKind::police_callout;
      return true;
    case Domain::mental_health:
      kind = IncidentKind::crisis_admission;
      return true;
    case Domain::addiction:
      kind = IncidentKind::police_callout;
      return true;
    default:
      return false;
  }
}

NeedsOutcome advance_needs(NeedsState& s, const NeedsParameters& p, const InformalParameters& ip,
                           engine::RandomStream& stream) noexcept {
  NeedsOutcome outcome;
  // Life events: one draw decides whether any happens and which (events are rare).
  if (s.age >= kChildAge) {
    const auto prob = life_event_probabilities(s, p);
    double total = 0.0;
    for (const double q : prob) total += q;
    const double u = engine::uniform01(stream);
    if (u < total) {
      double acc = 0.0;
      for (std::size_t e = 0; e < kLifeEventCount; ++e) {
        acc += prob[e];
        if (u < acc) {
          apply_life_event(s, e, p);
          outcome.life_event = e;
          break;
        }
      }
    }
  }

  std::array<float, kDomainCount> delta{};
  const auto& applies = tables().applies[whole_age(s.age)][static_cast<std::size_t>(s.household_kind)];

  // Cross-domain spillover: a domain above the threshold pushes the others it is linked to.
  const auto threshold = static_cast<float>(p.spillover_threshold);
  const auto spill_rate = static_cast<float>(p.spillover_per_week);
  for (std::size_t from = 0; from < kDomainCount; ++from) {
    const float excess = s.severity[from] - threshold;
    if (excess <= 0.0F) continue;
    for (std::size_t to = 0; to < kDomainCount; ++to) {
      delta[to] += spill_rate * static_cast<float>(p.spillover[from][to]) * excess * applies[to];
    }
  }

  // Within the household: adults' trouble lands on the children, and lingers into their
  // baselines when nobody resolves it (S2 SF3).
  if (s.age < kChildAge && s.household_adult_trouble > 0.0F) {
    const float push = static_cast<float>(p.household_spillover_per_week) * s.household_adult_trouble;
    delta[index(Domain::family)] += push;
    delta[index(Domain::mental_health)] += push * applies[index(Domain::mental_health)];
    const float inherit = static_cast<float>(p.intergenerational_per_week) * s.household_adult_trouble;
    for (const Domain d : {Domain::family, Domain::mental_health}) {
      s.baseline[index(d)] = std::min(0.95F, s.baseline[index(d)] + inherit);
    }
  }

  // Informal help works on the lay-helpable share of each domain, in proportion to the need met.
  if (s.hours_needed > 0.0F && s.help_received > 0.0F) {
    const float met = std::min(1.0F, s.help_received / s.hours_needed);
    const auto need_threshold = static_cast<float>(ip.need_threshold);
    const auto efficacy = static_cast<float>(ip.help_efficacy_per_week);
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      const float excess = s.severity[d] - need_threshold;
      if (excess > 0.0F) delta[d] -= efficacy * static_cast<float>(ip.lay_weight[d]) * met * excess;
    }
  }

  // Professional treatment removes a share of the excess severity, and a little of it lasts
  // (the baseline falls).
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const float relief = s.care_relief[d];
    if (relief <= 0.0F) continue;
    // Treatment works on the acute part: it cannot take anyone far below their own baseline
    // (the chronic part moves only through the baseline itself).
    const float floor = std::max(0.1F, s.care_floor_share * s.baseline[d]);
    delta[d] -= relief * std::max(0.0F, s.severity[d] - floor);
    s.baseline[d] -= s.care_baseline_learning * relief * s.baseline[d];
  }

  // Overburdened carers pay with their own health (MODEL.md §5).
  const auto overburden = static_cast<float>(ip.overburden_threshold);
  if (s.burden > overburden) {
    const float harm = static_cast<float>(ip.overburden_harm_per_week) * (s.burden - overburden);
    delta[index(Domain::mental_health)] += harm;
    delta[index(Domain::physical_health)] += harm;
  }

  // Recovery toward the personal baseline, faster with own strength.
  const float drift = static_cast<float>(p.drift_per_week * (1.0 + p.strength_recovery_gain * static_cast<double>(s.own_strength)));
  const float crisis = kCrisisSeverity;
  const float reopen = kCrisisSeverity - static_cast<float>(p.crisis_hysteresis);
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const float gap = s.severity[d] - s.baseline[d];
    delta[d] -= std::min(1.0F, drift) * gap;
    // Projects speed recovery (MODEL.md §8); they never pull anyone back up to their baseline.
    if (s.extra_drift[d] > 0.0F && gap > 0.0F) delta[d] -= std::min(1.0F - std::min(1.0F, drift), s.extra_drift[d]) * gap;
    const float next = std::clamp(s.severity[d] + delta[d], 0.0F, 1.0F);
    const auto bit = static_cast<std::uint8_t>(1U << d);
    if (next >= crisis && (s.crisis_flags & bit) == 0) {
      s.crisis_flags = static_cast<std::uint8_t>(s.crisis_flags | bit);
      outcome.new_crises = static_cast<std::uint8_t>(outcome.new_crises | bit);
    } else if (next < reopen) {
      s.crisis_flags = static_cast<std::uint8_t>(s.crisis_flags & ~bit);
    }
    s.severity[d] = next;
  }
  return outcome;
}

}  // namespace wijksim::models
