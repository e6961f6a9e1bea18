#include "wijksim/models/funding_system.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/project_lifecycle.hpp"
#include "wijksim/models/random_purpose.hpp"
#include "wijksim/models/social_network.hpp"

namespace wijksim::models {
namespace {
constexpr float kOldestVolunteerAge = 80.0F;  // as in the volunteering of needs_and_carers
constexpr int kCandidateDraws = 8;            // tries to find a resident in need for a participant slot

/// A draw with mean `expected`: its whole part, plus one with the fraction's probability.
std::uint32_t whole_and_fraction(engine::RandomStream& s, double expected) {
  if (expected <= 0.0) return 0;
  const double whole = std::floor(expected);
  return static_cast<std::uint32_t>(whole) + (engine::bernoulli(s, expected - whole) ? 1U : 0U);
}
}  // namespace

/// The columns a tick of funding reads and writes, fetched once through the phase context.
struct FundingSystem::PeopleView {
  std::span<const float> age;
  std::span<const float> burden;
  std::span<const float> reluctance;
  std::span<const std::uint32_t> household;
  std::array<std::span<const float>, kDomainCount> severity{};
  std::span<float> trust;
  std::span<float> willingness;
  std::span<std::uint8_t> volunteer;
  std::span<const std::uint16_t> neighbourhood;  // of households
  std::span<const std::uint32_t> block;          // of households
};

Payer project_silo(ProjectKind kind) noexcept {
  switch (kind) {
    case ProjectKind::family_coaching: return Payer::municipality_youth;
    case ProjectKind::social_enterprise: return Payer::municipality_work_income;
    case ProjectKind::living_room:
    case ProjectKind::services_marketplace:
    case ProjectKind::outreach_worker:
    case ProjectKind::eviction_prevention: return Payer::municipality_social_support;
  }
  return Payer::municipality_social_support;
}

bool project_cofinancer(ProjectKind kind, Payer& payer) noexcept {
  switch (kind) {
    case ProjectKind::living_room:  // less specialist, outreach and crisis care (S3:L184)
    case ProjectKind::family_coaching:  // insurers demonstrably gain (Den Haag MKBA, S3:L644)
      payer = Payer::health_insurer;
      return true;
    case ProjectKind::services_marketplace:  // future-proof household help (S0:L571-587)
      payer = Payer::long_term_care_fund;
      return true;
    case ProjectKind::outreach_worker:  // arrears found early (S4 SF18)
    case ProjectKind::eviction_prevention:  // corporations in the chain (S3:L574, S2:L1103)
      payer = Payer::housing_corporation;
      return true;
    case ProjectKind::social_enterprise: return false;
  }
  return false;
}

FundingSystem::FundingSystem(const Parameters& parameters, Population& population, CareSystem& care,
                             NeighbourhoodEffects& effects, engine::RandomKey key)
    : p_(&parameters),
      population_(&population),
      care_(&care),
      effects_(&effects),
      key_(key),
      municipality_(parameters, care, key) {
  balance_.assign(population.neighbourhood_count, 0.0);
  in_need_.assign(population.neighbourhood_count, {});
  in_need_any_.assign(population.neighbourhood_count, 0.0);
}

double FundingSystem::pot_cost_per_year(const Project& p) const noexcept {
  return p.state == ProjectState::social_enterprise ? p.cost_per_year * p_->funding.enterprise_public_share : p.cost_per_year;
}

void FundingSystem::step(engine::PhaseContext& ctx) {
  const auto& fp = p_->funding;
  if (!fp.enabled) return;
  ++ticks_run_;
  const std::int32_t tick = ctx.tick().value();
  auto& res = population_->residents;
  auto& hhs = population_->households;
  const auto& r = population_->r;
  const auto& h = population_->h;
  PeopleView view;
  view.age = ctx.read(res, r.age_years);
  view.burden = ctx.read(res, r.burden);
  view.reluctance = ctx.read(res, r.reluctance);
  view.household = ctx.read(res, r.household);
  for (std::size_t d = 0; d < kDomainCount; ++d) view.severity[d] = ctx.read(res, r.severity[d]);
  view.trust = ctx.write(res, r.trust);
  view.willingness = ctx.write(res, r.willingness);
  view.volunteer = ctx.write(res, r.is_volunteer);
  view.neighbourhood = ctx.read(hhs, h.neighbourhood);
  view.block = ctx.read(hhs, h.block);

  index_residents(view);
  if (tick % 52 == 0 || municipality_.years().size() <= static_cast<std::size_t>(tick / 52)) start_year(tick);
  municipality_.watch_budgets(tick);
  arrive_ideas(tick);

  const double resident_turnover = p_->demography.turnover_per_year;
  const bool call_tick = tick % std::max(1, 52 / std::max(1, fp.calls_per_year)) == 0;
  for (std::size_t i = 0; i < projects_.size(); ++i) {
    Project& p = projects_[i];
    if (!is_alive(p.state)) continue;
    pay(p, tick);
    engine::RandomStream s(key_, p.id, ctx.tick(), kPurposeProjectLife);
    const bool fundraising = !is_durable(p.state) && p.review_tick >= 0 && p.review_tick - tick <= 52;
    const ProjectWeekOutcome week = advance_project_week(p, fundraising, resident_turnover, fp, s);
    if (p.strong_tick < 0 && p.strength >= 1.0F) p.strong_tick = tick;
    // Terms end at a funding round (reviews wait for the next call); a project left without a
    // leader is reviewed at once; one already in review awaits this tick's call.
    const bool due = (call_tick && p.review_tick >= 0 && tick >= p.review_tick) || week.leaderless;
    if (p.state != ProjectState::review && !is_durable(p.state) && due) review(p, tick);
    if (p.state == ProjectState::social_enterprise) {
      // Squeezed when reintegration money is cut (S3:L586).
      const double squeeze = 1.0 + 4.0 * std::max(0.0, 1.0 - fp.budget_scale);
      if (engine::bernoulli(s, fp.enterprise_failure_per_year * squeeze / kWeeksPerYear)) {
        stop(p, ProjectState::terminated, false, engine::bernoulli(s, fp.reinvent_after_termination), tick);
      }
    }
    if (is_alive(p.state)) work_with_people(p, view, tick);
  }
  // Calls after the reviews of this tick: applications for more of the same compete with new
  // ideas (S3:L636, L269).
  if (call_tick || !applicants_.empty()) call(tick);
  // Parcelled work lives on as chain protocols: new coordination layers (S3:L566).
  for (const Project& p : projects_) {
    if (p.state != ProjectState::parcelled || parcel_until_[p.id] <= tick) continue;
    const double cost = fp.parcel_coordination_cost / kWeeksPerYear * (p.parcelled_consciously ? 0.5 : 1.0);
    care_->ledger().add(tick, project_silo(p.kind), Tier::coordination, cost);
  }
  apply_stops(view, tick);
  compute_effects();
}

void FundingSystem::reset_census(std::size_t blocks) {
  if (!p_->funding.enabled) return;  // the census never runs
  census_.resize(blocks);
  const auto ids = population_->residents.ids();
  if (!ids.empty() && distrust_.size() <= ids.back().value()) distrust_.resize(ids.back().value() + 1U, 0.0F);
}

void FundingSystem::census(engine::PhaseContext& ctx, const engine::BlockRange& block) {
  auto& res = population_->residents;
  const auto& r = population_->r;
  const auto household = ctx.read(res, r.household);
  const auto neighbourhood = ctx.read(population_->households, population_->h.neighbourhood);
  std::array<std::span<const float>, kDomainCount> sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = ctx.read(res, r.severity[d]);
  auto& tally = census_[block.index];
  tally.assign(population_->neighbourhood_count, CensusRow{});
  // Integer counts per run of residents in one neighbourhood (residents are stored household
  // by household, so runs are long), added to the tally when the neighbourhood changes: whole
  // numbers in doubles, so the tally is exactly what counting one by one gives. Branch-free,
  // as severities sit on both sides of the line.
  std::array<std::uint32_t, kDomainCount + 2> counts{};
  std::size_t current = tally.size();
  const auto flush = [&] {
    if (current < tally.size()) {
      for (std::size_t k = 0; k < counts.size(); ++k) tally[current][k] += static_cast<double>(counts[k]);
    }
    counts.fill(0U);
  };
  for (std::size_t i = block.begin; i < block.end; ++i) {
    const std::size_t hood = neighbourhood[household[i]];
    if (hood != current) {
      flush();
      current = hood;
    }
    std::uint32_t any = 0;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      const std::uint32_t vulnerable = sev[d][i] >= kVulnerableSeverity ? 1U : 0U;
      counts[d] += vulnerable;
      any |= vulnerable;
    }
    counts[kDomainCount] += any;
    counts[kDomainCount + 1] += 1U;
  }
  flush();
  // Distrust of "yet another project" fades: what stops took comes back over
  // funding.distrust_memory_years (exponentially). Each resident's own id: no two blocks share one.
  const auto trust = ctx.write(res, r.trust);
  const auto ids = res.ids();
  const auto back = static_cast<float>(1.0 - std::exp(-1.0 / (kWeeksPerYear * p_->funding.distrust_memory_years)));
  for (std::size_t i = block.begin; i < block.end; ++i) {
    float& owed = distrust_[ids[i].value()];
    if (owed <= 0.0F) continue;
    const float regained = std::min(owed * back, 1.0F - trust[i]);
    trust[i] += regained;
    owed -= owed * back;
  }
}

void FundingSystem::index_residents(const PeopleView& view) {
  // The census's block tallies, added in block order (counts: exact in any order).
  const std::size_t n = population_->neighbourhood_count;
  for (auto& row : in_need_) row.fill(0.0);
  std::fill(in_need_any_.begin(), in_need_any_.end(), 0.0);
  resident_offsets_.assign(n + 1, 0);
  for (const auto& tally : census_) {
    for (std::size_t hood = 0; hood < tally.size(); ++hood) {
      for (std::size_t d = 0; d < kDomainCount; ++d) in_need_[hood][d] += tally[hood][d];
      in_need_any_[hood] += tally[hood][kDomainCount];
      resident_offsets_[hood + 1] += static_cast<std::uint32_t>(tally[hood][kDomainCount + 1]);
    }
  }
  for (std::size_t k = 0; k < n; ++k) resident_offsets_[k + 1] += resident_offsets_[k];
  // Resident slots by neighbourhood, ascending within each. With one neighbourhood (which a
  // run keeps) that is every slot in order: the vector always holds 0, 1, 2, ..., so only a
  // new tail needs writing.
  const std::size_t residents = view.household.size();
  if (n == 1) {
    const std::size_t known = std::min(resident_slots_.size(), residents);
    resident_slots_.resize(residents);
    for (std::size_t i = known; i < residents; ++i) resident_slots_[i] = static_cast<std::uint32_t>(i);
    return;
  }
  resident_slots_.resize(residents);
  std::vector<std::uint32_t> next(resident_offsets_.begin(), resident_offsets_.end() - 1);
  for (std::uint32_t i = 0; i < residents; ++i) resident_slots_[next[view.neighbourhood[view.household[i]]]++] = i;
}

std::span<const std::uint32_t> FundingSystem::residents_of(std::uint16_t neighbourhood) const noexcept {
  return std::span<const std::uint32_t>(resident_slots_)
      .subspan(resident_offsets_[neighbourhood], resident_offsets_[neighbourhood + 1U] - resident_offsets_[neighbourhood]);
}

void FundingSystem::start_year(std::int32_t tick) {
  const auto& fp = p_->funding;
  const YearStart year = municipality_.start_year(tick);
  // Elections replace the alderman in every coalition; re-tendering reshuffles provider
  // managers (S3:L426, SF10).
  if (year.election || year.tender) {
    for (Project& p : projects_) {
      if (!is_alive(p.state)) continue;
      engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeInstitutionShock);
      if (year.election) (void)replace_coalition_members(p, CoalitionRole::alderman, 1.0, fp, s);
      if (year.tender) (void)replace_coalition_members(p, CoalitionRole::provider_manager, fp.tender_staff_share, fp, s);
    }
  }
  // A new alderman who stops moving old money sends what it funds back to review.
  if (year.reallocation_halted) {
    for (Project& p : projects_) {
      if (is_alive(p.state) && p.funded_by_reallocation) review(p, tick);
    }
  }
  const auto y = static_cast<std::size_t>(tick / 52);
  if (money_years_.size() <= y) money_years_.resize(y + 1);
  for (std::uint16_t n = 0; n < balance_.size(); ++n) {
    const double money = fp.project_money_per_resident * static_cast<double>(residents_of(n).size());
    balance_[n] += money;
    money_years_[y].received += money;
  }
}

void FundingSystem::arrive_ideas(std::int32_t tick) {
  const auto& fp = p_->funding;
  const double lifetime = fp.idea_lifetime_years * kWeeksPerYear;
  std::erase_if(ideas_, [&](const ProjectIdea& idea) { return static_cast<double>(tick - idea.tick) > lifetime; });
  for (std::uint16_t n = 0; n < balance_.size(); ++n) {
    const auto residents = static_cast<double>(residents_of(n).size());
    engine::RandomStream s(key_, n, engine::Tick{tick}, kPurposeIdea);
    const std::uint32_t count = engine::poisson(s, fp.ideas_per_year_per_10000 * residents / 10000.0 / kWeeksPerYear);
    for (std::uint32_t k = 0; k < count; ++k) {
      // Inspired people see that a group is doing badly (S3:L488): kinds by local need.
      std::array<double, kProjectKindCount> weight{};
      for (std::size_t kind = 0; kind < kProjectKindCount; ++kind) {
        for (std::size_t d = 0; d < kDomainCount; ++d) weight[kind] += fp.kind[kind].effect[d] * in_need_[n][d];
        weight[kind] = (weight[kind] + 1e-9) * fp.kind[kind].idea_weight;
      }
      double total_weight = 0.0;
      for (const double w : weight) total_weight += w;
      if (total_weight <= 0.0) continue;  // every kind's idea_weight is 0: no ideas
      ProjectIdea idea;
      idea.neighbourhood = n;
      idea.kind = static_cast<ProjectKind>(engine::categorical(s, weight));
      idea.method = static_cast<std::uint32_t>(method_effectiveness_.size());
      idea.tick = tick;
      idea.leader_quality = static_cast<float>(engine::uniform(s, 0.2, 1.0));
      // A method's effectiveness: most are middling, few excellent or useless.
      method_effectiveness_.push_back(static_cast<float>(0.1 + 0.45 * (engine::uniform01(s) + engine::uniform01(s))));
      ideas_.push_back(idea);
    }
  }
}

bool FundingSystem::affordable(std::uint16_t neighbourhood, double cost_per_year, std::int32_t tick, std::uint32_t except) const {
  const auto& fp = p_->funding;
  const std::int32_t next_year = (tick / 52 + 1) * 52;
  const double weeks_left = static_cast<double>(next_year - tick);
  double now = 0.0;
  double next = 0.0;
  for (const Project& q : projects_) {
    if (q.neighbourhood != neighbourhood || !is_alive(q.state) || q.id == except) continue;
    const double cost = pot_cost_per_year(q) / kWeeksPerYear;
    if (is_durable(q.state)) {
      now += cost * weeks_left;
      next += cost * kWeeksPerYear;
    } else if (except == kNoProject && q.plan != SustainPlan::none) {
      // A new pilot must leave room for the continuation planned for running ones (S3:L542).
      now += cost * weeks_left;
      next += cost * kWeeksPerYear;
    } else {
      now += cost * std::clamp(static_cast<double>(q.review_tick - tick), 0.0, weeks_left);
      next += cost * std::clamp(static_cast<double>(q.review_tick - next_year), 0.0, kWeeksPerYear);
    }
  }
  const double first = cost_per_year / kWeeksPerYear * weeks_left;
  const double free_now = balance_[neighbourhood] - now;
  const double money_next = fp.project_money_per_resident * static_cast<double>(residents_of(neighbourhood).size());
  return free_now >= first && money_next + (free_now - first) - next >= cost_per_year;
}

void FundingSystem::call(std::int32_t tick) {
  const auto& fp = p_->funding;
  const auto& priority = municipality_.alderman().priority;
  // Funders who demand novelty take "more of the same" under a new name only sometimes (S3:L269).
  const double novelty = (1.0 - fp.durability) * fp.novelty_penalty + fp.durability;
  std::vector<std::uint8_t> funded(ideas_.size(), 0);
  for (std::uint16_t n = 0; n < balance_.size(); ++n) {
    engine::RandomStream s(key_, n, engine::Tick{tick}, kPurposeFundingCall);
    struct Candidate {
      double score;
      bool is_project;
      std::size_t index;  // into ideas_, or a project id
    };
    std::vector<Candidate> ranked;
    // Running projects apply first: their leaders and coalitions know the funders (the "usual
    // suspects", S3:L636); ranked above every new idea.
    for (const std::uint32_t id : applicants_) {
      const Project& p = projects_[id];
      if (p.neighbourhood != n) continue;
      const double score = 10.0 + static_cast<double>(p.leader.quality) * priority[static_cast<std::size_t>(p.kind)] * engine::uniform(s, 0.5, 1.5);
      if (engine::bernoulli(s, novelty)) ranked.push_back(Candidate{score, true, id});
    }
    for (std::size_t k = 0; k < ideas_.size(); ++k) {
      const ProjectIdea& idea = ideas_[k];
      if (idea.neighbourhood != n) continue;
      const double score = static_cast<double>(idea.leader_quality) * priority[static_cast<std::size_t>(idea.kind)] * engine::uniform(s, 0.5, 1.5);
      ranked.push_back(Candidate{score, false, k});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    for (const Candidate& c : ranked) {
      if (c.is_project) {
        Project& p = projects_[c.index];
        if (affordable(n, p.cost_per_year, tick, p.id)) {
          engine::RandomStream a(key_, p.id, engine::Tick{tick}, kPurposeApplication);
          another_term(p, engine::bernoulli(a, 1.0 - fp.durability), tick, a);
        }
        continue;
      }
      const double cost = fp.kind[static_cast<std::size_t>(ideas_[c.index].kind)].cost_per_year;
      if (!affordable(n, cost, tick, kNoProject)) continue;
      fund(ideas_[c.index], tick);
      funded[c.index] = 1;
    }
  }
  std::size_t out = 0;
  for (std::size_t k = 0; k < funded.size(); ++k) {
    if (funded[k] == 0) ideas_[out++] = ideas_[k];
  }
  ideas_.resize(out);
  // Applications that found no money: the project ends (S3:L542), maybe to be reinvented.
  for (const std::uint32_t id : applicants_) {
    Project& p = projects_[id];
    if (p.state != ProjectState::review) continue;
    engine::RandomStream a(key_, p.id, engine::Tick{tick}, kPurposeApplication);
    const ReviewDecision d = decide_end(p, review_context(p, tick), fp, a);
    stop(p, d.next, d.conscious, d.reinvent, tick);
  }
  applicants_.clear();
}

void FundingSystem::fund(const ProjectIdea& idea, std::int32_t tick) {
  const auto& fp = p_->funding;
  Project p;
  p.id = static_cast<std::uint32_t>(projects_.size());
  engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeProjectStart);
  p.label = next_label_++;
  p.method = idea.method;
  p.predecessor = idea.predecessor;
  p.kind = idea.kind;
  p.neighbourhood = idea.neighbourhood;
  p.state = ProjectState::pilot;
  // The +1: continuation planned at the start only where funders demand it (S3:L542).
  if (engine::bernoulli(s, fp.durability)) {
    p.plan = p.kind == ProjectKind::social_enterprise ? SustainPlan::enterprise : SustainPlan::structural;
  }
  // Measurement: in/outflow only is the rule (S3:L322, L332); durable funders ask for outcomes.
  const double step = fp.measurement_carousel + fp.durability * (fp.measurement_durable - fp.measurement_carousel);
  p.measurement_level = static_cast<std::uint8_t>(engine::binomial(s, 3, std::clamp(step, 0.0, 1.0)));
  p.has_business_counterpart = engine::bernoulli(s, fp.business_counterpart_probability);
  p.idea_tick = idea.tick;
  p.start_tick = tick;
  const int years = fp.grant_years_min + static_cast<int>(engine::uniform_index(
                                             s, static_cast<std::uint32_t>(std::max(0, fp.grant_years_max - fp.grant_years_min) + 1)));
  p.review_tick = tick + 52 * years;
  p.method_effectiveness = method_effectiveness_[idea.method];
  // A vision can be copied, its context cannot (S3:L418).
  p.effectiveness = p.method_effectiveness * static_cast<float>(1.0 - fp.context_loss * engine::uniform01(s));
  p.leader.quality = idea.leader_quality;
  p.coalition_size = static_cast<std::uint8_t>(std::clamp(fp.coalition_size, 0, static_cast<int>(kMaxCoalition)));
  static constexpr CoalitionRole kRoles[] = {CoalitionRole::alderman,         CoalitionRole::civil_servant,
                                             CoalitionRole::provider_manager, CoalitionRole::civil_servant,
                                             CoalitionRole::provider_manager, CoalitionRole::resident};
  for (std::size_t k = 0; k < p.coalition_size; ++k) {
    p.coalition[k] = CoalitionMember{kRoles[k % std::size(kRoles)], static_cast<float>(engine::uniform(s, 0.2, 0.8))};
  }
  p.cost_per_year = fp.kind[static_cast<std::size_t>(p.kind)].cost_per_year;
  transitions_.push_back(ProjectTransition{tick, p.id, ProjectState::idea, ProjectState::pilot});
  projects_.push_back(std::move(p));
  parcel_until_.push_back(-1);
}

void FundingSystem::pay(Project& p, std::int32_t tick) {
  const auto& fp = p_->funding;
  CostLedger& ledger = care_->ledger();
  const double week = p.cost_per_year / kWeeksPerYear;
  const Payer silo = project_silo(p.kind);
  double pot = week;
  if (p.state == ProjectState::social_enterprise) {
    pot = week * fp.enterprise_public_share;  // the rest is market revenue
    ledger.add(tick, silo, Tier::projects, pot);
  } else if (Payer co{}; p.state == ProjectState::adopted_joint && project_cofinancer(p.kind, co)) {
    ledger.add(tick, co, Tier::projects, week * fp.cofinance_share);
    ledger.add(tick, silo, Tier::projects, week * (1.0 - fp.cofinance_share));
  } else {
    ledger.add(tick, silo, Tier::projects, week);
  }
  balance_[p.neighbourhood] -= pot;
  p.spent += pot;
  const auto y = static_cast<std::size_t>(tick / 52);
  if (money_years_.size() <= y) money_years_.resize(y + 1);
  money_years_[y].spent += pot;
}

void FundingSystem::transition(Project& p, ProjectState to, std::int32_t tick) {
  transitions_.push_back(ProjectTransition{tick, p.id, p.state, to});
  p.state = to;
}

ReviewContext FundingSystem::review_context(const Project& p, std::int32_t tick) const {
  const auto& fp = p_->funding;
  ReviewContext context;
  context.durability = fp.durability;
  context.regie = fp.regie;
  context.reallocation_continues = municipality_.alderman().continues_reallocation;
  context.money_for_another_term = affordable(p.neighbourhood, p.cost_per_year, tick, p.id);
  Payer co{};
  context.has_cofinancer = project_cofinancer(p.kind, co);
  return context;
}

void FundingSystem::another_term(Project& p, bool relabel, std::int32_t tick, engine::RandomStream& s) {
  const auto& fp = p_->funding;
  transition(p, ProjectState::refunded, tick);
  if (relabel) {
    p.label = next_label_++;
    ++p.labels;
  }
  p.leader.energy = std::max(0.0F, p.leader.energy - static_cast<float>(fp.refund_energy_cost));
  const int years = fp.grant_years_min + static_cast<int>(engine::uniform_index(
                                             s, static_cast<std::uint32_t>(std::max(0, fp.grant_years_max - fp.grant_years_min) + 1)));
  p.review_tick = tick + 52 * years;
  transition(p, ProjectState::pilot, tick);
}

void FundingSystem::review(Project& p, std::int32_t tick) {
  const auto& fp = p_->funding;
  engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeProjectReview);
  if (p.state != ProjectState::review) transition(p, ProjectState::review, tick);
  if (p.funded_by_reallocation) {
    municipality_.return_old_spending(project_silo(p.kind), p.cost_per_year * fp.reallocation_share);
    p.funded_by_reallocation = false;
  }
  const ReviewDecision d = decide_review(p, review_context(p, tick), fp, s);
  ++p.reviews;
  p.last_evidence = d.evidence;
  if (p.first_review_tick < 0) {
    p.first_review_tick = tick;
    p.maturity_at_first_review = p.maturity();
    p.strength_at_first_review = p.strength;
  }
  switch (d.next) {
    case ProjectState::review:
      applicants_.push_back(p.id);  // decided at this tick's funding call
      break;
    case ProjectState::refunded:
      another_term(p, d.relabel, tick, s);
      break;
    case ProjectState::structural:
    case ProjectState::adopted_joint:
      transition(p, d.next, tick);
      p.review_tick = -1;
      p.funded_by_reallocation = true;
      municipality_.move_old_spending(project_silo(p.kind), p.cost_per_year * fp.reallocation_share);
      break;
    case ProjectState::social_enterprise:
      transition(p, d.next, tick);
      p.review_tick = -1;
      break;
    case ProjectState::parcelled:
    case ProjectState::terminated:
      stop(p, d.next, d.conscious, d.reinvent, tick);
      break;
    case ProjectState::idea:
    case ProjectState::pilot:
      break;  // decide_review never returns these
  }
}

void FundingSystem::stop(Project& p, ProjectState to, bool conscious, bool reinvent, std::int32_t tick) {
  const auto& fp = p_->funding;
  transition(p, to, tick);
  p.end_tick = tick;
  p.review_tick = -1;
  if (to == ProjectState::parcelled) {
    p.parcelled_consciously = conscious;
    parcel_until_[p.id] = tick + 52 * fp.parcel_coordination_years;
  }
  stops_.push_back(Stop{p.id, conscious});
  if (!reinvent) return;
  // The wheel reinvented elsewhere: same method, new label, no knowledge (S3:L542, L566).
  engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeIdea);
  ProjectIdea idea;
  const auto hoods = static_cast<std::uint32_t>(balance_.size());
  idea.neighbourhood = p.neighbourhood;
  if (hoods > 1) {
    const std::uint32_t other = engine::uniform_index(s, hoods - 1);
    idea.neighbourhood = static_cast<std::uint16_t>(other >= p.neighbourhood ? other + 1 : other);
  }
  idea.kind = p.kind;
  idea.method = p.method;
  idea.predecessor = p.id;
  idea.tick = tick;
  idea.leader_quality = static_cast<float>(engine::uniform(s, 0.2, 1.0));
  ideas_.push_back(idea);
}

void FundingSystem::add_tie(Project& p, std::uint32_t a, std::uint32_t b, TieKind kind) {
  if (a == b) return;
  if (population_->network.tied(a, b)) return;
  const auto k = static_cast<std::uint8_t>(kind);
  population_->pending_ties.push_back(engine::EdgeSpec{a, b, k, kTieWeight[k]});
  const auto& res = population_->residents;
  p.ties.push_back(ProjectTie{res.id_at(a), res.id_at(b), k});
}

void FundingSystem::work_with_people(Project& p, PeopleView& view, std::int32_t tick) {
  const auto& fp = p_->funding;
  const auto& kp = fp.kind[static_cast<std::size_t>(p.kind)];
  const auto slots = residents_of(p.neighbourhood);
  if (slots.empty()) return;
  const auto& res = population_->residents;
  engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeRecruit);
  const auto pick = [&] { return slots[engine::uniform_index(s, static_cast<std::uint32_t>(slots.size()))]; };
  const double effect = static_cast<double>(p.realised_effect());

  // Volunteers: people join what visibly works (S3:L263, L610) and drift off on their own.
  std::erase_if(p.volunteers, [&](ResidentId id) {
    const auto slot = res.slot_of(id);
    return !slot || view.volunteer[*slot] == 0;
  });
  const double target = kp.volunteers * (0.3 + 0.7 * effect);
  const double missing = std::max(0.0, target - static_cast<double>(p.volunteers.size()));
  const std::uint32_t asks = whole_and_fraction(s, fp.recruit_per_week * missing);
  for (std::uint32_t k = 0; k < asks; ++k) {
    const std::uint32_t i = pick();
    if (view.age[i] < kAdultAge || view.age[i] >= kOldestVolunteerAge) continue;
    const double yes = static_cast<double>(view.willingness[i] * view.trust[i] * (1.0F - view.burden[i]));
    if (!engine::bernoulli(s, yes)) continue;
    view.volunteer[i] = 1;
    if (!p.members.empty()) {
      if (const auto other = res.slot_of(p.members[engine::uniform_index(s, static_cast<std::uint32_t>(p.members.size()))])) {
        add_tie(p, i, static_cast<std::uint32_t>(*other), TieKind::friend_tie);
      }
    }
    p.volunteers.push_back(res.id_at(i));
    p.members.push_back(res.id_at(i));
  }

  // Participants among those in need in its domains; it takes knowing the neighbourhood to
  // reach them (S0 SF13).
  const double reach = kp.reach_per_year * static_cast<double>(p.knowledge) * (p.leader.present ? 1.0 : 0.5) / kWeeksPerYear;
  const std::uint32_t contacts = whole_and_fraction(s, reach);
  for (std::uint32_t k = 0; k < contacts; ++k) {
    std::uint32_t who = kNobody;
    for (int draw = 0; draw < kCandidateDraws && who == kNobody; ++draw) {
      const std::uint32_t i = pick();
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        if (kp.effect[d] > 0.0 && view.severity[d][i] >= kVulnerableSeverity) who = i;
      }
    }
    if (who == kNobody) continue;
    const double yes = static_cast<double>(view.trust[who] * (1.0F - 0.5F * view.reluctance[who]));
    if (!engine::bernoulli(s, yes)) continue;
    view.trust[who] += static_cast<float>(fp.trust_gain * effect) * (1.0F - view.trust[who]);
    p.members.push_back(res.id_at(who));
    if (!p.volunteers.empty() && engine::bernoulli(s, kp.tie_probability * (0.5 + 0.5 * effect))) {
      if (const auto v = res.slot_of(p.volunteers[engine::uniform_index(s, static_cast<std::uint32_t>(p.volunteers.size()))])) {
        const bool same_block = view.block[view.household[who]] == view.block[view.household[*v]];
        add_tie(p, who, static_cast<std::uint32_t>(*v), same_block ? TieKind::neighbour : TieKind::friend_tie);
      }
    }
  }
}

void FundingSystem::apply_stops(PeopleView& view, std::int32_t tick) {
  if (stops_.empty()) return;
  const auto& fp = p_->funding;
  const auto& res = population_->residents;
  std::vector<std::array<std::uint32_t, 3>> removed;  // (lower slot, higher slot, kind)
  for (const Stop& stop : stops_) {
    Project& p = projects_[stop.project];
    const double loss = stop.conscious ? 0.5 : 1.0;
    engine::RandomStream s(key_, p.id, engine::Tick{tick}, kPurposeProjectStop);
    for (const ProjectTie& t : p.ties) {
      const auto a = res.slot_of(t.a);
      const auto b = res.slot_of(t.b);
      if (!a || !b || !engine::bernoulli(s, fp.stop_tie_loss * loss)) continue;
      const auto lo = static_cast<std::uint32_t>(std::min(*a, *b));
      const auto hi = static_cast<std::uint32_t>(std::max(*a, *b));
      removed.push_back({lo, hi, t.kind});
    }
    for (const ResidentId id : p.volunteers) {
      const auto slot = res.slot_of(id);
      if (slot && view.volunteer[*slot] != 0 && engine::bernoulli(s, fp.stop_volunteer_loss * loss)) view.volunteer[*slot] = 0;
    }
    std::sort(p.members.begin(), p.members.end());
    p.members.erase(std::unique(p.members.begin(), p.members.end()), p.members.end());
    const auto lose_trust = [&](std::size_t slot, float drop) {
      const float lost = std::min(view.trust[slot], drop);
      view.trust[slot] -= lost;
      distrust_[res.id_at(slot).value()] += lost;
    };
    const auto drop = static_cast<float>(fp.stop_trust_drop * loss);
    for (const ResidentId id : p.members) {
      if (const auto slot = res.slot_of(id)) lose_trust(*slot, drop);
    }
    const auto everyone = static_cast<float>(fp.stop_trust_drop_neighbourhood * loss);
    for (const std::uint32_t i : residents_of(p.neighbourhood)) lose_trust(i, everyone);
    p.volunteers = {};
    p.members = {};
    p.ties = {};
  }
  stops_.clear();
  if (removed.empty()) return;
  std::sort(removed.begin(), removed.end());
  population_->network.drop_edges([&removed](const engine::EdgeSpec& e) {
    const std::array<std::uint32_t, 3> key{std::min(e.source, e.target), std::max(e.source, e.target), e.kind};
    return !std::binary_search(removed.begin(), removed.end(), key);
  });
}

void FundingSystem::compute_effects() {
  const auto& fp = p_->funding;
  const std::size_t hoods = balance_.size();
  std::vector<std::array<double, kDomainCount>> untouched(hoods);
  std::vector<double> unfound(hoods, 1.0);
  for (auto& row : untouched) row.fill(1.0);
  for (const Project& p : projects_) {
    if (!is_alive(p.state)) continue;
    const auto& kp = fp.kind[static_cast<std::size_t>(p.kind)];
    const double effect = static_cast<double>(p.realised_effect());
    const std::size_t n = p.neighbourhood;
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      if (kp.effect[d] <= 0.0) continue;
      const double coverage = std::min(1.0, kp.reach_per_year / std::max(1.0, in_need_[n][d]));
      untouched[n][d] *= 1.0 - std::clamp(effect * kp.effect[d] * coverage, 0.0, 1.0);
    }
    const double coverage = std::min(1.0, kp.reach_per_year / std::max(1.0, in_need_any_[n]));
    unfound[n] *= 1.0 - std::clamp(effect * kp.finder_weight * coverage, 0.0, 1.0);
  }
  for (std::size_t n = 0; n < hoods && n < effects_->by_neighbourhood.size(); ++n) {
    NeighbourhoodEffect& e = effects_->by_neighbourhood[n];
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      e.extra_drift_per_week[d] = static_cast<float>(fp.max_extra_drift_per_week * (1.0 - untouched[n][d]));
    }
    e.finder_boost = static_cast<float>(fp.max_finder_boost * (1.0 - unfound[n]));
  }
}

}  // namespace wijksim::models
