#include "wijksim/models/population.hpp"

#include <string>

namespace wijksim::models {

Population::Population() {
  r.age_years = residents.add_column<float>("age_years");
  r.household = residents.add_column<std::uint32_t>("household");
  r.moved_in_tick = residents.add_column<std::int32_t>("moved_in_tick");
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    r.severity[d] = residents.add_column<float>("severity_" + std::string(kDomainNames[d]));
    r.baseline[d] = residents.add_column<float>("baseline_" + std::string(kDomainNames[d]));
  }
  r.own_strength = residents.add_column<float>("own_strength");
  r.reluctance = residents.add_column<float>("reluctance");
  r.trust = residents.add_column<float>("trust");
  r.willingness = residents.add_column<float>("willingness");
  r.latent = residents.add_column<float>("latent_vulnerability");
  r.hours_needed = residents.add_column<float>("hours_needed");
  r.help_capacity = residents.add_column<float>("help_capacity");
  r.hours_given = residents.add_column<float>("hours_given");
  r.help_received = residents.add_column<float>("help_received");
  r.burden = residents.add_column<float>("burden");
  r.intensive_weeks = residents.add_column<std::uint16_t>("intensive_weeks");
  r.rest_weeks_left = residents.add_column<std::uint16_t>("rest_weeks_left");
  r.is_volunteer = residents.add_column<std::uint8_t>("is_volunteer");
  r.crisis_flags = residents.add_column<std::uint8_t>("crisis_flags");
  r.care_mask = residents.add_column<std::uint8_t>("care_mask");
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    r.care_relief[d] = residents.add_column<float>("care_relief_" + std::string(kDomainNames[d]));
  }
  r.formal_lay_hours = residents.add_column<float>("formal_lay_hours");

  h.dwelling = households.add_column<std::uint32_t>("dwelling");
  h.block = households.add_column<std::uint32_t>("block");
  h.neighbourhood = households.add_column<std::uint16_t>("neighbourhood");
  h.kind = households.add_column<std::uint8_t>("kind");
  h.moved_in_tick = households.add_column<std::int32_t>("moved_in_tick");
  h.adult_trouble = households.add_column<float>("adult_trouble");
  h.troubled_domains = households.add_column<std::uint8_t>("troubled_domains");
  h.marked_to_leave = households.add_column<std::uint8_t>("marked_to_leave");
  h.birth_due = households.add_column<std::uint8_t>("birth_due");
  h.oldest_age = households.add_column<float>("oldest_age");
  h.worst_severity = households.add_column<float>("worst_severity");
  h.team_covered = households.add_column<std::uint8_t>("team_covered");
  h.engagement = households.add_column<float>("engagement");
  h.activated = households.add_column<std::uint8_t>("activated");
  h.budget_used = households.add_column<float>("budget_used");
}

void Population::rebuild_membership() {
  const auto household_of = residents.values(r.household);
  const std::size_t n_households = households.size();
  member_offsets_.assign(n_households + 1, 0);
  for (const std::uint32_t hh : household_of) ++member_offsets_[hh + 1];
  for (std::size_t i = 0; i < n_households; ++i) member_offsets_[i + 1] += member_offsets_[i];
  member_slots_.resize(household_of.size());
  std::vector<std::uint32_t> cursor(member_offsets_.begin(), member_offsets_.end() - 1);
  for (std::uint32_t slot = 0; slot < household_of.size(); ++slot) {
    member_slots_[cursor[household_of[slot]]++] = slot;
  }
}

void Population::rebuild_dwelling_index() {
  std::fill(dwelling_household.begin(), dwelling_household.end(), kVacant);
  const auto dwelling = households.values(h.dwelling);
  for (std::uint32_t hh = 0; hh < dwelling.size(); ++hh) dwelling_household[dwelling[hh]] = hh;
}

std::size_t Population::allocated_bytes() const noexcept {
  return residents.allocated_bytes() + households.allocated_bytes() + network.allocated_bytes() +
         (member_offsets_.capacity() + member_slots_.capacity() + dwelling_block.capacity() +
          dwelling_household.capacity()) * sizeof(std::uint32_t) +
         dwelling_neighbourhood.capacity() * sizeof(std::uint16_t);
}

}  // namespace wijksim::models
