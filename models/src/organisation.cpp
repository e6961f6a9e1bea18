#include "wijksim/models/organisation.hpp"

namespace wijksim::models {

std::vector<Organisation> build_organisations(const CareParameters& p, std::uint16_t neighbourhoods, double residents) {
  static constexpr const char* kNames[kDomainCount] = {
      "debt counselling", "employment and reintegration", "housing support", "youth and family care",
      "mental health care", "home care", "addiction care", "(none)"};
  std::vector<Organisation> orgs;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const auto& s = p.specialist[d];
    if (!s.exists) continue;
    Organisation o;
    o.name = kNames[d];
    o.domain = static_cast<Domain>(d);
    o.target_fte = p.fte_scale * s.fte_per_1000_residents * residents / 1000.0;
    o.caseload_per_fte = s.caseload_per_fte;
    o.hours_per_week = s.hours_per_week;
    o.hourly_cost = s.hourly_cost;
    o.skill = s.skill;
    o.payer = s.payer;
    orgs.push_back(o);
  }
  const double per_neighbourhood = residents / static_cast<double>(neighbourhoods);
  for (std::uint16_t n = 0; n < neighbourhoods; ++n) {
    Organisation o;
    o.name = "neighbourhood team " + std::to_string(n);
    o.is_team = true;
    o.neighbourhood = n;
    o.target_fte = p.fte_scale * p.team_fte_per_1000_residents * per_neighbourhood / 1000.0;
    o.caseload_per_fte = p.team_caseload_per_fte;
    o.hours_per_week = p.team_hours_per_week;
    o.hourly_cost = p.team_hourly_cost;
    o.skill = p.generalist_skill;
    o.payer = Payer::municipality_social_support;
    o.legitimacy = p.team_legitimacy_start;
    orgs.push_back(o);
  }
  return orgs;
}

}  // namespace wijksim::models
