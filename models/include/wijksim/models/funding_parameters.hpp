#pragma once
// Parameters of funding, institutions and projects (MODEL.md §8). Declared, with units, ranges
// and sources, in src/model_parameters_funding.cpp; read by FundingSystem, Municipality and the
// project life cycle. Plain values: hot loops read fields, never names.
#include <array>
#include <cstdint>
#include <string_view>

#include "wijksim/models/domains.hpp"

namespace wijksim::models {

/// The kinds of local project of MODEL.md §8.
enum class ProjectKind : std::uint8_t {
  living_room = 0,       ///< a neighbourhood living room run with volunteers (De Tulp, S3:L168-186)
  services_marketplace,  ///< residents trade help through social brokers (BUUV, S0:L571-587)
  outreach_worker,       ///< an outreach / presence worker (Eropaf!, S3:L204, L546)
  family_coaching,       ///< coaching of multi-problem households (one family one plan, S3:L398, L570)
  eviction_prevention,   ///< a chain of corporation, social services and municipality (S3:L574, S2:L1103)
  social_enterprise,     ///< economic and social goals together (Futuro, S3:L504, L584)
};
inline constexpr std::size_t kProjectKindCount = 6;
inline constexpr std::array<std::string_view, kProjectKindCount> kProjectKindNames{
    "living_room", "services_marketplace", "outreach_worker", "family_coaching", "eviction_prevention", "social_enterprise"};

/// What one kind of project costs, whom it reaches and what it works on.
struct ProjectKindParameters {
  double cost_per_year = 100000.0;          ///< euro, staff and premises
  double reach_per_year = 100.0;            ///< residents a mature project works with in a year
  double volunteers = 10.0;                 ///< volunteers a mature, visibly effective project keeps
  double finder_weight = 0.0;               ///< how much it makes residents spot trouble (finders), [0, 1]
  double tie_probability = 0.0;             ///< chance a participant is tied to a project volunteer
  double idea_weight = 1.0;                 ///< weight among new ideas, times the fit to local need
  std::array<double, kDomainCount> effect{};  ///< weight of its effect on recovery per domain, [0, 1]
};

struct FundingParameters {
  /// Projects and municipal institutions are off unless a scenario switches them on, so the
  /// people and care models run alone (the "no services" and care-only configurations).
  /// Fixed for a run (a scheduled change of it is refused).
  bool enabled = false;

  // The funding regime: 0 = project carousel, 1 = durable funding; one axis for sweeps.
  double durability = 0.0;
  int grant_years_min = 2;
  int grant_years_max = 3;
  double project_money_per_resident = 100.0;  ///< euro per resident per year, per neighbourhood
  double ideas_per_year_per_10000 = 6.0;
  double idea_lifetime_years = 2.0;
  int calls_per_year = 4;

  // The municipality.
  double regie = 0.5;                       ///< strength of direction, [0, 1]
  double budget_scale = 1.0;                ///< silo budgets as a share of the staffing's expected cost
  double budget_margin = 0.05;              ///< budgets allow this much above the expected cost
  double exhausted_capacity_factor = 0.6;   ///< admission slots left to a silo whose budget ran out
  double exhausted_threshold_shift = 0.1;   ///< rise of the help-seeking threshold when all silos ran out
  int election_years = 4;
  int first_election_year = 3;
  double policy_continuity = 0.7;           ///< chance a new alderman continues durable reallocation
  double civil_servant_turnover_per_year = 0.35;
  double provider_manager_turnover_per_year = 0.15;
  int tender_years = 3;                     ///< 0 = providers are never re-tendered
  double tender_staff_share = 0.3;
  double tender_cost_share = 0.03;          ///< transaction cost, share of the contract's yearly value
  double reallocation_share = 1.0;          ///< share of a structural project's cost cut from old spending
  double cofinance_share = 0.3;
  double enterprise_public_share = 0.5;
  double enterprise_failure_per_year = 0.05;  ///< at full budgets; rises with cuts (S3:L586)

  // Projects: maturity, leader, coalition, staff.
  double know_years = 2.0;
  double strength_growth_per_year = 0.8;
  double project_staff_turnover_per_year = 0.2;
  double staff_knowledge_loss = 0.3;
  double leader_drain_per_year = 0.1;
  double fundraising_drain_per_year = 0.35;
  double leader_recovery_per_year = 0.3;
  double burnout_energy = 0.2;
  double successor_probability = 0.4;
  double refund_energy_cost = 0.15;
  int coalition_size = 6;
  double networking_per_year = 0.6;
  double replacement_commitment = 0.2;
  double rebuild_energy_cost = 0.03;
  double context_loss = 0.3;
  double business_counterpart_probability = 0.5;
  double institutional_drift_per_year = 0.03;
  double measurement_carousel = 0.15;       ///< chance per step of the 0-3 measurement ladder, carousel
  double measurement_durable = 0.6;         ///< the same under durable funding
  double evidence_noise = 0.5;              ///< noise of measured effect at level 0; halves per level

  // The review.
  double evidence_threshold = 0.3;
  double refund_probability = 0.9;
  double novelty_penalty = 0.5;
  double absorption_drive = 0.9;
  double coalition_resistance = 0.4;
  double reinvent_after_parcel = 1.0;
  double reinvent_after_termination = 0.5;
  double parcel_coordination_cost = 30000.0;  ///< euro per year per parcelled project
  int parcel_coordination_years = 3;

  // What a stop does.
  double stop_tie_loss = 0.7;
  double stop_volunteer_loss = 0.5;
  double stop_trust_drop = 0.1;
  double stop_trust_drop_neighbourhood = 0.01;
  double distrust_memory_years = 3.0;       ///< trust lost to stops comes back over this time

  // Effects of living projects on people and care.
  double max_extra_drift_per_week = 0.15;
  double max_finder_boost = 1.0;
  double trust_gain = 0.3;
  double recruit_per_week = 0.1;

  std::array<ProjectKindParameters, kProjectKindCount> kind{};
};

}  // namespace wijksim::models
