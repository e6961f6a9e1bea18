#include "wijksim/models/needs_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/resident_factory.hpp"

namespace wijksim::models {
namespace {

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

namespace {

/// Weekly event probabilities from the few inputs they depend on (see life_event_probabilities).
/// Always inlined: called apart, every adult's call stored the six values one by one and the
/// caller loaded them back two at a time, a stalled store forwarding on each (3% of a run).
[[gnu::always_inline]] inline std::array<double, kLifeEventCount> event_probabilities(
    float age_years, HouseholdKind kind, float work_severity, float finance_severity,
    const std::array<double, kLifeEventCount>& rate) noexcept {
  std::array<double, kLifeEventCount> prob{};
  if (age_years < kChildAge) return prob;
  const double age = age_years;
  const auto sev_work = static_cast<double>(work_severity);
  const auto sev_finances = static_cast<double>(finance_severity);
  const auto e = [](LifeEvent event) { return static_cast<std::size_t>(event); };
  if (age < 67.0) prob[0] = rate[e(LifeEvent::job_loss)] * (1.0 + 2.0 * sev_work);
  const auto& t = tables();
  const std::size_t years = whole_age(age_years);
  prob[1] = rate[e(LifeEvent::illness)] * t.illness[years];
  if (is_couple(kind) && age >= 20.0 && age < 66.0) prob[2] = rate[e(LifeEvent::separation)];
  prob[3] = rate[e(LifeEvent::bereavement)] * t.bereavement[years];
  prob[4] = rate[e(LifeEvent::debt_shock)] * (1.0 + 3.0 * sev_finances);
  if (sev_finances >= static_cast<double>(kTroubleSeverity)) prob[5] = rate[e(LifeEvent::eviction_notice)];
  for (double& q : prob) q = std::min(q, 1.0);
  return prob;
}

std::array<double, kLifeEventCount> weekly_rates(const NeedsParameters& p) noexcept {
  std::array<double, kLifeEventCount> rate{};
  for (std::size_t e = 0; e < kLifeEventCount; ++e) rate[e] = p.event_rate_per_year[e] / kWeeksPerYear;
  return rate;
}

/// One resident's state as a block of one (no streams or outputs attached).
NeedsBlock block_of_one(NeedsState& s) noexcept {
  NeedsBlock b;
  b.size = 1;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    b.severity[d] = &s.severity[d];
    b.baseline[d] = &s.baseline[d];
    b.care_relief[d] = &s.care_relief[d];
    b.extra_drift[d] = &s.extra_drift[d];
  }
  b.age = &s.age;
  b.household_kind = &s.household_kind;
  b.own_strength = &s.own_strength;
  b.hours_needed = &s.hours_needed;
  b.help_received = &s.help_received;
  b.burden = &s.burden;
  b.household_adult_trouble = &s.household_adult_trouble;
  b.crisis_flags = &s.crisis_flags;
  return b;
}

/// Adds a life event's shock to resident i of the block (domains scaled by what applies).
void apply_event(const NeedsBlock& b, std::size_t i, std::size_t event, float shock) noexcept {
  for (const ShockShare& share : shares_of(event)) {
    const auto d = index(share.domain);
    const float applies = domain_applicability(share.domain, b.age[i], b.household_kind[i]);
    b.severity[d][i] = std::min(1.0F, b.severity[d][i] + shock * share.share * std::min(1.0F, applies));
  }
}

/// Life events: one draw per adult decides whether any happens and which (events are rare).
void draw_life_events(const NeedsBlock& b, const NeedsConstants& c) noexcept {
  const auto work = index(Domain::work_daytime);
  const auto finances = index(Domain::finances);
  for (std::size_t i = 0; i < b.size; ++i) {
    b.life_event[i] = static_cast<std::uint8_t>(kLifeEventCount);
    if (b.age[i] < kChildAge) continue;
    const auto prob = event_probabilities(b.age[i], b.household_kind[i], b.severity[work][i], b.severity[finances][i],
                                          c.event_rate_per_week);
    double total = 0.0;
    for (const double q : prob) total += q;
    const double u = engine::uniform01(b.life_event_streams[i]);
    if (u >= total) continue;
    double acc = 0.0;
    for (std::size_t e = 0; e < kLifeEventCount; ++e) {
      acc += prob[e];
      if (u < acc) {
        apply_event(b, i, e, c.event_shock[e]);
        b.life_event[i] = static_cast<std::uint8_t>(e);
        break;
      }
    }
  }
}

// The domain loops below replace "if (x > 0) delta += f(x)" by "delta += f(x > 0 ? x : 0)":
// the same value, because every skipped term is then exactly +0 and delta is never -0 (it
// starts at +0 and only ever has non-negative terms subtracted or added before the drift).
using Scratch = std::array<std::array<float, kNeedsBlockMax>, kDomainCount>;

/// Cross-domain spillover: a domain above the threshold pushes the others it is linked to.
void add_spillover(const NeedsBlock& b, const NeedsConstants& c, const Scratch& applies, Scratch& delta) noexcept {
  const std::size_t n = b.size;
  std::array<float, kNeedsBlockMax> excess;
  for (std::size_t from = 0; from < kDomainCount; ++from) {
    const float* __restrict sev = b.severity[from];
    for (std::size_t i = 0; i < n; ++i) {
      const float x = sev[i] - c.spillover_threshold;
      excess[i] = x > 0.0F ? x : 0.0F;
    }
    for (std::size_t to = 0; to < kDomainCount; ++to) {
      const float rate = c.spillover_rate[from][to];
      if (rate == 0.0F) continue;  // not linked: every term would be +0
      float* __restrict out = delta[to].data();
      const float* __restrict a = applies[to].data();
      for (std::size_t i = 0; i < n; ++i) out[i] += rate * excess[i] * a[i];
    }
  }
}

/// Within the household: adults' trouble lands on the children, and lingers into their
/// baselines when nobody resolves it (S2 SF3).
void add_household_spillover(const NeedsBlock& b, const NeedsConstants& c, const Scratch& applies, Scratch& delta) noexcept {
  const auto family = index(Domain::family);
  const auto mental = index(Domain::mental_health);
  for (std::size_t i = 0; i < b.size; ++i) {
    const float trouble = b.household_adult_trouble[i];
    if (b.age[i] >= kChildAge || trouble <= 0.0F) continue;
    const float push = c.household_spillover_per_week * trouble;
    delta[family][i] += push;
    delta[mental][i] += push * applies[mental][i];
    const float inherit = c.intergenerational_per_week * trouble;
    for (const std::size_t d : {family, mental}) b.baseline[d][i] = std::min(0.95F, b.baseline[d][i] + inherit);
  }
}

/// Informal help works on the lay-helpable share of each domain, in proportion to the need met.
void subtract_informal_help(const NeedsBlock& b, const NeedsConstants& c, Scratch& delta) noexcept {
  const std::size_t n = b.size;
  std::array<float, kNeedsBlockMax> met;
  bool anyone_helped = false;
  for (std::size_t i = 0; i < n; ++i) {
    const float needed = b.hours_needed[i];
    const float received = b.help_received[i];
    met[i] = needed > 0.0F && received > 0.0F ? std::min(1.0F, received / needed) : 0.0F;
    anyone_helped = anyone_helped || met[i] > 0.0F;
  }
  if (!anyone_helped) return;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const float efficacy = c.help_efficacy[d];
    const float* __restrict sev = b.severity[d];
    float* __restrict out = delta[d].data();
    for (std::size_t i = 0; i < n; ++i) {
      const float x = sev[i] - c.need_threshold;
      out[i] -= efficacy * met[i] * (x > 0.0F ? x : 0.0F);
    }
  }
}

/// Professional treatment removes a share of the excess severity, down to a floor set by the
/// baseline (the chronic part moves only through the baseline), and a little of it lasts.
void subtract_treatment(const NeedsBlock& b, const NeedsConstants& c, Scratch& delta) noexcept {
  const std::size_t n = b.size;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const float* __restrict relief = b.care_relief[d];
    std::uint32_t treated = 0;
    for (std::size_t i = 0; i < n; ++i) treated |= relief[i] > 0.0F ? 1U : 0U;
    if (treated == 0) continue;  // no one treated in this domain: every term would be +0
    const float* __restrict sev = b.severity[d];
    float* __restrict base = b.baseline[d];
    float* __restrict out = delta[d].data();
    for (std::size_t i = 0; i < n; ++i) {
      const float r = relief[i] > 0.0F ? relief[i] : 0.0F;
      const float floor = std::max(0.1F, c.care_floor_share * base[i]);
      out[i] -= r * std::max(0.0F, sev[i] - floor);
      base[i] -= c.care_baseline_learning * r * base[i];
    }
  }
}

/// Overburdened carers pay with their own health (MODEL.md §5).
void add_overburden_harm(const NeedsBlock& b, const NeedsConstants& c, Scratch& delta) noexcept {
  float* __restrict mental = delta[index(Domain::mental_health)].data();
  float* __restrict physical = delta[index(Domain::physical_health)].data();
  for (std::size_t i = 0; i < b.size; ++i) {
    const float over = b.burden[i] - c.overburden_threshold;
    const float harm = b.burden[i] > c.overburden_threshold ? c.overburden_harm_per_week * over : 0.0F;
    mental[i] += harm;
    physical[i] += harm;
  }
}

/// Recovery toward the personal baseline, faster with own strength; projects speed the way
/// down (never pull anyone back up). Then the new severity, clamped, and crisis crossings.
void drift_and_settle(const NeedsBlock& b, const NeedsConstants& c, Scratch& delta) noexcept {
  const std::size_t n = b.size;
  std::array<float, kNeedsBlockMax> drift;
  for (std::size_t i = 0; i < n; ++i) {
    const auto own = static_cast<float>(c.drift_per_week * (1.0 + c.strength_recovery_gain * static_cast<double>(b.own_strength[i])));
    drift[i] = std::min(1.0F, own);
  }
  // Bit d of at_crisis / below_reopen: domain d's new severity is at the crisis threshold /
  // below the reopening threshold (collected domain by domain, applied per resident below).
  std::array<std::uint32_t, kNeedsBlockMax> at_crisis;
  std::array<std::uint32_t, kNeedsBlockMax> below_reopen;
  std::fill_n(at_crisis.begin(), n, 0U);
  std::fill_n(below_reopen.begin(), n, 0U);
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    float* __restrict sev = b.severity[d];
    const float* __restrict base = b.baseline[d];
    float* __restrict out = delta[d].data();
    for (std::size_t i = 0; i < n; ++i) out[i] -= drift[i] * (sev[i] - base[i]);
    if (const float* __restrict extra = b.extra_drift[d]) {
      // Branch-free (the signs of gap vary resident by resident): where no project helps,
      // out[i] - 0 leaves out[i] exactly as it was, so the result equals the branching form.
      for (std::size_t i = 0; i < n; ++i) {
        const float gap = sev[i] - base[i];
        const float pull = std::min(1.0F - drift[i], extra[i]) * gap;
        out[i] -= extra[i] > 0.0F && gap > 0.0F ? pull : 0.0F;
      }
    }
    const std::uint32_t bit = 1U << d;
    for (std::size_t i = 0; i < n; ++i) {
      const float v = sev[i] + out[i];
      const float next = v < 0.0F ? 0.0F : (1.0F < v ? 1.0F : v);  // std::clamp(v, 0, 1)
      at_crisis[i] |= next >= kCrisisSeverity ? bit : 0U;
      below_reopen[i] |= next < c.crisis_reopen ? bit : 0U;
      sev[i] = next;
    }
  }
  // A crisis episode opens where the domain reaches the crisis threshold and none is open;
  // otherwise an open one closes once the domain is back below the reopening threshold.
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t flags = b.crisis_flags[i];
    const std::uint32_t opens = at_crisis[i] & ~flags;
    const std::uint32_t closes = below_reopen[i] & ~opens;
    b.crisis_flags[i] = static_cast<std::uint8_t>((flags | opens) & ~closes);
    b.new_crises[i] = static_cast<std::uint8_t>(opens);
  }
}

}  // namespace

NeedsConstants::NeedsConstants(const NeedsParameters& p, const InformalParameters& ip, float care_baseline_learning_,
                               float care_floor_share_) noexcept
    : event_rate_per_week(weekly_rates(p)),
      spillover_threshold(static_cast<float>(p.spillover_threshold)),
      household_spillover_per_week(static_cast<float>(p.household_spillover_per_week)),
      intergenerational_per_week(static_cast<float>(p.intergenerational_per_week)),
      need_threshold(static_cast<float>(ip.need_threshold)),
      care_baseline_learning(care_baseline_learning_),
      care_floor_share(care_floor_share_),
      overburden_threshold(static_cast<float>(ip.overburden_threshold)),
      overburden_harm_per_week(static_cast<float>(ip.overburden_harm_per_week)),
      drift_per_week(p.drift_per_week),
      strength_recovery_gain(p.strength_recovery_gain),
      crisis_reopen(kCrisisSeverity - static_cast<float>(p.crisis_hysteresis)) {
  for (std::size_t e = 0; e < kLifeEventCount; ++e) event_shock[e] = static_cast<float>(p.event_shock[e]);
  const auto spill = static_cast<float>(p.spillover_per_week);
  for (std::size_t from = 0; from < kDomainCount; ++from) {
    for (std::size_t to = 0; to < kDomainCount; ++to) spillover_rate[from][to] = spill * static_cast<float>(p.spillover[from][to]);
  }
  const auto efficacy = static_cast<float>(ip.help_efficacy_per_week);
  for (std::size_t d = 0; d < kDomainCount; ++d) help_efficacy[d] = efficacy * static_cast<float>(ip.lay_weight[d]);
}

std::array<double, kLifeEventCount> life_event_probabilities(const NeedsState& s, const NeedsParameters& p) noexcept {
  return event_probabilities(s.age, s.household_kind, s.severity[index(Domain::work_daytime)],
                             s.severity[index(Domain::finances)], weekly_rates(p));
}

void apply_life_event(NeedsState& s, std::size_t event, const NeedsParameters& p) noexcept {
  apply_event(block_of_one(s), 0, event, static_cast<float>(p.event_shock[event]));
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

void advance_needs_block(const NeedsBlock& b, const NeedsConstants& c) noexcept {
  draw_life_events(b, c);
  Scratch applies;
  const auto& table = tables().applies;
  for (std::size_t i = 0; i < b.size; ++i) {
    const auto& row = table[whole_age(b.age[i])][static_cast<std::size_t>(b.household_kind[i])];
    for (std::size_t d = 0; d < kDomainCount; ++d) applies[d][i] = row[d];
  }
  Scratch delta;
  for (auto& column : delta) std::fill_n(column.begin(), b.size, 0.0F);
  add_spillover(b, c, applies, delta);
  add_household_spillover(b, c, applies, delta);
  subtract_informal_help(b, c, delta);
  subtract_treatment(b, c, delta);
  add_overburden_harm(b, c, delta);
  drift_and_settle(b, c, delta);
}

NeedsOutcome advance_needs(NeedsState& s, const NeedsParameters& p, const InformalParameters& ip,
                           engine::RandomStream& stream) noexcept {
  const NeedsConstants constants(p, ip, s.care_baseline_learning, s.care_floor_share);
  NeedsBlock b = block_of_one(s);
  b.life_event_streams = &stream;
  NeedsOutcome outcome;
  std::uint8_t event = 0;
  b.new_crises = &outcome.new_crises;
  b.life_event = &event;
  advance_needs_block(b, constants);
  outcome.life_event = event;
  return outcome;
}

}  // namespace wijksim::models
