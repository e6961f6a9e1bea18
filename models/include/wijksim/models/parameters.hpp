#pragma once
// Plain values of every parameter of the model (MODEL.md §2–7), resolved once from the
// frozen ParameterSet before the first tick. Hot loops read these fields, never names.
// Units are in the names or the comments; sources are in model_parameters.cpp, where each
// field is declared.
#include <array>
#include <cstdint>

#include "wijksim/models/domains.hpp"
#include "wijksim/models/funding_parameters.hpp"

namespace wijksim::models {

/// Household kinds of the synthetic neighbourhood generator.
enum class HouseholdKind : std::uint8_t {
  single_adult = 0,
  couple,
  couple_with_children,
  single_parent,
  elderly_single,
  elderly_couple,
};
inline constexpr std::size_t kHouseholdKindCount = 6;
inline constexpr std::array<std::string_view, kHouseholdKindCount> kHouseholdKindNames{
    "single_adult", "couple", "couple_with_children", "single_parent", "elderly_single", "elderly_couple"};

struct RunParameters {
  int years = 10;         ///< recorded years
  int warmup_years = 1;   ///< simulated before recording starts
};

struct PopulationParameters {
  int neighbourhoods = 1;
  int dwellings_per_neighbourhood = 6000;
  int dwellings_per_block = 24;
  double occupancy = 0.97;  ///< fraction of dwellings occupied at start
  double deprivation = 0.75;  ///< 0 = affluent … 1 = most deprived
  std::array<double, kHouseholdKindCount> household_kind_share{};
  double mean_children = 1.8;          ///< per household with children
  double vulnerability_mean = -1.0;    ///< latent vulnerability intercept at deprivation 0 (logit)
  double deprivation_vulnerability = 1.2;  ///< added to the intercept × deprivation (logit)
  double vulnerability_spread = 1.1;   ///< sd of the latent vulnerability (logit)
  double household_correlation = 0.7;  ///< correlation of members' latent vulnerability
  double domain_noise = 0.5;           ///< sd of per-domain deviation from the latent (logit)
  double baseline_scale = 0.55;        ///< baseline severity at latent vulnerability 1
};

struct NeedsParameters {
  double drift_per_week = 0.04;
  double strength_recovery_gain = 1.0;
  double spillover_threshold = 0.5;
  double spillover_per_week = 0.02;
  /// spillover[from][to]: relative weight of domain `from` (above threshold) raising `to`.
  std::array<std::array<double, kDomainCount>, kDomainCount> spillover{};
  double household_spillover_per_week = 0.03;
  double intergenerational_per_week = 0.002;
  std::array<double, kLifeEventCount> event_rate_per_year{};
  std::array<double, kLifeEventCount> event_shock{};
  double crisis_hysteresis = 0.1;
  double eviction_moveout_probability = 0.6;
  double post_admission_severity = 0.55;
};

struct InformalParameters {
  double need_threshold = 0.3;
  double hours_per_unit_need = 30.0;
  double min_hours_to_ask = 2.0;       ///< smaller needs are not worth asking for
  std::array<double, kDomainCount> lay_weight{};
  double ask_probability = 0.5;        ///< per week, at zero reluctance
  double reluctance_exponent = 2.0;
  double household_openness = 0.7;     ///< share of reluctance that vanishes within the household
  int max_ties_asked = 2;
  double max_hours_per_week = 30.0;
  double help_efficacy_per_week = 0.08;
  double burden_per_hour = 0.01;
  double burden_recovery_per_week = 0.06;
  double overburden_threshold = 0.6;
  double stop_threshold = 0.85;
  int rest_weeks = 8;
  double overburden_harm_per_week = 0.01;
  double willingness_mean = 0.65;
  double willingness_spread = 0.25;
  double reluctance_mean = 0.5;
  double reluctance_spread = 0.2;
  double volunteer_start_per_year = 0.12;
  double volunteer_stop_per_year = 0.3;
  double volunteer_hours_per_week = 1.5;
};

struct NetworkParameters {
  int neighbour_ties = 4;
  int friend_ties = 6;
  double friend_rewire_probability = 0.1;
  double homophily = 0.8;
  double vulnerable_tie_loss = 0.5;
  double kin_link_probability = 0.35;
};

struct DemographyParameters {
  double turnover_per_year = 0.18;
  double vacancy_fill_per_week = 0.3;
  double mortality_base_per_year = 0.00003;
  double mortality_age_rate = 0.09;
  double mortality_severity_factor = 2.0;
  double birth_per_year = 0.08;
  double young_adult_leave_per_year = 0.15;
  double in_mover_vulnerability_shift = 0.0;
};

/// Payers: who carries a cost, and who gains when a cost is avoided (MODEL.md §8).
enum class Payer : std::uint8_t {
  municipality_youth = 0,
  municipality_social_support,
  municipality_work_income,
  health_insurer,
  long_term_care_fund,
  housing_corporation,
  police_justice,
};
inline constexpr std::size_t kPayerCount = 7;
inline constexpr std::array<std::string_view, kPayerCount> kPayerNames{
    "municipality_youth", "municipality_social_support", "municipality_work_income", "health_insurer",
    "long_term_care_fund", "housing_corporation", "police_justice"};
[[nodiscard]] constexpr bool is_municipal(Payer p) noexcept { return static_cast<int>(p) <= 2; }

/// Care tiers for the cost ledger; projects and commissioning (re-tendering) are booked by
/// FundingSystem (MODEL.md §8) and are zero when funding is off. income_support is social
/// assistance (bijstand) paid by municipality_work_income to households with no income from
/// work (Model::book_income_support): a consequence of things going wrong, like incidents,
/// counted as an avoided cost in the cost-benefit ledger (scenarios/experiment cost_benefit.hpp)
/// and kept out of the care budgets.
enum class Tier : std::uint8_t { generalist = 0, specialist, coordination, practical_fixes, incidents, projects, commissioning, income_support };
inline constexpr std::size_t kTierCount = 8;
inline constexpr std::array<std::string_view, kTierCount> kTierNames{"generalist", "specialist", "coordination", "practical_fixes",
                                                                     "incidents",  "projects",   "commissioning", "income_support"};

/// One specialist organisation per domain that has one (social_network has none: nobody's job,
/// MODEL.md §7 responsibility gaps).
struct SpecialistParameters {
  bool exists = false;
  double fte_per_1000_residents = 0.0;
  double caseload_per_fte = 20.0;      ///< households (or clients) per FTE
  double hours_per_week = 2.0;         ///< treatment hours per client per week
  double skill = 0.8;                  ///< in its own domain
  double hourly_cost = 100.0;          ///< euro
  Payer payer = Payer::municipality_social_support;
};

struct CareParameters {
  // The two regimes are settings of these continuous parameters (MODEL.md §7).
  double fte_scale = 1.0;              ///< all formal capacity (0 = no services)
  double integration = 0.0;            ///< share of access through the team's front door, one plan
  double outreach = 0.0;               ///< proactive detection by the team
  int max_professionals_per_household = 30;
  double network_activation = 0.0;     ///< family group conferences at the start of team episodes
  double discretionary_budget = 0.0;   ///< euro per household in care per year, for practical fixes
  double front_load = 1.0;             ///< multiplier of team hours in the first weeks
  int front_load_weeks = 8;
  double per_product_payment = 1.0;    ///< 1 = providers paid per product (longer, heavier episodes)
  double team_fte_per_1000_residents = 0.0;
  double team_caseload_per_fte = 18.0;
  double team_hours_per_week = 2.0;
  double team_hourly_cost = 85.0;
  double generalist_skill = 0.55;      ///< across domains, mature generalist
  double generalist_start_skill = 0.35;
  double generalist_maturity_years = 3.0;
  double team_legitimacy_start = 0.3;
  double legitimacy_growth_per_year = 0.5;
  double specialist_threshold = 0.75;  ///< severity above which the team brings in a specialist
  std::array<SpecialistParameters, kDomainCount> specialist{};
  // Access.
  double seek_threshold = 0.5;
  double seek_per_week = 0.05;
  double referral_per_week = 0.03;     ///< GP, school, police
  double cross_referral_per_week = 0.35;  ///< a specialist refers onward for another domain
  double outreach_detection_per_week = 0.08;
  // Effect (MODEL.md §6: technique a minor share, relationship and expectations most).
  double efficacy_per_week = 0.12;
  double technique_share = 0.15;
  double relationship_share = 0.55;
  double engagement_share = 0.30;
  double relationship_growth_per_hour = 0.04;
  double baseline_learning = 0.02;     ///< share of treatment relief that lowers the baseline
  double floor_share = 0.8;            ///< treatment lowers severity to this share of the baseline
  double coordination_conflict = 0.25; ///< loss of effect per extra uncoordinated worker
  double coordination_hours_base = 0.5;  ///< hours/week per household at two workers
  double coordination_exponent = 1.5;  ///< superlinear growth in the number of workers
  double dropout_per_week = 0.01;
  double dropout_per_coordination_hour = 0.01;
  double assessment_fatigue = 0.05;    ///< engagement lost per extra intake
  double assessment_hours = 3.0;
  double end_threshold = 0.35;
  int stable_weeks_to_end = 6;
  int max_episode_weeks = 104;
  double hidden_intake_per_week = 0.3; ///< overloaded workers take intakes they cannot follow up
  double queue_tolerance = 0.5;        ///< waiting list (share of slots) before hidden intakes start
  double turnover_per_year = 0.15;
  double knowledge_years = 2.0;
  int vacancy_weeks = 12;
  double practical_fix_cost = 800.0;
  double practical_fix_relief = 0.25;
  double activation_informal_boost = 0.5;  ///< lower reluctance / higher willingness in activated networks
  double informal_exchange_rate = 0.25;    ///< professional hours replaced per informal hour received
  double formal_relief_per_hour = 1.0;     ///< informal hours a lay-helpable professional hour saves the household
  std::array<double, kIncidentKindCount> incident_cost{};
  std::array<Payer, kIncidentKindCount> incident_payer{};
  /// Social assistance per household on it, per week (euro; municipality_work_income).
  double income_support_per_week = 250.0;
};

/// Everything the model reads.
struct Parameters {
  RunParameters run;
  PopulationParameters population;
  NeedsParameters needs;
  InformalParameters informal;
  NetworkParameters network;
  DemographyParameters demography;
  CareParameters care;
  FundingParameters funding;
};

}  // namespace wijksim::models
