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
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "wijksim/engine/agent_store.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/models/care_episode.hpp"
#include "wijksim/models/caseload_queues.hpp"
#include "wijksim/models/cost_ledger.hpp"
#include "wijksim/models/episode_event.hpp"
#include "wijksim/models/neighbourhood_effects.hpp"
#include "wijksim/models/organisation.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"
#include "wijksim/models/sparse_slots.hpp"

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
  /// Serial phase, mostly in parallel blocks of households (care_delivery.cpp): treatment
  /// hours, relationships, relief per resident and domain, practical fixes, network
  /// activation, costs.
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
  /// admit() and follow_demography() (and when a professional leaves).
  [[nodiscard]] std::span<const std::uint8_t> professionals_per_household() const noexcept;
  [[nodiscard]] double knowledge(std::size_t professional_slot, std::int32_t tick) const noexcept;
  [[nodiscard]] double maturity(std::size_t professional_slot, std::int32_t tick) const noexcept;

 private:
  void hire(std::uint16_t org, std::int32_t tick, std::uint32_t entity);
  /// Recounts caseloads, professionals per household and coordination hours from the episodes,
  /// in one pass: O(episodes + professionals + households in care).
  void refresh_household_counts();
  /// Episode `k`, past intake, joins the professionals of household slot `hh` (not caseloads).
  void join_household(std::size_t k, std::size_t hh);
  void set_coordination_hours(std::size_t hh);
  // deliver()'s steps (care_delivery.cpp).
  /// In episode order: the household slot of each episode delivered this week
  /// (delivery_household_), the households treated, network activation (it reaches other
  /// households, so it is serial), and the delivered episodes grouped by block of households.
  void plan_delivery(engine::PhaseContext& ctx, CareYear& y);
  struct DeliveryColumns {  ///< the columns a treatment reads and writes, looked up once a week
    std::array<std::span<float>, kDomainCount> relief;
    std::span<float> formal_lay_hours;
    std::span<const float> received;
    std::span<float> finances;
    std::span<float> housing;
    std::span<float> engagement;  ///< read by treatments; updated after them
    std::span<float> budget_used;
    std::span<const std::uint8_t> home_domain;  ///< per professional slot
  };
  struct Delivered {  ///< what one episode's treatment books, summed in episode order afterwards
    double hours = 0.0;
    std::uint32_t practical_fixes = 0;
  };
  /// Zeroes the relief given by last week's deliver().
  void clear_relief(engine::PhaseContext& ctx, const DeliveryColumns& c);
  /// Books this week's coordination hours of the households in care.
  void book_coordination(engine::PhaseContext& ctx, std::int32_t tick, CareYear& y);
  struct CoordinationBooking {  ///< one household's coordination this week
    double hours = 0.0;
    std::array<double, kPayerCount> euro{};  ///< per payer; positive exactly for the payers involved
  };
  /// Episode i's treatment this week. Writes only the episode, its household's slots and its
  /// members' (and appends them to `relieved`): blocks of households run in parallel.
  Delivered treat(std::size_t i, std::int32_t tick, const DeliveryColumns& c, std::vector<std::uint32_t>& relieved);
  static constexpr std::size_t kHouseholdsPerDeliveryBlock = 512;  ///< deliver()'s parallel blocks
  CareYear& year(std::int32_t tick);
  // admit()'s steps, in order.
  void count_open_episodes();
  void take_requests(std::int32_t tick, CareYear& y);
  void bring_in_specialists(std::int32_t tick, CareYear& y);
  void work_waiting_lists(engine::PhaseContext& ctx, CareYear& y);
  /// Both true when an episode was handed over (and removed).
  bool start_treatments(std::int32_t tick, CareYear& y);
  bool join_plans(std::int32_t tick, CareYear& y);
  /// A new episode `e` of household slot `hh`, requested now: ids, engagement, counts, event.
  void open_episode(std::size_t hh, CareEpisode e, std::int32_t tick, CareYear& y);
  /// The specialist organisation of each domain, or -1.
  [[nodiscard]] std::array<int, kDomainCount> specialist_orgs() const noexcept;
  /// Puts the first `count` episodes of `list` (episode indices) in priority order.
  void order_by_priority(std::vector<std::uint32_t>& list, std::size_t count) const;
  /// Hidden intakes of `org` this tick, at most `still_waiting` (draws from its own stream).
  [[nodiscard]] std::size_t hidden_intakes(engine::PhaseContext& ctx, std::size_t org, double slots, std::size_t still_waiting) const;
  /// Whether episode i ends this tick and why: kStays, or ended_as(kind). Reads only the
  /// episode's household, client and stream; writes only its stable weeks (conclude() runs it
  /// for blocks of episodes in parallel).
  struct VerdictInputs {  ///< the columns a verdict reads, looked up once a tick
    std::array<std::span<const float>, kDomainCount> severity;
    std::span<const float> engagement;
  };
  [[nodiscard]] std::uint8_t verdict(std::size_t i, engine::Tick tick, const VerdictInputs& in);
  static constexpr std::uint8_t kStays = 0;
  [[nodiscard]] static constexpr std::uint8_t ended_as(EpisodeEventKind why) noexcept {
    return static_cast<std::uint8_t>(static_cast<std::uint8_t>(why) + 1U);
  }
  static constexpr std::size_t kEpisodesPerBlock = 512;  ///< conclude()'s parallel blocks
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
  // Per household slot, non-zero only for households with an active or hidden episode (the
  // households listed by professionals_per_household_), from refresh_household_counts().
  SparseSlots<std::uint8_t> professionals_per_household_;
  SparseSlots<float> coordination_hours_;           // hours per week
  // Caseloads always equal each professional's active and hidden episodes, and the tallies
  // above fit the episodes — except from conclude() to follow_demography() in a tick, when
  // nothing reads them (tallies_stale_), and within admit().
  bool tallies_stale_ = false;
  std::array<double, 256> coordination_growth_{};   // pow(extra workers, exponent), by extra workers
  double coordination_growth_exponent_ = std::numeric_limits<double>::quiet_NaN();  // of the table
  // The active and hidden episodes of each household in care, as a chain of episode indices
  // (first_in_household_ per listed household slot, next_in_household_ per episode; kNobody
  // ends a chain) with each one's worker: valid from refresh_household_counts() (or admit())
  // until episodes are next removed.
  std::vector<std::uint32_t> first_in_household_;
  std::vector<std::uint32_t> next_in_household_;
  std::vector<std::uint32_t> worker_in_household_;
  std::vector<std::uint32_t> changed_households_;   // admit(): slots whose tallies changed (may repeat)
  // admit()'s working storage: episodes (any state) per household slot; the least-loaded
  // choice per organisation (also for reassign_orphans()); each organisation's active count and
  // hidden and official lists (episode indices); households whose plan starts now, and the
  // specialists involved with them (index in new_plans_, episode index).
  SparseSlots<std::uint8_t> open_;
  CaseloadQueues caseload_queues_;
  struct WaitingList {
    double active = 0.0;
    std::vector<std::uint32_t> hidden;
    std::vector<std::uint32_t> waiting;
  };
  std::vector<WaitingList> waiting_lists_;
  std::vector<std::uint32_t> new_plans_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> involved_;
  // deliver()'s working storage, per household slot: the best relationship among the active
  // episodes, whether any episode is active; and the households with coordination hours.
  SparseSlots<float> best_relationship_;
  SparseSlots<std::uint8_t> treated_;
  std::vector<std::vector<CoordinationBooking>> coordination_by_block_;  // per block of households, in slot order
  // Ids of the residents given relief (may repeat), per block of households: a resident is in
  // one block's list only, so the lists are cleared next week without two writing one slot.
  std::vector<std::vector<std::uint32_t>> relieved_;
  std::vector<std::uint32_t> delivery_household_;    // per episode: household slot if delivered this week, else kNobody
  std::vector<std::uint32_t> delivery_block_start_;  // per block of households: first index into delivery_order_
  std::vector<std::uint32_t> delivery_order_;        // delivered episodes by block, episode order within a block
  std::vector<std::uint32_t> delivery_cursor_;       // plan_delivery()'s counting sort
  std::vector<Delivered> delivered_;                 // per episode, this week
  std::vector<double> knowledge_now_;               // per professional slot, this tick
  std::vector<std::uint8_t> ended_;                 // per episode this tick: kStays or ended_as(why)
  double residents_at_start_ = 0.0;                 // staffing is sized on the starting population
  std::vector<double> capacity_factor_;             // per organisation, set by institutions
  double seek_threshold_shift_ = 0.0;
  const NeighbourhoodEffects* effects_ = nullptr;
};

}  // namespace wijksim::models
