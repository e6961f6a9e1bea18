// Informal care mechanisms on their own (MODEL.md §5).
#include <catch2/catch.hpp>

#include "wijksim/models/informal_care.hpp"
#include "wijksim/models/model_parameters.hpp"

using namespace wijksim::models;

namespace {
InformalParameters informal_defaults() {
  const ModelParameters declared;
  return declared.resolve(declared.defaults()).informal;
}
}  // namespace

TEST_CASE("need for lay help comes from lay-helpable domains above the threshold", "[informal]") {
  const auto p = informal_defaults();
  std::array<float, kDomainCount> s{};
  CHECK(informal_hours_needed(s, 70.0F, p) == 0.0F);
  s[index(Domain::physical_health)] = 0.8F;
  const float frail = informal_hours_needed(s, 70.0F, p);
  CHECK(frail == Approx(p.hours_per_unit_need * p.lay_weight[index(Domain::physical_health)] * (0.8 - p.need_threshold)));
  std::array<float, kDomainCount> addicted{};
  addicted[index(Domain::addiction)] = 0.8F;
  CHECK(informal_hours_needed(addicted, 30.0F, p) < 0.2F * frail);
  CHECK(informal_hours_needed(s, 8.0F, p) == 0.0F);  // young children ask nobody
}

TEST_CASE("overburden reduces the hours a carer gives, then stops them", "[informal]") {
  const auto p = informal_defaults();
  const float fresh = informal_capacity(45.0F, 0.1F, 0, false, 0.0F, 0.0F, p);
  const float tired = informal_capacity(45.0F, 0.5F, 0, false, 0.0F, 0.0F, p);
  const float overburdened = informal_capacity(45.0F, static_cast<float>(p.overburden_threshold) + 0.05F, 0, false, 0.0F, 0.0F, p);
  CHECK(fresh > tired);
  CHECK(tired > overburdened);
  CHECK(overburdened < 0.5F * (1.0F - static_cast<float>(p.overburden_threshold)) * static_cast<float>(p.max_hours_per_week) + 0.01F);
  CHECK(informal_capacity(45.0F, 0.1F, 3, false, 0.0F, 0.0F, p) == 0.0F);  // resting
  CHECK(informal_capacity(12.0F, 0.0F, 0, false, 0.0F, 0.0F, p) == 0.0F);
  CHECK(informal_capacity(45.0F, 0.1F, 0, false, 0.8F, 0.0F, p) < fresh);  // own trouble limits care
  CHECK(informal_capacity(45.0F, 0.1F, 0, true, 0.0F, 0.0F, p) == Approx(static_cast<double>(fresh) - p.volunteer_hours_per_week));

  CarerState carer;
  for (int week = 0; week < 200 && carer.rest_weeks_left == 0; ++week) update_carer(carer, 30.0F, 0.2F, p);
  CHECK(carer.rest_weeks_left == p.rest_weeks);  // stopped after burden hit the stop threshold
  CHECK(carer.intensive_weeks > 0);
  const float before = carer.burden;
  update_carer(carer, 0.0F, 0.2F, p);
  CHECK(carer.burden < before);  // rest lowers burden
  CHECK(carer.intensive_weeks == 0);
}

TEST_CASE("reluctance lowers asking, less so within the household", "[informal]") {
  const auto p = informal_defaults();
  CHECK(ask_probability(0.0F, TieKind::friend_tie, p) == Approx(p.ask_probability));
  CHECK(ask_probability(0.8F, TieKind::friend_tie, p) < ask_probability(0.2F, TieKind::friend_tie, p));
  CHECK(ask_probability(0.8F, TieKind::household, p) > ask_probability(0.8F, TieKind::friend_tie, p));
  CHECK(accept_probability(0.1F, TieKind::household) == 1.0);
  CHECK(accept_probability(0.5F, TieKind::kin) > accept_probability(0.5F, TieKind::friend_tie));
  CHECK(accept_probability(0.5F, TieKind::friend_tie) > accept_probability(0.5F, TieKind::neighbour));
  CHECK(help_priority(TieKind::household) > help_priority(TieKind::kin));
  CHECK(help_priority(TieKind::kin) > help_priority(TieKind::friend_tie));
}
