// Parameters of funding, institutions and projects (MODEL.md §8), read by FundingSystem,
// Municipality and the project life cycle. Sources: seed 3 (the project carousel, the 4+1
// method, S3:Lnnn), seed 0 (Veerkracht Carnisse, BUUV, commissioning cycles, S0:Lnnn),
// or "assumption" with its reasoning. Calibrated values say against what.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/project.hpp"

namespace wijksim::models {
namespace {
using P = Parameters;

struct KindDefaults {
  ProjectKind kind;
  double cost;
  double reach;
  double volunteers;
  double finder;
  double ties;
  std::array<double, kDomainCount> effect;  // finances, work, housing, family, mental, physical, addiction, social
  const char* source;
};
}  // namespace

void ModelParameters::declare_funding() {
  {
    const auto key = registry_->declare_flag(
        "funding.enabled",
        "Run the municipality, project money and local projects (off: people and care alone; fixed for a run)", false,
        "MODEL.md §8; off by default so care-only runs are unchanged");
    setters_.push_back([key](const engine::ParameterSet& s, P& p) { p.funding.enabled = s.get(key); });
  }
  // The regime axis and the money.
  real("funding.durability", "fraction",
       "Funding regime: 0 = project carousel (novelty required, continuation not planned, output counted), 1 = durable "
       "(continuation planned, outcomes measured, proven projects funded structurally)",
       0.0, 0.0, 1.0, "S3 §2.2 regime table: carousel L118, L269, L542 vs durable L320, L576, L624",
       [](P& p, double v) { p.funding.durability = v; });
  integer("funding.grant_years_min", "years", "Shortest term of a temporary grant", 2, 1, 20,
          "MODEL.md §8 (default 2-3 years); S3 gives no term [ABSENT], S0 fn77 calls 4 years the minimum to get results",
          [](P& p, std::int64_t v) { p.funding.grant_years_min = static_cast<int>(v); });
  integer("funding.grant_years_max", "years", "Longest term of a temporary grant (terms are drawn uniformly; below the minimum means the minimum)", 3, 1, 20,
          "MODEL.md §8 (default 2-3 years)", [](P& p, std::int64_t v) { p.funding.grant_years_max = static_cast<int>(v); });
  real("funding.project_money_per_resident", "euro/resident/year",
       "Project money per neighbourhood per year, per resident; the same in every funding regime (budget-neutral)", 100.0, 0.0, 10000.0,
       "assumption: a krachtwijk of ~11,000 spends about a million a year on social projects; a project costs 'enkele tonnen' (S0:L587)",
       [](P& p, double v) { p.funding.project_money_per_resident = v; });
  real("funding.ideas_per_year_per_10000", "ideas/year", "New project ideas per 10,000 residents per year (inspired people, S3:L488)", 6.0, 0.0, 1000.0,
       "assumption: more ideas than money (S3:L132 many parallel projects in deprived neighbourhoods)",
       [](P& p, double v) { p.funding.ideas_per_year_per_10000 = v; });
  real("funding.idea_lifetime_years", "years", "Years an unfunded idea waits before its initiator gives up", 2.0, 0.1, 20.0, "assumption",
       [](P& p, double v) { p.funding.idea_lifetime_years = v; });
  integer("funding.calls_per_year", "calls", "Funding rounds per year", 4, 1, 52, "assumption: quarterly subsidy rounds",
          [](P& p, std::int64_t v) { p.funding.calls_per_year = static_cast<int>(v); });

  // The municipality.
  real("funding.regie", "fraction", "Strength of municipal direction: pushes nieuw voor oud through provider resistance; embeds parcelled work consciously", 0.5, 0.0, 1.0,
       "S3:L576 ('onmogelijk … zonder stevige gemeentelijke regie'), L701, SF7; S3:L568",
       [](P& p, double v) { p.funding.regie = v; });
  real("funding.budget_scale", "fraction", "Municipal silo budgets as a share of what the staffing is expected to cost (last year's care spend indexed by staffing; a cut: schedule it lower)", 1.0, 0.0, 5.0,
       "S0:L178 (cuts of 15-25% came with the decentralisation)", [](P& p, double v) { p.funding.budget_scale = v; });
  real("funding.budget_margin", "fraction", "Room a budget leaves above the expected cost (last year's realisation, indexed by staffing)", 0.05, 0.0, 1.0,
       "assumption: municipalities budget a little above last year's realisation", [](P& p, double v) { p.funding.budget_margin = v; });
  real("funding.exhausted_capacity_factor", "fraction", "Share of admission slots a silo keeps open after its budget ran out, until the year ends", 0.6, 0.0, 1.0,
       "assumption: waiting lists and admission stops when the budget is spent (S1 SF20)",
       [](P& p, double v) { p.funding.exhausted_capacity_factor = v; });
  real("funding.exhausted_threshold_shift", "severity", "Rise of the help-seeking threshold when every municipal silo ran out (pro rata for fewer)", 0.1, 0.0, 1.0,
       "assumption: half a point on the self-reliance scale; S4 SF5 (high thresholds deter help-seeking)",
       [](P& p, double v) { p.funding.exhausted_threshold_shift = v; });
  integer("funding.election_years", "years", "Years between municipal elections (0 = none)", 4, 0, 20,
          "S3:L426 ('op een wethouder kan je maar vier jaar rekenen')", [](P& p, std::int64_t v) { p.funding.election_years = static_cast<int>(v); });
  integer("funding.first_election_year", "year", "Simulated year of the first election (year 0 is the warm-up)", 3, 0, 100,
          "assumption: the reform year 2015, elections in 2018", [](P& p, std::int64_t v) { p.funding.first_election_year = static_cast<int>(v); });
  real("funding.policy_continuity", "probability", "Chance a new alderman continues moving old money to structural projects", 0.7, 0.0, 1.0,
       "assumption; S3:L426, SF10 (coalitions decay with political turnover)", [](P& p, double v) { p.funding.policy_continuity = v; });
  real("funding.civil_servant_turnover_per_year", "1/year", "Hazard that a civil servant in a project's coalition moves on", 0.35, 0.0, 10.0,
       "S3:L426 ('ambtenaren wisselen om de haverklap')", [](P& p, double v) { p.funding.civil_servant_turnover_per_year = v; });
  real("funding.provider_manager_turnover_per_year", "1/year", "Hazard that a provider's manager in a coalition leaves (reorganisations, mergers)", 0.15, 0.0, 10.0,
       "S3:L426 ('een permanente stoelendans')", [](P& p, double v) { p.funding.provider_manager_turnover_per_year = v; });
  integer("funding.tender_years", "years", "Years between re-tenderings of the providers municipal silos pay (0 = never)", 3, 0, 20,
          "S0:L1073 (short tender cycles: adaptability, transaction costs, uncertainty); assumption: 3-year contracts",
          [](P& p, std::int64_t v) { p.funding.tender_years = static_cast<int>(v); });
  real("funding.tender_staff_share", "fraction", "Share of a re-tendered provider's staff replaced by newcomers (their neighbourhood knowledge lost)", 0.3, 0.0, 1.0,
       "S0:L1073 (newcomers' learning time), S0 SF15, SF19", [](P& p, double v) { p.funding.tender_staff_share = v; });
  real("funding.tender_cost_share", "fraction", "Transaction cost of a re-tendering, as a share of the contract's yearly value", 0.03, 0.0, 1.0,
       "assumption: procurement costs of a few percent; S0:L1073", [](P& p, double v) { p.funding.tender_cost_share = v; });
  real("funding.reallocation_share", "fraction", "Share of a structural project's cost cut from the old spending of its silo's providers (nieuw voor oud)", 1.0, 0.0, 1.0,
       "S3:L576 (workers lifted out of their silos and financed by them), L693", [](P& p, double v) { p.funding.reallocation_share = v; });
  real("funding.cofinance_share", "fraction", "Share of a jointly adopted project's cost carried by the payer that gains from it", 0.3, 0.0, 1.0,
       "assumption; S3:L644 (MKBA shows insurers gain, talks on co-financing)", [](P& p, double v) { p.funding.cofinance_share = v; });
  real("funding.enterprise_public_share", "fraction", "Share of a social enterprise's cost paid with public (reintegration) money; the rest is market revenue", 0.5, 0.0, 1.0,
       "assumption; S3:L584 (market revenue plus many pots)", [](P& p, double v) { p.funding.enterprise_public_share = v; });
  real("funding.enterprise_failure_per_year", "1/year", "Hazard that a social enterprise fails at full budgets (multiplied by 1 + 4 × the budget cut)", 0.05, 0.0, 5.0,
       "assumption; S3:L586 (squeezed when reintegration money is cut)", [](P& p, double v) { p.funding.enterprise_failure_per_year = v; });

  // Projects: maturity, leader, coalition, staff, measurement.
  real("funding.know_years", "years", "Time for a project to know its neighbourhood (knowledge 63% after this, with a good leader)", 2.0, 0.1, 20.0,
       "S0:L1251 (fn88: about two years to know a neighbourhood; S0 SF13)", [](P& p, double v) { p.funding.know_years = v; });
  real("funding.strength_growth_per_year", "1/year", "Growth of organisational strength per year at full knowledge, coalition and leadership", 0.8, 0.0, 10.0,
       "calibrated: a strong organisation takes about four years (S3:L626; S0 fn77: 4 years the minimum)",
       [](P& p, double v) { p.funding.strength_growth_per_year = v; });
  real("funding.project_staff_turnover_per_year", "1/year", "Hazard that a project worker leaves (twice as high in the last year of an unplanned grant)", 0.2, 0.0, 10.0,
       "assumption; S0:L1073 (short cycles bring uncertainty)", [](P& p, double v) { p.funding.project_staff_turnover_per_year = v; });
  real("funding.staff_knowledge_loss", "fraction", "Share of a project's knowledge that leaves with a worker or its leader", 0.3, 0.0, 1.0,
       "S3:L566 ('het wegvallen van de kennisdragers')", [](P& p, double v) { p.funding.staff_knowledge_loss = v; });
  real("funding.leader_drain_per_year", "energy/year", "Leader energy used by the work itself", 0.1, 0.0, 10.0,
       "S3:L514 (swimming against the stream is 'slopend')", [](P& p, double v) { p.funding.leader_drain_per_year = v; });
  real("funding.fundraising_drain_per_year", "energy/year", "Extra leader energy used while hunting the next grant (the last year of a term)", 0.35, 0.0, 10.0,
       "S3:L626 (95 applications a year), L636", [](P& p, double v) { p.funding.fundraising_drain_per_year = v; });
  real("funding.leader_recovery_per_year", "1/year", "Recovery of leader energy towards full", 0.3, 0.0, 10.0, "assumption",
       [](P& p, double v) { p.funding.leader_recovery_per_year = v; });
  real("funding.burnout_energy", "energy", "Energy below which the leader burns out and leaves", 0.2, 0.0, 1.0, "S3:L514 (burnout)",
       [](P& p, double v) { p.funding.burnout_energy = v; });
  real("funding.successor_probability", "probability", "Chance a project finds a new leader when its leader leaves", 0.4, 0.0, 1.0,
       "S3:L480, L516 (best persons are scarce: 'er zijn er minder dan wij denken')", [](P& p, double v) { p.funding.successor_probability = v; });
  real("funding.refund_energy_cost", "energy", "Leader energy a new round of temporary money costs (re-labelling, applications)", 0.15, 0.0, 1.0,
       "S3:L626, L636", [](P& p, double v) { p.funding.refund_energy_cost = v; });
  integer("funding.coalition_size", "members", "Members of a project's coalition", 6, 0, static_cast<std::int64_t>(kMaxCoalition),
          "S3:L498 ('een clubje van zes à zeven mensen')", [](P& p, std::int64_t v) { p.funding.coalition_size = static_cast<int>(v); });
  real("funding.networking_per_year", "1/year", "Rate at which the leader's networking rebuilds a member's commitment (times energy × quality)", 0.6, 0.0, 10.0,
       "S3:L426 (project leaders must network permanently)", [](P& p, double v) { p.funding.networking_per_year = v; });
  real("funding.replacement_commitment", "fraction", "Commitment of a member who replaces one who left", 0.2, 0.0, 1.0,
       "S3 §3.3 [INF] (a departed member is replaced with lower commitment)", [](P& p, double v) { p.funding.replacement_commitment = v; });
  real("funding.rebuild_energy_cost", "energy", "Leader energy spent per coalition member who must be replaced", 0.03, 0.0, 1.0,
       "S3:L426", [](P& p, double v) { p.funding.rebuild_energy_cost = v; });
  real("funding.context_loss", "fraction", "Most of a method's effectiveness that a local context can lose", 0.3, 0.0, 1.0,
       "S3:L418 (a vision can be copied, its context cannot)", [](P& p, double v) { p.funding.context_loss = v; });
  real("funding.business_counterpart_probability", "probability", "Chance a project has a business counterpart (needed to become a social enterprise)", 0.5, 0.0, 1.0,
       "assumption; S3:L504-508", [](P& p, double v) { p.funding.business_counterpart_probability = v; });
  real("funding.institutional_drift_per_year", "1/year", "Loss of integrity per year of a structural project (reasoning from the institute, not the mission)", 0.03, 0.0, 1.0,
       "S3:L578, SF22", [](P& p, double v) { p.funding.institutional_drift_per_year = v; });
  real("funding.measurement_carousel", "probability", "Chance per rung of the 0-3 measurement ladder under carousel funding (in/outflow only is the rule)", 0.15, 0.0, 1.0,
       "S3:L322, L332 (projects report in/outflow; baselines 'nog minimaal')", [](P& p, double v) { p.funding.measurement_carousel = v; });
  real("funding.measurement_durable", "probability", "Chance per rung of the measurement ladder under durable funding (outcomes asked for)", 0.6, 0.0, 1.0,
       "S3:L320 (measurement is the route to structural funding)", [](P& p, double v) { p.funding.measurement_durable = v; });
  real("funding.evidence_noise", "effect", "Noise of a project's measured effect at measurement level 0 (halves with each level)", 0.5, 0.0, 5.0,
       "assumption; S3 §3.2 (funders see evidence, not effect)", [](P& p, double v) { p.funding.evidence_noise = v; });

  // The review.
  real("funding.evidence_threshold", "effect", "Bar that measured effect, coalition and leader must each clear for structural funding", 0.3, 0.0, 1.0,
       "S3 SF6 (one weak trait can be fatal), S3:L299, L412", [](P& p, double v) { p.funding.evidence_threshold = v; });
  real("funding.refund_probability", "probability", "Chance the leader applies for new temporary money (at full energy and coalition; half at none)", 0.9, 0.0, 1.0,
       "S3:L636 (almost every leader immediately seeks more of the same)", [](P& p, double v) { p.funding.refund_probability = v; });
  real("funding.novelty_penalty", "fraction", "Chance that funders who demand novelty consider a re-labelled continuation at all", 0.5, 0.0, 1.0,
       "S3:L269 ('innovatief, vernieuwend en overdraagbaar, anders is er geen geld')", [](P& p, double v) { p.funding.novelty_penalty = v; });
  real("funding.absorption_drive", "probability", "Institutions' reflex to embed an ending project's active ingredients", 0.9, 0.0, 1.0,
       "S3:L412, L566 (cut up and parcelled out: the most common end)", [](P& p, double v) { p.funding.absorption_drive = v; });
  real("funding.coalition_resistance", "fraction", "How far a fully committed coalition blocks that appropriation", 0.4, 0.0, 1.0,
       "S3:L412 (without a strategic coalition a project runs aground on the reflex of institutions)",
       [](P& p, double v) { p.funding.coalition_resistance = v; });
  real("funding.reinvent_after_parcel", "probability", "Chance a parcelled project creates demand for a new pilot with the same method elsewhere", 1.0, 0.0, 1.0,
       "S3:L566 ('Ziehier de motor van de projectencarrousel')", [](P& p, double v) { p.funding.reinvent_after_parcel = v; });
  real("funding.reinvent_after_termination", "probability", "Chance a terminated project's method is reinvented elsewhere", 0.5, 0.0, 1.0,
       "S3:L542 ('ergens anders … opnieuw het wiel uitgevonden')", [](P& p, double v) { p.funding.reinvent_after_termination = v; });
  real("funding.parcel_coordination_cost", "euro/year", "Coordination cost a parcelled project adds to its silo each year (chain protocols)", 30000.0, 0.0, 1.0e7,
       "S3:L566 ('nieuwe coördinatielagen'); assumption: a third of a coordinator", [](P& p, double v) { p.funding.parcel_coordination_cost = v; });
  integer("funding.parcel_coordination_years", "years", "Years the coordination layers of a parcelled project last", 3, 0, 50, "assumption",
          [](P& p, std::int64_t v) { p.funding.parcel_coordination_years = static_cast<int>(v); });

  // What a stop does.
  real("funding.stop_tie_loss", "probability", "Chance a tie a project made dissolves when it stops", 0.7, 0.0, 1.0,
       "S0 SF12 (erosion of social binding), S0:L733", [](P& p, double v) { p.funding.stop_tie_loss = v; });
  real("funding.stop_volunteer_loss", "probability", "Chance a project's volunteer stops volunteering when it stops", 0.5, 0.0, 1.0,
       "S0 SF12; S3 SF17 (volunteer supply responds to efficacy)", [](P& p, double v) { p.funding.stop_volunteer_loss = v; });
  real("funding.stop_trust_drop", "trust", "Trust lost by residents a project reached when it stops", 0.1, 0.0, 1.0,
       "S0:L743 (suspicious of 'het zoveelste project'), S3:L566 (frustration of users)", [](P& p, double v) { p.funding.stop_trust_drop = v; });
  real("funding.stop_trust_drop_neighbourhood", "trust", "Trust lost by every resident of the neighbourhood when a project stops", 0.01, 0.0, 1.0,
       "S0:L711 (no common thread, cynicism; S0 SF12)", [](P& p, double v) { p.funding.stop_trust_drop_neighbourhood = v; });

  real("funding.distrust_memory_years", "years", "Time over which residents regain trust lost to project stops (exponential, mean)", 3.0, 0.1, 100.0,
       "assumption: the memory of 'yet another project' lasts years (S0:L711, L743: cynicism of long-term residents)",
       [](P& p, double v) { p.funding.distrust_memory_years = v; });

  // Effects of living projects.
  real("funding.max_extra_drift_per_week", "1/week", "Extra recovery per week in a domain when living projects cover everyone in need at full effect", 0.15, 0.0, 1.0,
       "assumption: a fully effective project about quadruples the recovery of those it reaches (needs.drift_per_week 0.04, more with own strength); S3:L184 (less specialist and crisis care)",
       [](P& p, double v) { p.funding.max_extra_drift_per_week = v; });
  real("funding.max_finder_boost", "-", "Most that projects multiply outreach detection by finders (1 + this)", 1.0, 0.0, 10.0,
       "S4 SF18 (finders detect trouble early); S3:L255", [](P& p, double v) { p.funding.max_finder_boost = v; });
  real("funding.trust_gain", "trust", "Trust a participant gains from a fully effective project (times 1 - trust)", 0.3, 0.0, 1.0,
       "S3:L263 (object of care becomes engaged resident)", [](P& p, double v) { p.funding.trust_gain = v; });
  real("funding.recruit_per_week", "1/week", "Share of its missing volunteers a project asks each week", 0.1, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.funding.recruit_per_week = v; });

  // The kinds of project. Effect weights per domain: the domains a kind works on (others 0).
  const KindDefaults kinds[] = {
      {ProjectKind::living_room, 120000.0, 150.0, 25.0, 0.3, 0.5, {0, 0, 0, 0, 0.5, 0.2, 0, 1.0},
       "S3:L168-186 (De Tulp: contact, less loneliness, less specialist and crisis care); volunteers run it"},
      {ProjectKind::services_marketplace, 150000.0, 250.0, 40.0, 0.3, 0.6, {0.3, 0, 0, 0, 0, 0.4, 0, 0.8},
       "S0:L571-587 (BUUV: brokers match demand and supply, reciprocity, 'enkele tonnen')"},
      {ProjectKind::outreach_worker, 90000.0, 300.0, 5.0, 1.0, 0.2, {0.6, 0, 0.6, 0, 0.4, 0, 0, 0.4},
       "S3:L204, L255 (presence, outreach, residents see more), S4 SF18 (finders)"},
      {ProjectKind::family_coaching, 200000.0, 60.0, 8.0, 0.2, 0.1, {0.4, 0, 0, 1.0, 0.5, 0, 0, 0},
       "S3:L398, L570 (one family one plan), S3:L370"},
      {ProjectKind::eviction_prevention, 100000.0, 120.0, 5.0, 0.6, 0.05, {0.8, 0, 1.0, 0, 0, 0, 0, 0},
       "S3:L574, S2:L1103 (Rotterdam eviction-prevention chain)"},
      {ProjectKind::social_enterprise, 250000.0, 40.0, 10.0, 0.1, 0.4, {0.4, 1.0, 0, 0, 0, 0, 0, 0.3},
       "S3:L504, L584 (Futuro; reintegration and economic goals)"},
  };
  // Names and texts appended piece by piece (no "literal" + std::string: GCC 12 -Wrestrict at -O3).
  const auto cat = [](std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const std::string_view part : parts) out.append(part);
    return out;
  };
  for (const KindDefaults& k : kinds) {
    const auto i = static_cast<std::size_t>(k.kind);
    const std::string_view what = kProjectKindNames[i];
    const std::string prefix = cat({"funding.", what, "."});
    real(cat({prefix, "cost_per_year"}), "euro/year", cat({"Yearly cost of a ", what, " project (staff, premises)"}), k.cost, 0.0, 1.0e8,
         cat({"assumption: 'enkele tonnen' (S0:L587); ", k.source}), [i](P& p, double v) { p.funding.kind[i].cost_per_year = v; });
    real(cat({prefix, "reach_per_year"}), "residents/year", cat({"Residents a mature ", what, " project works with in a year"}), k.reach, 0.0,
         1.0e6, cat({"assumption; ", k.source}), [i](P& p, double v) { p.funding.kind[i].reach_per_year = v; });
    real(cat({prefix, "volunteers"}), "volunteers", cat({"Volunteers a mature, visibly effective ", what, " project keeps"}), k.volunteers,
         0.0, 1.0e5, "assumption; S0:L393-395 (volunteers take light tasks), S3:L261",
         [i](P& p, double v) { p.funding.kind[i].volunteers = v; });
    real(cat({prefix, "finder_weight"}), "fraction", cat({"How much a ", what, " project turns residents into finders of trouble"}), k.finder,
         0.0, 1.0, "S4 SF18, S3:L255", [i](P& p, double v) { p.funding.kind[i].finder_weight = v; });
    real(cat({prefix, "tie_probability"}), "probability", cat({"Chance a participant of a ", what, " project gets a tie to one of its volunteers"}),
         k.ties, 0.0, 1.0, "S3:L261 (support systems grow), S0:L581-583 (reciprocity)",
         [i](P& p, double v) { p.funding.kind[i].tie_probability = v; });
    real(cat({prefix, "idea_weight"}), "factor",
         cat({"Weight of ", what, " among new project ideas (times its fit to local need); 0 = none of this kind"}), 1.0, 0.0, 100.0,
         "assumption: ideas follow local need (S3:L488); a scenario of one practice raises its own kind",
         [i](P& p, double v) { p.funding.kind[i].idea_weight = v; });
    for (std::size_t d = 0; d < kDomainCount; ++d) {
      if (k.effect[d] <= 0.0) continue;
      real(cat({prefix, "effect_", kDomainNames[d]}), "fraction", cat({"Weight of a ", what, " project's effect on recovery in ", kDomainNames[d]}),
           k.effect[d], 0.0, 1.0, cat({"assumption from its target domains; ", k.source}),
           [i, d](P& p, double v) { p.funding.kind[i].effect[d] = v; });
    }
  }
}

}  // namespace wijksim::models
