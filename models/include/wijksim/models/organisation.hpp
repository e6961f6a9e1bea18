#pragma once
// Organisations of formal care (MODEL.md §6): one specialist provider per domain that has one,
// city-wide, and one neighbourhood team per neighbourhood. Capacity is the FTE present times a
// caseload norm; cost is hours times an hourly cost, booked to the organisation's payer.
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

struct Organisation {
  std::string name;
  bool is_team = false;
  Domain domain = Domain::finances;   ///< specialists: their domain
  std::uint16_t neighbourhood = 0;    ///< teams: their neighbourhood
  double target_fte = 0.0;
  double caseload_per_fte = 20.0;
  double hours_per_week = 2.0;
  double hourly_cost = 100.0;
  double skill = 0.8;
  Payer payer = Payer::municipality_social_support;
  double legitimacy = 0.0;            ///< teams: share of GP/school referrals that come to the team
  std::vector<std::int32_t> hires_due;  ///< ticks at which replacements start
};

/// The organisations of a city with `residents_per_neighbourhood` residents in each of
/// `neighbourhoods` neighbourhoods: specialists first (in domain order), then one team per
/// neighbourhood (present only when the team has FTE).
[[nodiscard]] std::vector<Organisation> build_organisations(const CareParameters& p, std::uint16_t neighbourhoods,
                                                            double residents);

}  // namespace wijksim::models
