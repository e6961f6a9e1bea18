#pragma once
// Funding, institutions and projects (MODEL.md §8): the municipality (municipality.hpp), the
// project money of each neighbourhood, ideas and funding calls, the life cycle of projects
// (project_lifecycle.hpp) and what living and stopping projects do to people and care. Runs as
// the model's first phase each tick ("funding", serial), and only when funding.enabled: with it
// off the phase never runs and nothing here touches the model's state.
//
// Each tick, in this order:
//  1. at a year's start: the municipality's year (budgets, elections, re-tendering); every
//     neighbourhood receives funding.project_money_per_resident × its residents;
//  2. the municipality watches silo budgets (waiting lists grow when one runs out);
//  3. ideas arrive (inspired residents and professionals, S3:L488) at
//     funding.ideas_per_year_per_10000, each a new method; reinventions arrive from stopped
//     projects; unfunded ideas lapse after funding.idea_lifetime_years;
//  4. every living project, in id order: its cost (below), a week of life, its review when its
//     term has ended at a funding round (or at once when it lost its leader and found no
//     successor; project_lifecycle.hpp), then its work with people:
//       - volunteers: it keeps funding.kind.volunteers × (0.3 + 0.7 × realised effect) (people
//         join what visibly works, S3:L263, L610), recruiting adults of the neighbourhood with
//         probability willingness × trust × (1 - burden); a recruit becomes a volunteer
//         (is_volunteer) and is tied to another member (friend tie, pending_ties);
//       - participants: it reaches funding.kind.reach_per_year × knowledge residents a year
//         among those in need in its target domains, each accepting with probability trust ×
//         (1 - reluctance / 2) (distrust lowers participation, S0 SF12); their trust rises by
//         trust_gain × realised effect × (1 - trust), and with funding.kind.tie_probability they
//         get a tie to a project volunteer (neighbour tie on the same block, friend otherwise);
//  5. funding calls (funding.calls_per_year, and whenever an application waits), after the
//     reviews: applications for more of the same first (the leader and coalition know the
//     funders, S3:L636), each considered at all with probability (1 - durability) ×
//     novelty_penalty + durability (funders who demand novelty see through a new name only
//     sometimes, S3:L269), then new ideas; each group ranked by leader quality × the
//     alderman's priority for their kind × chance, and funded in order
//     while the money pays the first year's cost now and a full year next year after the
//     running projects; for a new pilot, projects with a continuation plan count with their
//     next term too (continuation planned at the start, S3:L542; nothing is kept aside without
//     a plan). An application that finds no money ends (decide_end); a funded one goes on
//     under a new name when novelty rules (probability 1 - durability);
//  6. stops (terminated, parcelled, a failed social enterprise): a share of the ties it made
//     is removed (one network compaction per tick with stops), a share of its volunteers stop, its members'
//     trust drops by stop_trust_drop and everyone's in the neighbourhood by
//     stop_trust_drop_neighbourhood ("yet another project": S0 SF12, L711, L743; S3 SF17), to
//     come back over funding.distrust_memory_years; a
//     parcelled project adds coordination cost to its silo for parcel_coordination_years
//     (S3:L566) — all halved when parcelled consciously (S3:L568);
//  7. effects on the neighbourhood for the next phases (NeighbourhoodEffects): extra recovery
//     per domain = max_extra_drift_per_week × (1 - Π over living projects (1 - effect ×
//     weight[domain] × coverage)), coverage = min(1, reach / residents in need of the domain);
//     finder boost likewise with finder_weight.
//
// Money (MODEL.md §8 "budget-neutral"): every euro of project cost, whoever it is booked to,
// comes out of the neighbourhood's project money, which is the same in every funding regime
// (unspent money carries over; FundingSystem::money_years() reports it): so across regimes the
// total project money over the horizon is the same, and the difference is its rhythm. Costs
// are booked weekly to the project's silo (Tier::projects); when adopted jointly a co-financer
// carries funding.cofinance_share; a social enterprise's public share is
// funding.enterprise_public_share (the rest is market revenue, not public money). Nieuw voor
// oud comes on top: a structural project also cuts reallocation_share of its cost from the
// old spending of its silo's providers (Municipality::move_old_spending), so their capacity
// falls (S3:L576); Municipality::moved() reports it, so an analyst can add it back.
//
// Observability: projects() (kind, label, method, state, ticks, effectiveness, maturity …),
// transitions() (tick, project, from, to), the municipality's years() (budget and spend per
// silo per year), money_years() (project money per year). Serial use only.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "wijksim/engine/random.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/models/care_system.hpp"
#include "wijksim/models/municipality.hpp"
#include "wijksim/models/neighbourhood_effects.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"
#include "wijksim/models/project.hpp"
#include "wijksim/models/project_lifecycle.hpp"

namespace wijksim::models {

/// An idea waiting for money.
struct ProjectIdea {
  std::uint16_t neighbourhood = 0;
  ProjectKind kind = ProjectKind::living_room;
  std::uint32_t method = 0;
  std::uint32_t predecessor = kNoProject;  ///< a stopped project whose method this reinvents
  std::int32_t tick = 0;
  float leader_quality = 0.5F;
};

/// Project money of the whole city in one simulated year (euro).
struct MoneyYear {
  double received = 0.0;  ///< project money made available
  double spent = 0.0;     ///< project costs, all payers
};

/// The silo that pays for a kind of project, and the payer who gains enough to co-finance it
/// when it is adopted jointly (S3:L574, L644); social enterprises have none.
[[nodiscard]] Payer project_silo(ProjectKind kind) noexcept;
[[nodiscard]] bool project_cofinancer(ProjectKind kind, Payer& payer) noexcept;

class FundingSystem {
 public:
  /// Keeps pointers to all arguments (owned by the model, which outlives this).
  FundingSystem(const Parameters& parameters, Population& population, CareSystem& care, NeighbourhoodEffects& effects,
                engine::RandomKey key);

  /// The funding census, a parallel phase over residents just before step(): residents in
  /// need per neighbourhood and domain, counted per block, and the distrust left by stopped
  /// projects fading. Declared reads and writes: see Model::add_phases().
  void census(engine::PhaseContext& ctx, const engine::BlockRange& block);
  /// Sizes the census's per-block tallies and the distrust of every resident id; call before
  /// the census when residents or blocks may have changed (serial).
  void reset_census(std::size_t blocks);

  /// The funding phase (serial). Declared reads and writes: see Model::add_phases().
  void step(engine::PhaseContext& ctx);

  [[nodiscard]] const std::vector<Project>& projects() const noexcept { return projects_; }
  [[nodiscard]] const std::vector<ProjectTransition>& transitions() const noexcept { return transitions_; }
  [[nodiscard]] const std::vector<ProjectIdea>& ideas() const noexcept { return ideas_; }
  [[nodiscard]] const Municipality& municipality() const noexcept { return municipality_; }
  [[nodiscard]] const std::vector<MoneyYear>& money_years() const noexcept { return money_years_; }
  /// Unspent project money per neighbourhood now (euro; negative: overspent).
  [[nodiscard]] std::span<const double> balances() const noexcept { return balance_; }
  /// Methods invented so far (labels: next_label()).
  [[nodiscard]] std::uint32_t methods() const noexcept { return static_cast<std::uint32_t>(method_effectiveness_.size()); }
  [[nodiscard]] std::uint32_t labels() const noexcept { return next_label_; }
  /// Ticks the phase has run (0 when funding is off).
  [[nodiscard]] std::int64_t ticks_run() const noexcept { return ticks_run_; }

 private:
  struct Stop {
    std::uint32_t project = 0;
    bool conscious = false;
  };

  struct PeopleView;  // the columns of one tick, fetched through the phase context

  void index_residents(const PeopleView& view);
  [[nodiscard]] std::span<const std::uint32_t> residents_of(std::uint16_t neighbourhood) const noexcept;
  void start_year(std::int32_t tick);
  void arrive_ideas(std::int32_t tick);
  void call(std::int32_t tick);
  /// Whether the neighbourhood's project money pays `cost_per_year` for the rest of this year
  /// now and a full year next year, after the living projects (but `except`) are paid.
  [[nodiscard]] bool affordable(std::uint16_t neighbourhood, double cost_per_year, std::int32_t tick,
                                std::uint32_t except) const;
  void fund(const ProjectIdea& idea, std::int32_t tick);
  void pay(Project& p, std::int32_t tick);
  [[nodiscard]] ReviewContext review_context(const Project& p, std::int32_t tick) const;
  void review(Project& p, std::int32_t tick);
  void another_term(Project& p, bool relabel, std::int32_t tick, engine::RandomStream& s);
  void transition(Project& p, ProjectState to, std::int32_t tick);
  void stop(Project& p, ProjectState to, bool conscious, bool reinvent, std::int32_t tick);
  void add_tie(Project& p, std::uint32_t a, std::uint32_t b, TieKind kind);
  void work_with_people(Project& p, PeopleView& view, std::int32_t tick);
  void apply_stops(PeopleView& view, std::int32_t tick);
  void compute_effects();
  [[nodiscard]] double pot_cost_per_year(const Project& p) const noexcept;

  const Parameters* p_;
  Population* population_;
  CareSystem* care_;
  NeighbourhoodEffects* effects_;
  engine::RandomKey key_;
  Municipality municipality_;
  std::vector<Project> projects_;
  std::vector<ProjectTransition> transitions_;
  std::vector<ProjectIdea> ideas_;
  std::vector<float> method_effectiveness_;
  std::uint32_t next_label_ = 0;
  std::vector<double> balance_;             // per neighbourhood
  std::vector<MoneyYear> money_years_;
  std::vector<Stop> stops_;                 // this tick
  std::vector<std::uint32_t> applicants_;   // projects applying for another term at this tick's call
  std::vector<std::int32_t> parcel_until_;  // per project: tick until which coordination cost runs
  std::vector<float> distrust_;             // per resident id: trust taken by stops, not yet regained
  // Per tick: resident slots by neighbourhood, and residents in need per neighbourhood × domain.
  /// The census of one block: per neighbourhood, residents in need per domain, then in need in
  /// any domain, then all residents.
  using CensusRow = std::array<double, kDomainCount + 2>;
  std::vector<std::vector<CensusRow>> census_;  // per block of the census phase
  std::vector<std::uint32_t> resident_offsets_;
  std::vector<std::uint32_t> resident_slots_;
  std::vector<std::array<double, kDomainCount>> in_need_;
  std::vector<double> in_need_any_;
  std::int64_t ticks_run_ = 0;
};

}  // namespace wijksim::models
