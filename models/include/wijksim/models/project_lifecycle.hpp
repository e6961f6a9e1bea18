#pragma once
// The life of one project, week by week, and its review when a grant term ends: the state
// machine of seed 3 §2.2 with the 4+1 traits of §3 (S3:L34-41, L150-156). Pure functions of
// a project, the parameters, what the municipality offers and a random stream, so each rule can
// be tested alone. FundingSystem calls them in a fixed order (serial), one stream per project
// and purpose.
//
// Weekly life (advance_project_week):
//  - knowledge of the neighbourhood grows towards 1 over funding.know_years (S0 SF13: about two
//    years to know a neighbourhood), faster with a good leader; staff leave and take knowledge
//    with them (S3:L566 "het wegvallen van de kennisdragers"), twice as often in the last year of
//    a grant that nobody plans to continue (S0:L1073: short cycles bring uncertainty);
//  - organisational strength grows with knowledge, coalition and leadership; a strong
//    organisation takes about four years (S3:L626, S0 fn77): strength_growth_per_year is
//    calibrated to that, and how long a given project takes emerges from its traits;
//  - the leader's energy drains with the work and much faster while hunting the next grant
//    (S3:L514, L626, L636); below funding.burnout_energy the leader leaves, and a successor is
//    found only sometimes (best persons are scarce, S3:L480);
//  - coalition members leave at their role's hazard (civil servants rotate, provider managers
//    reorganise, residents move: S3:L426) and are replaced with low commitment; the leader's
//    networking rebuilds commitment at a cost in energy (S3:L426, L498);
//  - durable projects drift slowly from their mission (institutionalisation, S3:L578).
//
// Review (decide_review), in this order; one weak trait can be fatal (weakest link, S3 SF6):
//  1. structural route — only with a continuation plan (S3:L542) and an alderman who keeps
//     moving old money (S3:L426): measured effect, coalition and leader must all clear
//     funding.evidence_threshold; then nieuw voor oud must beat provider resistance, which
//     needs regie (S3:L576, L701): P = regie × (0.5 + 0.5 × coalition). Adopted jointly with
//     a co-financer when measurement maps the benefits to another payer (level >= 2, S3:L644),
//     structural otherwise;
//  2. social enterprise — projects built to earn, with a business counterpart (S3:L504, L584):
//     P = organisational strength (market revenue takes an organisation);
//  3. another term — with a continuation plan the funder keeps a promising project going until
//     it is proven or disproven (S3:L542, L320): P = 0.5 + 0.5 × evidence / threshold, if the
//     money reserved for it is there; without one the leader hunts for more of the same
//     (S3:L636) with P = refund_probability × (0.5 + 0.5 × leader energy) × (0.5 + 0.5 ×
//     coalition), and the application (next = review) competes with new ideas at the funding
//     call, where funders who demand novelty see through the new name only sometimes (S3:L269;
//     FundingSystem::call);
//  4. otherwise, or when the application fails (decide_end), the institutions' reflex to embed
//     it (S3:L412, L566): parcelled with P = absorption_drive × (1 - coalition_resistance ×
//     coalition); consciously, with its context kept, with P = regie × coalition (S3:L568);
//     terminated otherwise. A parcelled project creates demand for a new pilot elsewhere
//     (S3:L566 "de motor"), a terminated one sometimes (S3:L542): both reinvent the method under
//     a new name.
// Measured effect = realised effect + noise that halves with each measurement level (S3 §3.2):
// funders see evidence, not effectiveness; a young project shows little of what it could do.
#include <cstdint>

#include "wijksim/engine/random.hpp"
#include "wijksim/models/funding_parameters.hpp"
#include "wijksim/models/project.hpp"

namespace wijksim::models {

/// What happened to a project in one week.
struct ProjectWeekOutcome {
  bool leader_left = false;      ///< burned out this week
  bool leaderless = false;       ///< and no successor was found
  int coalition_departures = 0;  ///< members who left (replaced with low commitment)
};

/// One week of a living project's life. `fundraising`: its temporary grant ends within a
/// year (the leader hunts for the next pot). `resident_turnover_per_year`: the neighbourhood's.
ProjectWeekOutcome advance_project_week(Project& project, bool fundraising, double resident_turnover_per_year,
                                        const FundingParameters& fp, engine::RandomStream& stream);

/// Members of `role` leave with probability `share` (all at 1: an election replaces the
/// alderman) and are replaced with low commitment; the leader pays energy to rebuild.
/// Returns how many left.
int replace_coalition_members(Project& project, CoalitionRole role, double share, const FundingParameters& fp,
                              engine::RandomStream& stream);

/// What the municipality and the money offer at a review.
struct ReviewContext {
  double durability = 0.0;
  double regie = 0.5;
  bool reallocation_continues = true;  ///< the alderman keeps moving old money (nieuw voor oud)
  bool money_for_another_term = true;  ///< the neighbourhood's project money can pay another term
  bool has_cofinancer = false;         ///< another payer gains from this kind of project
};

struct ReviewDecision {
  ProjectState next = ProjectState::terminated;
  float evidence = 0.0F;          ///< the measured effect the decision saw
  bool relabel = false;           ///< refunded under a new name
  bool conscious = false;         ///< parcelled with its context kept
  bool reinvent = false;          ///< spawns the same method under a new name elsewhere
};

/// Noise of measured effect at a measurement level: evidence_noise / 2^level.
[[nodiscard]] double evidence_noise(const FundingParameters& fp, int level) noexcept;

/// The decision at the end of a grant term (or when a leaderless project can go on no longer):
/// next is structural, adopted_joint, social_enterprise, refunded, review (an application for
/// the funding call), parcelled or terminated.
[[nodiscard]] ReviewDecision decide_review(const Project& project, const ReviewContext& context,
                                           const FundingParameters& fp, engine::RandomStream& stream);
/// Route 4 alone: parcelled or terminated (for an application that found no money).
[[nodiscard]] ReviewDecision decide_end(const Project& project, const ReviewContext& context,
                                        const FundingParameters& fp, engine::RandomStream& stream);

}  // namespace wijksim::models
