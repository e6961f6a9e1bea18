#pragma once
// The state of the people: residents and households as struct-of-arrays stores, the
// household membership index, and the social network. Plain data with a few helpers; the
// mechanisms that change it live in their own files (needs_dynamics, informal_care,
// demography).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/tracked_network.hpp"
#include "wijksim/models/domains.hpp"

namespace wijksim::models {

struct ResidentTag;
struct HouseholdTag;
using ResidentId = engine::StrongId<ResidentTag>;
using HouseholdId = engine::StrongId<HouseholdTag>;

/// Column handles of the resident store. Severity and baseline are one float column per
/// domain (SoA), so a phase that touches one domain streams one array.
struct ResidentColumns {
  engine::Column<float> age_years;
  engine::Column<std::uint32_t> household;      ///< household *slot*, refreshed after commits
  engine::Column<std::int32_t> moved_in_tick;   ///< tick of arrival (negative: before the run)
  std::array<engine::Column<float>, kDomainCount> severity;
  std::array<engine::Column<float>, kDomainCount> baseline;
  engine::Column<float> own_strength;    ///< eigen kracht, [0, 1]
  engine::Column<float> reluctance;      ///< to ask for help, [0, 1]
  engine::Column<float> trust;           ///< in services, [0, 1]
  engine::Column<float> willingness;     ///< stated willingness to help, [0, 1]
  engine::Column<float> latent;          ///< latent vulnerability, [0, 1] (homophily, tie loss)
  // Informal care, per week.
  engine::Column<float> hours_needed;    ///< lay help wanted this week (hours)
  engine::Column<float> help_capacity;   ///< hours this resident can give this week
  engine::Column<float> hours_given;     ///< hours given this week
  engine::Column<float> help_received;   ///< hours received this week
  engine::Column<float> burden;          ///< carer burden, [0, 1]
  engine::Column<std::uint16_t> intensive_weeks;  ///< consecutive weeks with > 8 h given
  engine::Column<std::uint16_t> rest_weeks_left;  ///< weeks a stopped carer still rests
  engine::Column<std::uint8_t> is_volunteer;
  engine::Column<std::uint8_t> crisis_flags;      ///< bit d: domain d is in an open crisis episode
  // Formal care.
  engine::Column<std::uint8_t> care_mask;         ///< bit d: a specialist episode for domain d (any state)
  std::array<engine::Column<float>, kDomainCount> care_relief;  ///< this week's treatment relief rate
  /// Hours of lay-helpable work professionals did for this resident this week (home help,
  /// practical support): hours the household's carers need not give next week (S4:L381).
  engine::Column<float> formal_lay_hours;
};

struct HouseholdColumns {
  engine::Column<std::uint32_t> dwelling;   ///< global dwelling index
  engine::Column<std::uint32_t> block;      ///< global block index
  engine::Column<std::uint16_t> neighbourhood;
  engine::Column<std::uint8_t> kind;        ///< HouseholdKind
  engine::Column<std::int32_t> moved_in_tick;
  /// Excess over needs.spillover_threshold of the worst adult in family, mental_health and
  /// addiction: what spills over onto the children (computed each tick).
  engine::Column<float> adult_trouble;
  engine::Column<std::uint8_t> troubled_domains;  ///< domains where some member is in trouble
  engine::Column<std::uint8_t> marked_to_leave;   ///< leaves at this tick's demography
  engine::Column<std::uint8_t> birth_due;         ///< a baby this tick: an adult aged 18-44 lives here and the draw came up
  engine::Column<float> oldest_age;               ///< age of the oldest member (years)
  /// Highest severity of any member in any domain, as of this tick's household aggregates:
  /// care demand passes over households where it is below every threshold it asks at.
  engine::Column<float> worst_severity;
  // Formal care.
  engine::Column<std::uint8_t> team_covered;      ///< a team episode (any state) holds the household's plan
  engine::Column<float> engagement;               ///< with its professionals, [0, 1]
  engine::Column<std::uint8_t> activated;         ///< its network was mobilised (family group conference)
  engine::Column<float> budget_used;              ///< discretionary budget spent this year (euro)
};

class Population {
 public:
  Population();

  engine::AgentStore<ResidentId> residents{"residents"};
  engine::AgentStore<HouseholdId> households{"households"};
  ResidentColumns r;
  HouseholdColumns h;
  /// The residents' ties, read in resident slots; follows the residents' commits
  /// (demography) without renumbering its edges each tick.
  engine::TrackedNetwork network;

  /// Members of household slot `hh`, as resident slots (ascending).
  [[nodiscard]] std::span<const std::uint32_t> members(std::size_t hh) const noexcept {
    return std::span<const std::uint32_t>(member_slots_).subspan(member_offsets_[hh],
                                                                 member_offsets_[hh + 1] - member_offsets_[hh]);
  }
  /// Rebuilds the membership index from the residents' household column (O(residents)).
  void rebuild_membership();

  /// Dwellings: the global count, which neighbourhood and block each is in, and whether it
  /// is occupied (by a household slot) — fixed at generation.
  std::vector<std::uint32_t> dwelling_block;
  std::vector<std::uint16_t> dwelling_neighbourhood;
  std::vector<std::uint32_t> dwelling_household;  ///< household slot, or kVacant
  static constexpr std::uint32_t kVacant = UINT32_MAX;
  std::uint32_t block_count = 0;
  std::uint16_t neighbourhood_count = 0;

  /// Ties made this tick by mechanisms outside demography (projects), in current resident
  /// slots; demography folds them into the network at its rebuild (dropping ties of leavers).
  std::vector<engine::EdgeSpec> pending_ties;

  /// Refreshes dwelling_household from the household store (after a household commit).
  void rebuild_dwelling_index();

  /// Bytes held by the stores, the network and the indexes (capacity, not size).
  [[nodiscard]] std::size_t allocated_bytes() const noexcept;

 private:
  std::vector<std::uint32_t> member_offsets_{0};
  std::vector<std::uint32_t> member_slots_;
};

}  // namespace wijksim::models
