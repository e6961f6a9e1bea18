#pragma once
// Plain values of every parameter of the people model (MODEL.md §2–5), resolved once from the
// frozen ParameterSet before the first tick. Hot loops read these fields, never names.
// Units are in the names or the comments; sources are in model_parameters.cpp, where each
// field is declared.
#include <array>
#include <cstdint>

#include "wijksim/models/domains.hpp"

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

/// Everything the people model reads.
struct PeopleParameters {
  RunParameters run;
  PopulationParameters population;
  NeedsParameters needs;
  InformalParameters informal;
  NetworkParameters network;
  DemographyParameters demography;
};

}  // namespace wijksim::models
