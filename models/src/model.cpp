#include "wijksim/models/model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "wijksim/engine/checksum.hpp"
#include "wijksim/engine/error.hpp"
#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/informal_care.hpp"
#include "wijksim/models/needs_dynamics.hpp"
#include "wijksim/models/random_purpose.hpp"
#include "wijksim/models/resident_factory.hpp"
#include "wijksim/models/social_network.hpp"

namespace wijksim::models {
namespace {
constexpr float kPensionAge = 67.0F;  // state pension (AOW), not social assistance, from here

std::uint32_t as_u32(std::size_t v) noexcept { return static_cast<std::uint32_t>(v); }

NeedsConstants needs_constants_of(const Parameters& p) noexcept {
  return NeedsConstants(p.needs, p.informal, static_cast<float>(p.care.baseline_learning), static_cast<float>(p.care.floor_share));
}
}  // namespace

Model::Model(const Parameters& parameters, std::uint64_t seed, std::uint64_t run_id)
    : p_(parameters), needs_constants_(needs_constants_of(p_)), key_(engine::RandomKey::from(seed, run_id)) {
  for (int age = 0; age <= 120; ++age) {
    const double yearly = p_.demography.mortality_base_per_year * std::exp(p_.demography.mortality_age_rate * (age + 0.5));
    death_hazard_by_age_.push_back(yearly / kWeeksPerYear);
  }
  generate_city(population_, p_, key_);
  care_ = std::make_unique<CareSystem>(p_, population_, key_);
  effects_.by_neighbourhood.assign(population_.neighbourhood_count, NeighbourhoodEffect{});
  care_->set_effects(&effects_);
  funding_ = std::make_unique<FundingSystem>(p_, population_, *care_, effects_, key_);
  add_phases();
  reset_buffers();
}

void Model::reset_buffers() {
  const std::size_t blocks = engine::block_count(population_.residents.size(), scheduler_.block_size());
  help_requests_.reset(blocks);
  incident_buffers_.resize(blocks);
  for (auto& b : incident_buffers_) b.clear();
  death_buffers_.resize(blocks);
  for (auto& b : death_buffers_) b.clear();
  moved_out_buffers_.assign(blocks, 0);
  const std::size_t household_blocks = engine::block_count(population_.households.size(), scheduler_.block_size());
  care_->reset_buffers(household_blocks);
  income_support_buffers_.assign(household_blocks, 0);
  funding_->reset_census(blocks);
}

void Model::add_phases() {
  auto& res = population_.residents;
  auto& hh = population_.households;
  const auto& r = population_.r;
  const auto& h = population_.h;
  using engine::Access;

  // Institutions and projects first: this tick's effects, budgets and ties are in place before
  // people and care act. Never runs when funding is off. Also writes (outside the column
  // stores) the neighbourhood effects, care's capacity factors and thresholds, pending ties and,
  // when a project stops, the network.
  Access funding;
  funding.read_others(res, r.age_years).read_others(res, r.burden).read_others(res, r.reluctance).read_others(res, r.household)
      .write(res, r.trust).write(res, r.willingness).write(res, r.is_volunteer).read_others(hh, h.neighbourhood)
      .read_others(hh, h.block);
  for (const auto& c : r.severity) funding.read_others(res, c);
  Access census;
  census.read(res, r.household).read_others(hh, h.neighbourhood).write(res, r.trust);
  for (const auto& c : r.severity) census.read(res, c);
  scheduler_.add_parallel_phase(
      "funding_census", res, census, [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { funding_->census(ctx, b); },
      [this](engine::Tick) { return p_.funding.enabled; });
  scheduler_.add_serial_phase("funding", funding, [this](engine::PhaseContext& ctx) { funding_->step(ctx); },
                              [this](engine::Tick) { return p_.funding.enabled; });

  Access aggregates;
  aggregates.read_others(res, r.age_years).write(hh, h.adult_trouble).write(hh, h.troubled_domains).write(hh, h.birth_due)
      .write(hh, h.oldest_age).write(hh, h.marked_to_leave).write(hh, h.worst_severity);
  for (const auto& c : r.severity) aggregates.read_others(res, c);
  scheduler_.add_parallel_phase("household_aggregates", hh, aggregates,
                                [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { household_aggregates(ctx, b); });
  scheduler_.run_beside_next("funding");  // see care_admission below
  scheduler_.add_serial_phase("income_support", Access{}, [this](engine::PhaseContext& ctx) { book_income_support(ctx); });

  Access care_demand;
  care_demand.read_others(res, r.trust).read_others(res, r.reluctance).read_others(res, r.care_mask)
      .read_others(res, r.is_volunteer).read(hh, h.team_covered).read(hh, h.neighbourhood).read(hh, h.worst_severity);
  for (const auto& c : r.severity) care_demand.read_others(res, c);
  scheduler_.add_parallel_phase("care_demand", hh, care_demand,
                                [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { care_->demand(ctx, b); });
  Access admission;
  admission.write(res, r.care_mask).write(hh, h.team_covered).write(hh, h.engagement).read(res, r.trust)
      .read(hh, h.neighbourhood);
  for (const auto& c : r.severity) admission.read(res, c);
  scheduler_.add_serial_phase("care_admission", admission, [this](engine::PhaseContext& ctx) { care_->admit(ctx); });

  Access need_capacity;
  need_capacity.read(res, r.age_years).read(res, r.burden).read(res, r.rest_weeks_left).read(res, r.is_volunteer)
      .read(res, r.formal_lay_hours)
      .write(res, r.hours_needed).write(res, r.help_capacity).write(res, r.hours_given).write(res, r.help_received);
  for (const auto& c : r.severity) need_capacity.read(res, c);
  scheduler_.add_parallel_phase("informal_need_capacity", res, need_capacity,
                                [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { informal_need_capacity(ctx, b); });
  // Admission (serial) and the need and capacity for lay help touch different columns and
  // state (checked against the declarations): one thread admits while the others work the
  // blocks. Likewise the institutions' step and the household aggregates.
  scheduler_.run_beside_next("care_admission");

  scheduler_.add_parallel_phase(
      "ask_for_help", res,
      Access{}.read(res, r.hours_needed).read(res, r.reluctance).read_others(res, r.willingness).read_others(res, r.help_capacity)
          .read(res, r.household).read(hh, h.activated),
      [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { ask_for_help(ctx, b); });

  scheduler_.add_serial_phase("arbitrate_help",
                              Access{}.read(res, r.help_capacity).write(res, r.hours_given).write(res, r.help_received),
                              [this](engine::PhaseContext& ctx) { arbitrate_help(ctx); });

  Access delivery;
  delivery.write(res, r.reluctance).write(res, r.willingness).write(res, r.severity[index(Domain::finances)])
      .write(res, r.severity[index(Domain::housing)]).read(res, r.help_received)
      .write(hh, h.engagement).write(hh, h.activated).write(hh, h.budget_used).write(res, r.formal_lay_hours);
  for (const auto& c : r.care_relief) delivery.write(res, c);
  scheduler_.add_serial_phase("care_delivery", delivery, [this](engine::PhaseContext& ctx) { care_->deliver(ctx); });

  Access needs;
  needs.read(res, r.age_years).read(res, r.household).read(res, r.own_strength).read(res, r.hours_needed)
      .read(res, r.help_received).read(res, r.hours_given).read(res, r.willingness).read(hh, h.adult_trouble).read(hh, h.kind)
      .read(hh, h.neighbourhood).write(res, r.burden).write(res, r.intensive_weeks).write(res, r.rest_weeks_left).write(res, r.is_volunteer)
      .write(res, r.crisis_flags);
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    needs.write(res, r.severity[d]).write(res, r.baseline[d]).read(res, r.care_relief[d]);
  }
  scheduler_.add_parallel_phase("needs_and_carers", res, needs,
                                [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { needs_and_carers(ctx, b); });
  scheduler_.add_serial_phase("care_conclusion",
                              Access{}.write(res, r.care_mask).write(hh, h.team_covered).read(hh, h.engagement),
                              [this](engine::PhaseContext& ctx) { care_->conclude(ctx); });

  Access incidents;
  incidents.write(hh, h.marked_to_leave).write(res, r.severity[index(Domain::mental_health)])
      .write(res, r.severity[index(Domain::addiction)]);
  scheduler_.add_serial_phase("incidents", incidents, [this](engine::PhaseContext& ctx) { apply_incidents(ctx); });

  scheduler_.add_parallel_phase(
      "ageing_and_mortality", res,
      Access{}.write(res, r.age_years).read(res, r.household).read(res, r.severity[index(Domain::physical_health)])
          .read(hh, h.kind).read(hh, h.oldest_age),
      [this](engine::PhaseContext& ctx, const engine::BlockRange& b) { ageing_and_mortality(ctx, b); });

  Access demography_access;
  demography_access.write(res, r.household).write(res, r.severity[index(Domain::mental_health)])
      .write(res, r.severity[index(Domain::social_network)]).write(hh, h.marked_to_leave).read(hh, h.birth_due)
      .read(hh, h.dwelling);
  scheduler_.add_serial_phase("demography", demography_access, [this](engine::PhaseContext& ctx) { demography(ctx); });
  scheduler_.add_serial_phase("care_workforce", Access{}, [this](engine::PhaseContext& ctx) { care_->workforce(ctx); });
}

void Model::household_aggregates(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  const auto age = ctx.read(population_.residents, r.age_years);
  std::array<std::span<const float>, kDomainCount> sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = ctx.read(population_.residents, r.severity[d]);
  const auto trouble = ctx.write(population_.households, h.adult_trouble);
  const auto troubled = ctx.write(population_.households, h.troubled_domains);
  const auto birth_due = ctx.write(population_.households, h.birth_due);
  const auto oldest = ctx.write(population_.households, h.oldest_age);
  const auto worst_severity = ctx.write(population_.households, h.worst_severity);
  const auto leave = ctx.write(population_.households, h.marked_to_leave);
  const auto threshold = static_cast<float>(p_.needs.spillover_threshold);
  const double turnover = p_.demography.turnover_per_year / kWeeksPerYear;
  // Households move out at the neighbourhood's turnover rate (they leave at demography): one
  // draw per household, its Philox block computed for a chunk of households at once.
  engine::StreamBatch move_draws(ctx.key(), ctx.tick(), kPurposeMoveOut);
  for (std::size_t first = block.begin; first < block.end; first += engine::StreamBatch::kSize) {
    const std::size_t n = std::min(engine::StreamBatch::kSize, block.end - first);
    move_draws.prepare(n, [&](std::size_t k) { return population_.households.id_at(first + k).value(); });
    for (std::size_t k = 0; k < n; ++k) {
      engine::RandomStream move = move_draws.stream(k);
      if (engine::bernoulli(move, turnover)) leave[first + k] = 1;
    }
  }
  const auto work = sev[index(Domain::work_daytime)];
  std::uint32_t on_income_support = 0;
  for (std::size_t hh = block.begin; hh < block.end; ++hh) {
    float eldest = 0.0F;
    float worst = 0.0F;
    float worst_any = 0.0F;  // severities are in [0, 1]
    std::uint8_t mask = 0;
    std::uint8_t has_fertile = 0;
    bool working_age = false;  // an adult below the state pension age lives here
    bool earns = false;        // one of them is self-reliant in work (score 4 or better)
    for (const std::uint32_t m : population_.members(hh)) {
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        if (sev[d][m] >= kTroubleSeverity) mask = static_cast<std::uint8_t>(mask | (1U << d));
        worst_any = std::max(worst_any, sev[d][m]);
      }
      eldest = std::max(eldest, age[m]);
      if (age[m] >= kAdultAge) {
        for (const Domain d : {Domain::family, Domain::mental_health, Domain::addiction}) {
          worst = std::max(worst, sev[index(d)][m] - threshold);
        }
        if (age[m] < 45.0F) has_fertile = 1;
        if (age[m] < kPensionAge) {
          working_age = true;
          earns = earns || work[m] < kVulnerableSeverity;
        }
      }
    }
    trouble[hh] = std::max(0.0F, worst);
    troubled[hh] = static_cast<std::uint8_t>(std::popcount(mask));
    birth_due[hh] = has_fertile;  // until the draw below
    oldest[hh] = eldest;
    worst_severity[hh] = worst_any;
    // No income from work: the household lives on social assistance (booked by income_support).
    on_income_support += working_age && !earns ? 1U : 0U;
  }
  income_support_buffers_[block.index] = on_income_support;
  // A baby this tick (born at demography, unless the household leaves first): each household
  // with an adult aged 18-44 draws, a batch at a time (their streams' first blocks computed
  // together). Drawn here, in parallel, rather than in serial demography: the same draws
  // (stream of the household's id, this tick), so the same births.
  std::array<std::uint32_t, engine::StreamBatch::kSize> candidates{};
  engine::StreamBatch birth_draws(ctx.key(), ctx.tick(), kPurposeBirth);
  const double birth = p_.demography.birth_per_year / kWeeksPerYear;
  for (std::size_t next = block.begin; next < block.end;) {
    std::size_t n = 0;
    for (; next < block.end && n < candidates.size(); ++next) {
      if (birth_due[next] != 0) candidates[n++] = static_cast<std::uint32_t>(next);
    }
    birth_draws.prepare(n, [&](std::size_t k) { return population_.households.id_at(candidates[k]).value(); });
    for (std::size_t k = 0; k < n; ++k) {
      engine::RandomStream s = birth_draws.stream(k);
      birth_due[candidates[k]] = engine::bernoulli(s, birth) ? 1 : 0;
    }
  }
}

void Model::book_income_support(engine::PhaseContext& ctx) {
  std::uint32_t households = 0;
  for (const std::uint32_t n : income_support_buffers_) households += n;
  households_on_income_support_ = households;
  care_->ledger().add(ctx.tick().value(), Payer::municipality_work_income, Tier::income_support,
                      static_cast<double>(households) * p_.care.income_support_per_week);
}

void Model::informal_need_capacity(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  const auto& r = population_.r;
  auto& res = population_.residents;
  // Plain pointers that promise not to overlap, and a local copy of the parameters, so that
  // the loops' stores cannot alias their inputs and they vectorise.
  const float* __restrict age = ctx.read(res, r.age_years).data();
  const float* __restrict burden = ctx.read(res, r.burden).data();
  const std::uint16_t* __restrict rest = ctx.read(res, r.rest_weeks_left).data();
  const std::uint8_t* __restrict volunteer = ctx.read(res, r.is_volunteer).data();
  const float* __restrict formal_lay = ctx.read(res, r.formal_lay_hours).data();
  std::array<const float*, kDomainCount> sev{};
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = ctx.read(res, r.severity[d]).data();
  const float* __restrict mental = sev[index(Domain::mental_health)];
  const float* __restrict physical = sev[index(Domain::physical_health)];
  float* __restrict needed = ctx.write(res, r.hours_needed).data();
  float* __restrict capacity = ctx.write(res, r.help_capacity).data();
  float* __restrict given = ctx.write(res, r.hours_given).data();
  float* __restrict received = ctx.write(res, r.help_received).data();
  const InformalParameters ip = p_.informal;
  for (std::size_t i = block.begin; i < block.end; ++i) {
    std::array<float, kDomainCount> s;
    for (std::size_t d = 0; d < kDomainCount; ++d) s[d] = sev[d][i];
    // Last week's lay-helpable professional hours are hours the family need not give.
    needed[i] = std::max(0.0F, informal_hours_needed(s, age[i], ip) - formal_lay[i]);
  }
  for (std::size_t i = block.begin; i < block.end; ++i) {
    capacity[i] = informal_capacity(age[i], burden[i], rest[i], volunteer[i] != 0, mental[i], physical[i], ip);
    given[i] = 0.0F;
    received[i] = 0.0F;
  }
}

void Model::ask_for_help(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  const auto& r = population_.r;
  auto& res = population_.residents;
  const auto needed = ctx.read(res, r.hours_needed);
  const auto reluctance = ctx.read(res, r.reluctance);
  const auto willingness = ctx.read(res, r.willingness);
  const auto capacity = ctx.read(res, r.help_capacity);
  const auto household = ctx.read(res, r.household);
  const auto activated = ctx.read(population_.households, population_.h.activated);
  const auto& net = population_.network;
  const std::size_t max_asked = static_cast<std::size_t>(std::min(p_.informal.max_ties_asked, 16));
  struct Candidate {
    float weight;
    std::uint64_t order;
    std::uint32_t target;
    TieKind kind;
  };
  std::array<Candidate, 16> best{};
  for (std::size_t i = block.begin; i < block.end; ++i) {
    // After a family group conference the network has a plan: small needs are asked for too.
    const double min_ask = activated[household[i]] != 0 ? 0.5 : p_.informal.min_hours_to_ask;
    if (static_cast<double>(needed[i]) < min_ask) continue;
    // The strongest ties first; equal ties in an order fixed per pair, so the same person is
    // asked week after week (care relationships persist).
    std::size_t n_best = 0;
    net.for_each_neighbour(as_u32(i), [&](std::uint32_t t, std::uint8_t kind, float weight) {
      if (capacity[t] <= 0.0F) return;
      const Candidate c{weight, engine::mix64((static_cast<std::uint64_t>(i) << 32U) | t), t, static_cast<TieKind>(kind)};
      const auto better = [](const Candidate& a, const Candidate& b) {
        return a.weight > b.weight || (a.weight == b.weight && a.order < b.order);
      };
      if (n_best < max_asked) {
        best[n_best++] = c;
      } else if (better(c, best[n_best - 1])) {
        best[n_best - 1] = c;
      } else {
        return;
      }
      for (std::size_t k = n_best - 1; k > 0 && better(best[k], best[k - 1]); --k) std::swap(best[k], best[k - 1]);
    });
    if (n_best == 0) continue;
    // This week's courage: one draw, compared with the ask probability of each kind of tie,
    // so someone who asks a friend also asks their household. Whether a tie says yes is a
    // stable property of the pair (relationships persist), not a weekly coin.
    engine::RandomStream s = ctx.stream(res.id_at(i).value(), kPurposeAsk);
    const double courage = engine::uniform01(s);
    double remaining = needed[i];
    std::uint32_t last_asked = UINT32_MAX;
    for (std::size_t k = 0; k < n_best && remaining >= min_ask; ++k) {
      const std::uint32_t t = best[k].target;
      if (t == last_asked) continue;  // two kinds of tie to one person
      last_asked = t;
      if (courage >= ask_probability(reluctance[i], best[k].kind, p_.informal)) continue;
      const double pair = static_cast<double>(engine::philox_block(ctx.key(), res.id_at(i).value(), res.id_at(t).value(), kPurposeAsk, 0)[0]) * 0x1.0p-32;
      if (pair >= accept_probability(willingness[t], best[k].kind)) continue;
      const double amount = std::min(remaining, static_cast<double>(capacity[t]));
      if (amount <= 0.0) continue;  // a helper with no hours left (arbitrate takes positive amounts only)
      help_requests_.push(block, engine::Request{t, as_u32(i), help_priority(best[k].kind), as_u32(k), amount});
      remaining -= amount;
    }
  }
}

void Model::arbitrate_help(engine::PhaseContext& ctx) {
  const auto& r = population_.r;
  auto& res = population_.residents;
  const auto capacity_column = ctx.read(res, r.help_capacity);
  std::vector<double> capacity(capacity_column.begin(), capacity_column.end());
  const auto grants = engine::arbitrate(help_requests_.gather(), capacity,
                                        engine::ArbitrationRule{true, engine::mix64(static_cast<std::uint64_t>(ctx.tick().value()) ^ kPurposeAsk)});
  const auto given = ctx.write(res, r.hours_given);
  const auto received = ctx.write(res, r.help_received);
  for (const engine::Grant& g : grants) {
    given[g.resource] += static_cast<float>(g.amount);
    received[g.requester] += static_cast<float>(g.amount);
  }
  help_requests_.reset(engine::block_count(res.size(), scheduler_.block_size()));
}

void Model::needs_and_carers(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  auto& res = population_.residents;
  const auto age = ctx.read(res, r.age_years);
  const auto household = ctx.read(res, r.household);
  const auto strength = ctx.read(res, r.own_strength);
  const auto needed = ctx.read(res, r.hours_needed);
  const auto received = ctx.read(res, r.help_received);
  const auto given = ctx.read(res, r.hours_given);
  const auto willingness = ctx.read(res, r.willingness);
  const auto adult_trouble = ctx.read(population_.households, h.adult_trouble);
  const auto kind = ctx.read(population_.households, h.kind);
  const auto neighbourhood = ctx.read(population_.households, h.neighbourhood);
  const auto burden = ctx.write(res, r.burden);
  const auto intensive = ctx.write(res, r.intensive_weeks);
  const auto rest = ctx.write(res, r.rest_weeks_left);
  const auto volunteer = ctx.write(res, r.is_volunteer);
  const auto flags = ctx.write(res, r.crisis_flags);
  std::array<std::span<float>, kDomainCount> sev;
  std::array<std::span<float>, kDomainCount> base;
  std::array<std::span<const float>, kDomainCount> relief;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    sev[d] = ctx.write(res, r.severity[d]);
    base[d] = ctx.write(res, r.baseline[d]);
    relief[d] = ctx.read(res, r.care_relief[d]);
  }
  const auto& effects = effects_.by_neighbourhood;
  const bool any_extra_drift = std::any_of(effects.begin(), effects.end(), [](const NeighbourhoodEffect& e) {
    return std::any_of(e.extra_drift_per_week.begin(), e.extra_drift_per_week.end(), [](float x) { return x != 0.0F; });
  });
  auto& incidents = incident_buffers_[block.index];
  const auto& ip = p_.informal;

  // The needs step runs over chunks of the block, domain by domain (advance_needs_block);
  // household and neighbourhood inputs are gathered per resident first.
  std::array<HouseholdKind, kNeedsBlockMax> household_kind{};
  std::array<float, kNeedsBlockMax> trouble{};
  std::array<std::array<float, kNeedsBlockMax>, kDomainCount> extra_drift{};
  std::array<engine::RandomStream, kNeedsBlockMax> streams;
  std::array<std::uint8_t, kNeedsBlockMax> new_crises{};
  std::array<std::uint8_t, kNeedsBlockMax> life_event{};
  std::array<std::uint32_t, kNeedsBlockMax> ids{};
  std::array<std::array<std::uint32_t, 4>, kNeedsBlockMax> life_event_blocks{};
  std::array<std::array<std::uint32_t, 4>, kNeedsBlockMax> volunteer_blocks{};
  for (std::size_t first = block.begin; first < block.end; first += kNeedsBlockMax) {
    const std::size_t n = std::min(kNeedsBlockMax, block.end - first);
    for (std::size_t k = 0; k < n; ++k) ids[k] = res.id_at(first + k).value();
    const std::span<const std::uint32_t> chunk_ids(ids.data(), n);
    engine::first_blocks(ctx.key(), chunk_ids, ctx.tick(), kPurposeLifeEvents, life_event_blocks);
    engine::first_blocks(ctx.key(), chunk_ids, ctx.tick(), kPurposeVolunteer, volunteer_blocks);
    NeedsBlock b;
    b.size = n;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      b.severity[d] = sev[d].data() + first;
      b.baseline[d] = base[d].data() + first;
      b.care_relief[d] = relief[d].data() + first;
      b.extra_drift[d] = any_extra_drift ? extra_drift[d].data() : nullptr;
    }
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t hh = household[first + k];
      household_kind[k] = static_cast<HouseholdKind>(kind[hh]);
      trouble[k] = adult_trouble[hh];
      streams[k] = engine::RandomStream(ctx.key(), ids[k], ctx.tick(), kPurposeLifeEvents, life_event_blocks[k]);
      if (any_extra_drift) {
        const auto& extra = effects[neighbourhood[hh]].extra_drift_per_week;
        for (std::size_t d = 0; d < kDomainCount; ++d) extra_drift[d][k] = extra[d];
      }
    }
    b.age = age.data() + first;
    b.household_kind = household_kind.data();
    b.own_strength = strength.data() + first;
    b.hours_needed = needed.data() + first;
    b.help_received = received.data() + first;
    b.burden = burden.data() + first;
    b.household_adult_trouble = trouble.data();
    b.crisis_flags = flags.data() + first;
    b.life_event_streams = streams.data();
    b.new_crises = new_crises.data();
    b.life_event = life_event.data();
    advance_needs_block(b, needs_constants_);

    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = first + k;
      const std::uint32_t id = ids[k];
      for (std::size_t d = 0; new_crises[k] != 0 && d < kDomainCount; ++d) {
        IncidentKind incident_kind{};
        if ((new_crises[k] & (1U << d)) != 0 && incident_for(static_cast<Domain>(d), age[i], incident_kind)) {
          incidents.push_back(Incident{ctx.tick().value(), incident_kind, 0, neighbourhood[household[i]],
                                       population_.households.id_at(household[i]).value(), id});
        }
      }
      CarerState carer{burden[i], intensive[i], rest[i]};
      update_carer(carer, given[i], strength[i], ip);
      burden[i] = carer.burden;
      intensive[i] = carer.intensive_weeks;
      rest[i] = carer.rest_weeks_left;

      // Volunteering as a pool projects will draw on: willing adults start, volunteers stop,
      // overburdened carers stop sooner (S0:L393-395).
      if (age[i] >= kAdultAge && age[i] < 80.0F) {
        engine::RandomStream v(ctx.key(), id, ctx.tick(), kPurposeVolunteer, volunteer_blocks[k]);
        if (volunteer[i] != 0) {
          const double overburdened = burden[i] > static_cast<float>(ip.overburden_threshold) ? 2.0 : 0.0;
          if (engine::bernoulli(v, ip.volunteer_stop_per_year / kWeeksPerYear * (1.0 + overburdened))) volunteer[i] = 0;
        } else if (engine::bernoulli(v, ip.volunteer_start_per_year / kWeeksPerYear * static_cast<double>(willingness[i]) *
                                            (1.0 - static_cast<double>(burden[i])))) {
          volunteer[i] = 1;
        }
      } else {
        volunteer[i] = 0;
      }
    }
  }
}

void Model::apply_incidents(engine::PhaseContext& ctx) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  auto& res = population_.residents;
  auto leave = ctx.write(population_.households, h.marked_to_leave);
  auto mental = ctx.write(res, r.severity[index(Domain::mental_health)]);
  auto addiction = ctx.write(res, r.severity[index(Domain::addiction)]);
  const auto post = static_cast<float>(p_.needs.post_admission_severity);
  for (auto& buffer : incident_buffers_) {
    for (const Incident& incident : buffer) {
      incidents_.push_back(incident);
      care_->book_incident(incident.kind, incident.tick);
      const auto hh_slot = population_.households.slot_of(HouseholdId{incident.household});
      const auto resident_slot = res.slot_of(ResidentId{incident.resident});
      if (!hh_slot || !resident_slot) continue;
      engine::RandomStream s = ctx.stream(incident.resident, kPurposeIncident);
      switch (incident.kind) {
        case IncidentKind::eviction:
          if (engine::bernoulli(s, p_.needs.eviction_moveout_probability)) leave[*hh_slot] = 1;
          break;
        case IncidentKind::out_of_home_placement:
          res.mark_removed(*resident_slot);  // the child leaves the household and the neighbourhood
          break;
        case IncidentKind::crisis_admission:
          mental[*resident_slot] = std::min(mental[*resident_slot], post);
          break;
        case IncidentKind::police_callout:
          addiction[*resident_slot] = std::min(addiction[*resident_slot], std::max(post, addiction[*resident_slot] - 0.1F));
          break;
      }
    }
    buffer.clear();
  }
}

void Model::ageing_and_mortality(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  auto& res = population_.residents;
  const auto& dp = p_.demography;
  const auto age = ctx.write(res, r.age_years);
  const auto household = ctx.read(res, r.household);
  const auto physical = ctx.read(res, r.severity[index(Domain::physical_health)]);
  const auto kind = ctx.read(population_.households, h.kind);
  const auto oldest = ctx.read(population_.households, h.oldest_age);
  auto& deaths = death_buffers_[block.index];
  const auto one_week = static_cast<float>(1.0 / kWeeksPerYear);
  // Everyone's death draw, the streams' first blocks computed a batch of residents at a time.
  engine::StreamBatch death_draws(ctx.key(), ctx.tick(), kPurposeDeath);
  for (std::size_t i = block.begin; i < block.end; ++i) {
    const std::size_t batched = (i - block.begin) % engine::StreamBatch::kSize;
    if (batched == 0) {
      death_draws.prepare(std::min(engine::StreamBatch::kSize, block.end - i), [&](std::size_t j) { return res.id_at(i + j).value(); });
    }
    age[i] += one_week;
    if (res.is_marked_removed(i)) continue;  // placed in care this week
    const std::uint32_t id = death_draws.entity(batched);
    engine::RandomStream s = death_draws.stream(batched);
    const auto years = static_cast<std::size_t>(std::clamp(age[i], 0.0F, 120.0F));
    const double hazard = death_hazard_by_age_[years] * (1.0 + dp.mortality_severity_factor * static_cast<double>(physical[i]));
    if (engine::bernoulli(s, hazard)) {
      res.mark_removed(i);
      deaths.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    // Grown-up children leave home (and the neighbourhood): someone 15+ years older lives there.
    const auto k = static_cast<HouseholdKind>(kind[household[i]]);
    const bool with_parents = k == HouseholdKind::couple_with_children || k == HouseholdKind::single_parent;
    if (with_parents && age[i] >= 18.0F && age[i] < 26.0F && oldest[household[i]] >= age[i] + 15.0F) {
      engine::RandomStream y = ctx.stream(id, kPurposeYoungAdult);
      if (engine::bernoulli(y, dp.young_adult_leave_per_year / kWeeksPerYear)) {
        res.mark_removed(i);
        ++moved_out_buffers_[block.index];
      }
    }
  }
}

void Model::demography(engine::PhaseContext& ctx) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  auto& res = population_.residents;
  auto& hhs = population_.households;
  DemographyCounts counts;

  // The household grieves: bereavement lands on the others (MODEL.md §4).
  {
    auto mental = ctx.write(res, r.severity[index(Domain::mental_health)]);
    auto social = ctx.write(res, r.severity[index(Domain::social_network)]);
    const auto household = res.values(r.household);
    const auto shock = static_cast<float>(p_.needs.event_shock[static_cast<std::size_t>(LifeEvent::bereavement)]);
    for (std::size_t b = 0; b < death_buffers_.size(); ++b) {
      counts.deaths += as_u32(death_buffers_[b].size());
      counts.residents_moved_out += moved_out_buffers_[b];
      for (const std::uint32_t dead : death_buffers_[b]) {
        for (const std::uint32_t m : population_.members(household[dead])) {
          if (res.is_marked_removed(m)) continue;
          mental[m] = std::min(1.0F, mental[m] + shock);
          social[m] = std::min(1.0F, social[m] + 0.6F * shock);
        }
      }
    }
  }

  // Households that move out (turnover, or eviction), and households left empty: each
  // household marks only its own members and itself, so blocks of households run in parallel;
  // their counts (whole numbers) are added in block order. Only households that move or lost a
  // member this week can change: the others (nearly all) are passed over without reading their
  // members. Those who lost one are found in one pass over the residents' removal marks.
  {
    const auto leave = ctx.write(hhs, h.marked_to_leave);
    const auto household = res.values(r.household);
    lost_member_.assign(hhs.size(), 0);
    for (std::size_t i = 0; i < res.size(); ++i) {
      if (res.is_marked_removed(i)) lost_member_[household[i]] = 1;
    }
    constexpr std::size_t kHouseholdsPerBlock = 2048;
    std::vector<std::array<std::uint32_t, 2>> moved_out(engine::block_count(hhs.size(), kHouseholdsPerBlock));
    ctx.for_each_block(hhs.size(), kHouseholdsPerBlock, [&](const engine::BlockRange& block) {
      std::array<std::uint32_t, 2> n{};  // residents, households
      for (std::size_t hh = block.begin; hh < block.end; ++hh) {
        if (leave[hh] == 0 && lost_member_[hh] == 0) continue;  // (a household always has a member)
        bool anyone_left = false;
        for (const std::uint32_t m : population_.members(hh)) {
          if (leave[hh] != 0 && !res.is_marked_removed(m)) {
            res.mark_removed(m);
            ++n[0];
          }
          anyone_left = anyone_left || !res.is_marked_removed(m);
        }
        if (leave[hh] != 0) ++n[1];
        if (!anyone_left) hhs.mark_removed(hh);
      }
      moved_out[block.index] = n;
    });
    for (const auto& n : moved_out) {
      counts.residents_moved_out += n[0];
      counts.households_moved_out += n[1];
    }
  }

  const bool any_removed = res.pending_removals() > 0;
  const engine::SlotRemap resident_remap = res.commit(ctx.executor());
  // The network follows the removals (its slot maps; every few dozen ticks a compaction of its
  // edges) while the rest of demography runs: households follow, babies are born, in-movers
  // arrive. Neither side writes what the other reads: the network reads only the remap, and
  // settle_arrivals does not read the network.
  std::vector<engine::EdgeSpec> ties;
  ctx.side_by_side([&] { population_.network.follow_commit(resident_remap); },
                   [&] { ties = settle_arrivals(ctx, resident_remap, any_removed, counts); });
  // Then the few ties made this tick go in place (moving only the edges after their first row),
  // while the care system drops the episodes of those who left (it never reads the network).
  ctx.side_by_side(
      [&] {
        if (!ties.empty() || population_.network.slot_count() != res.size()) {
          population_.network.add_ties(as_u32(res.size()), ties);
        }
      },
      [&] { care_->follow_demography(); });
  last_demography_ = counts;
  reset_buffers();
}

std::vector<engine::EdgeSpec> Model::settle_arrivals(engine::PhaseContext& ctx, const engine::SlotRemap& resident_remap,
                                                     bool any_removed, DemographyCounts& counts) {
  const auto& r = population_.r;
  const auto& h = population_.h;
  auto& res = population_.residents;
  auto& hhs = population_.households;
  const auto& dp = p_.demography;
  const engine::Tick tick = ctx.tick();
  const engine::SlotRemap household_remap = hhs.commit();
  {
    auto household = ctx.write(res, r.household);
    for (auto& hh : household) hh = household_remap.new_slot_of_old[hh];
  }
  population_.rebuild_dwelling_index();
  population_.rebuild_membership();

  // Births, in slot order, into the households whose draw at household_aggregates came up.
  const ResidentFactory factory(p_, key_);
  std::vector<std::uint32_t> newborns;
  {
    const auto birth_due = ctx.read(hhs, h.birth_due);
    for (std::uint32_t hh = 0; hh < hhs.size(); ++hh) {
      if (birth_due[hh] == 0) continue;
      newborns.push_back(factory.add_newborn(population_, hh, tick, hhs.id_at(hh).value()));
      ++counts.births;
    }
  }

  // Vacant dwellings get new households, who bring their own needs.
  std::vector<std::uint32_t> new_households;
  for (std::uint32_t d = 0; d < population_.dwelling_household.size(); ++d) {
    if (population_.dwelling_household[d] != Population::kVacant) continue;
    engine::RandomStream s(key_, d, tick, kPurposeMoveIn);
    if (!engine::bernoulli(s, dp.vacancy_fill_per_week)) continue;
    const std::size_t before = res.size();
    new_households.push_back(factory.create_household(population_, d, tick, dp.in_mover_vulnerability_shift));
    counts.residents_moved_in += as_u32(res.size() - before);
    ++counts.households_moved_in;
  }
  {
    auto leave = hhs.values(h.marked_to_leave);
    std::fill(leave.begin(), leave.end(), std::uint8_t{0});
  }

  // Ties made this tick by projects, in the old numbering: follow the remap, drop leavers'.
  std::vector<engine::EdgeSpec> ties;
  for (engine::EdgeSpec t : population_.pending_ties) {
    if (any_removed) {
      t.source = resident_remap.new_slot_of_old[t.source];
      t.target = resident_remap.new_slot_of_old[t.target];
      if (t.source == engine::SlotRemap::kRemoved || t.target == engine::SlotRemap::kRemoved) continue;
    }
    ties.push_back(t);
  }
  population_.pending_ties.clear();
  if (!newborns.empty() || !new_households.empty()) {
    population_.rebuild_membership();
    for (const std::uint32_t child : newborns) {
      const auto t = ties_for_newborn(population_, child);
      ties.insert(ties.end(), t.begin(), t.end());
    }
    for (const std::uint32_t hh : new_households) {
      const auto t = ties_for_new_household(population_, hh, p_.network, key_, tick);
      ties.insert(ties.end(), t.begin(), t.end());
    }
  }
  return ties;
}

void Model::set_parameters(const Parameters& next, engine::Tick tick) {
  const auto& a = p_.population;
  const auto& b = next.population;
  if (a.neighbourhoods != b.neighbourhoods || a.dwellings_per_neighbourhood != b.dwellings_per_neighbourhood ||
      a.dwellings_per_block != b.dwellings_per_block || p_.run.years != next.run.years ||
      p_.run.warmup_years != next.run.warmup_years || p_.funding.enabled != next.funding.enabled) {
    throw engine::InputError("scheduled change at tick " + std::to_string(tick.value()),
                             "a change of policy parameters (care.*, informal.*, needs.*, demography.*, ...)",
                             "a change of the city's structure, the run's length or the funding switch (population.*, run.*, funding.enabled)");
  }
  p_ = next;
  needs_constants_ = needs_constants_of(p_);
  care_->retarget(tick.value());
}

std::uint64_t Model::state_checksum() const {
  engine::Checksum c;
  const auto add = [&c](const std::string&, std::span<const std::byte> bytes) { c.add(bytes); };
  population_.residents.for_each_column_bytes(add);
  population_.households.for_each_column_bytes(add);
  const engine::Network network = population_.network.canonical();
  c.add(std::as_bytes(network.row_starts()));
  c.add(std::as_bytes(network.targets()));
  c.add(std::as_bytes(network.kinds()));
  c.add(std::as_bytes(network.weights()));
  c.add(std::as_bytes(std::span<const Incident>(incidents_)));
  return c.value();
}

}  // namespace wijksim::models
