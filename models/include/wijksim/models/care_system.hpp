#pragma once
// Formal care (MODEL.md §6–7): organisations, professionals, help-seeking and referral,
// waiting lists (official and hidden), treatment, coordination, drop-out, workforce turnover,
// and the costs of it all. Expert care and wraparound care are the same mechanisms under
// different settings of CareParameters (integration, outreach, the cap on professionals per
// household, network activation, the discretionary budget, front-loading, per-product
// payment, team staffing): nothing here branches on a regime.
//
// The model calls these from its phases; see model.hpp for the order.
#include <array>
#include <cstdint>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/models/care_episode.hpp"
#include "wijksim/models/cost_ledger.hpp"
#include "wijksim/models/episode_event.hpp"
#include "wijksim/models/neighbourhood_effects.hpp"
#include "wijksim/models/organisation.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"

namespace wijksim::models {

struct ProfessionalTag;
using ProfessionalId = engine::StrongId<ProfessionalTag>;

struct ProfessionalColumns {
  engine::Column<std::uint16_t> organisation;
  engine::Column<std::uint8_t> home_domain;   ///< a generalist's home discipline; a specialist's domain
  engine::Column<std::int32_t> hired_tick;
  engine::Column<std::uint16_t> caseload;     ///< active and hidden episodes
};

/// A request for help from one household, made in a parallel phase.
struct CareRequest {
  std::uint32_t household = 0;  ///< slot
  std::uint32_t resident = 0;   ///< slot of the person in trouble
  std::uint8_t domain = 0;
  AccessRoute route = AccessRoute::self;
  bool to_team = false;
  float priority = 0.0F;
};

/// Counts per simulated year (warm-up included), for the figures.
struct CareYear {
  std::array<double, kAccessRouteCount> new_episodes{};
  double first_contacts = 0.0;            ///< households that came into care with no episode open (detected cases)
  double admissions = 0.0;
  double official_wait_weeks = 0.0;  ///< summed over intakes
  double real_wait_weeks = 0.0;      ///< summed over first treatments
  double intakes = 0.0;
  double first_treatments = 0.0;
  double dropouts = 0.0;
  double endings = 0.0;
  double treatment_hours = 0.0;
  double coordination_hours = 0.0;
  double practical_fixes = 0.0;
  double activations = 0.0;
  double households_in_care_weeks = 0.0;  ///< household-weeks with an active episode
  double caseload_sum = 0.0;              ///< active episodes per FTE, summed over weeks
  double team_caseload_sum = 0.0;         ///< team episodes (active, hidden) per team member, summed over weeks
  double weeks = 0.0;
  double waiting_official = 0.0;          ///< summed over weeks
  double waiting_hidden = 0.0;            ///< summed over weeks
};

class CareSystem {
 public:
  CareSystem(const Parameters& parameters, Population& population, engine::RandomKey key);

  /// Declares the resident and household columns care writes (called before phases are built).
  [[nodiscard]] const ProfessionalColumns& professional_columns() const noexcept { return pc_; }
  [[nodiscard]] const engine::AgentStore<ProfessionalId>& professionals() const noexcept { return professionals_; }
  [[nodiscard]] const std::vector<Organisation>& organisations() const noexcept { return orgs_; }
  [[nodiscard]] const std::vector<CareEpisode>& episodes() const noexcept { return episodes_; }
  [[nodiscard]] const CostLedger& ledger() const noexcept { return ledger_; }
  [[nodiscard]] CostLedger& ledger() noexcept { return ledger_; }
  [[nodiscard]] const std::vector<CareYear>& years() const noexcept { return years_; }
  /// Episodes started and ended in the last tick, in the order it happened (cleared when the
  /// next tick's admission starts): the event log's view of care.
  [[nodiscard]] const std::vector<EpisodeEvent>& episode_events() const noexcept { return episode_events_; }

  /// Parallel over households: who asks, who is referred, whom outreach finds.
  void demand(engine::PhaseContext& ctx, const engine::BlockRange& block);
  /// Serial: requests become episodes; waiting lists, hidden intakes, admissions; the team
  /// brings in specialists; household counts of professionals and coordination.
  void admit(engine::PhaseContext& ctx);
  /// Serial: treatment hours, relationships, relief per resident and domain, practical fixes,
  /// network activation, costs.
  void deliver(engine::PhaseContext& ctx);
  /// Serial: episodes end when resolved, at their maximum length, or by drop-out.
  void conclude(engine::PhaseContext& ctx);
  /// Serial: tenure, knowledge, turnover and hiring; team legitimacy.
  void workforce(engine::PhaseContext& ctx);
  /// After demography: drops episodes of people who left; refreshes per-household counts.
  void follow_demography();
  /// After a scheduled policy change (the parameters this system reads have changed): each
  /// organisation's staffing target follows; staff above it are laid off (newest first, their
  /// clients go to colleagues), staff below it are hired after care.vacancy_weeks.
  void retarget(std::int32_t tick);
  /// Institutions acting on care (used by FundingSystem):
  /// - a silo whose budget ran out admits fewer clients: slots of `org` are multiplied by
  ///   `factor` in [0, 1] until set back to 1 (waiting lists grow);
  void set_capacity_factor(std::uint16_t org, double factor);
  /// - thresholds rise: help-seeking starts `shift` severity later (0 = as declared);
  void set_seek_threshold_shift(double shift) noexcept { seek_threshold_shift_ = shift; }
  /// - re-tendering: a share of the organisation's staff is replaced now by new hires (their
  ///   knowledge of the neighbourhood and their clients' relationships are lost).
  void retender(std::uint16_t org, double share, std::int32_t tick);
  /// Effects of projects on care (finders); owned by the model, may be null.
  void set_effects(const NeighbourhoodEffects* effects) noexcept { effects_ = effects; }
  /// Books an incident's cost to its payer.
  void book_incident(IncidentKind kind, std::int32_t tick);
  /// Resets the per-block request buffers for `blocks` blocks of households.
  void reset_buffers(std::size_t blocks);

  /// Concurrent professionals per household slot (active or hidden episodes), refreshed by
  /// admit(), conclude() and follow_demography().
  [[nodiscard]] std::span<const std::uint8_t> professionals_per_household() const noexcept;
  [[nodiscard]] double knowledge(std::size_t professional_slot, std::int32_t tick) const noexcept;
  [[nodiscard]] double maturity(std::size_t professional_slot, std::int32_t tick) const noexcept;

 private:
  void hire(std::uint16_t org, std::int32_t tick, std::uint32_t entity);
  void refresh_household_counts();
  CareYear& year(std::int32_t tick);
  [[nodiscard]] std::uint32_t least_loaded(std::uint16_t org) const;
  void end_episode(std::size_t e, EpisodeEventKind why);
  void reassign_orphans();

  const Parameters* p_;
  Population* population_;
  engine::RandomKey key_;
  std::vector<Organisation> orgs_;
  engine::AgentStore<ProfessionalId> professionals_{"professionals"};
  ProfessionalColumns pc_;
  std::vector<CareEpisode> episodes_;
  std::uint32_t next_episode_id_ = 0;
  std::vector<std::vector<CareRequest>> requests_;  // per block of households
  CostLedger ledger_;
  std::vector<CareYear> years_;
  std::vector<EpisodeEvent> episode_events_;
  std::int32_t events_tick_ = 0;                    // tick of episode_events_ (set by admit)
  std::vector<std::uint8_t> professionals_per_household_;
  std::vector<float> coordination_hours_;           // per household slot
  std::vector<std::uint8_t> ended_;                 // per episode, scratch
  double residents_at_start_ = 0.0;                 // staffing is sized on the starting population
  std::vector<double> capacity_factor_;             // per organisation, set by institutions
  double seek_threshold_shift_ = 0.0;
  const NeighbourhoodEffects* effects_ = nullptr;
};

}  // namespace wijksim::models
