#pragma once
// The model (MODEL.md §2–7): a synthetic city of neighbourhoods whose residents live through
// needs dynamics, life events, informal care, volunteering, incidents and demography, and the
// formal care of CareSystem (care.fte_scale = 0 is the "no services" baseline).
//
// Phases, in order, each tick (one week):
//   funding_census         [parallel, residents]   residents in need per neighbourhood, distrust
//                                                   fading (only if funding.enabled)
//   funding                [serial]                 municipality, project money, projects and their
//                                                   effects (funding_system.hpp; only if funding.enabled)
//   household_aggregates   [parallel, households]  adults' trouble, troubled domains, fertility,
//                                                   oldest member, the turnover draw
//   income_support         [serial]                 social assistance for households without work income
//   care_demand            [parallel, households]  help-seeking, referral, outreach
//   care_admission         [serial]                 episodes, waiting lists, hidden intakes
//   informal_need_capacity [parallel, residents]   hours needed, hours a carer can give
//   ask_for_help           [parallel, residents]   requests to the strongest ties
//   arbitrate_help         [serial]                 carers' hours granted by closeness, salted hash
//   care_delivery          [serial]                 treatment, relief, practical fixes, costs
//   needs_and_carers       [parallel, residents]   needs dynamics, burden, volunteering, crises
//   care_conclusion        [serial]                 endings and drop-outs
//   incidents              [serial]                 incident log, consequences and costs
//   ageing_and_mortality   [parallel, residents]   ageing, deaths, young adults leaving home
//   demography             [serial, two sides]      bereavement, moves; births, in-movers beside the network
//   care_workforce         [serial]                 professionals' turnover, hiring, team legitimacy
#include <cstdint>
#include <memory>
#include <vector>

#include "wijksim/engine/contention.hpp"
#include "wijksim/engine/scheduler.hpp"
#include "wijksim/models/care_system.hpp"
#include "wijksim/models/funding_system.hpp"
#include "wijksim/models/incident.hpp"
#include "wijksim/models/needs_dynamics.hpp"
#include "wijksim/models/neighbourhood_effects.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/population.hpp"

namespace wijksim::models {

/// Demographic events of the last tick.
struct DemographyCounts {
  std::uint32_t deaths = 0;
  std::uint32_t births = 0;
  std::uint32_t residents_moved_out = 0;
  std::uint32_t residents_moved_in = 0;
  std::uint32_t households_moved_out = 0;
  std::uint32_t households_moved_in = 0;
};

class Model {
 public:
  Model(const Parameters& parameters, std::uint64_t seed, std::uint64_t run_id);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  [[nodiscard]] engine::Scheduler& scheduler() noexcept { return scheduler_; }
  [[nodiscard]] engine::RandomKey key() const noexcept { return key_; }
  [[nodiscard]] const Population& population() const noexcept { return population_; }
  [[nodiscard]] const CareSystem& care() const noexcept { return *care_; }
  /// The municipality and the projects (inert unless funding.enabled).
  [[nodiscard]] const FundingSystem& funding() const noexcept { return *funding_; }
  [[nodiscard]] const NeighbourhoodEffects& effects() const noexcept { return effects_; }
  [[nodiscard]] const Parameters& parameters() const noexcept { return p_; }
  /// Every incident so far, in (tick, block, resident) order.
  [[nodiscard]] const std::vector<Incident>& incidents() const noexcept { return incidents_; }
  [[nodiscard]] const DemographyCounts& last_demography() const noexcept { return last_demography_; }
  /// Households on social assistance this tick: an adult of working age lives there and none
  /// is self-reliant in work, score 4 or better (booked to municipality_work_income,
  /// Tier::income_support).
  [[nodiscard]] std::uint32_t households_on_income_support() const noexcept { return households_on_income_support_; }
  [[nodiscard]] engine::Tick warmup_end() const noexcept { return engine::Tick{52 * p_.run.warmup_years}; }
  [[nodiscard]] engine::Tick run_end() const noexcept {
    return engine::Tick{52 * (p_.run.warmup_years + p_.run.years)};
  }
  /// Applies a scheduled policy change before `tick` runs (a regime switch, a budget cut):
  /// the model reads the new values from then on; organisations retarget their staffing.
  /// Throws engine::InputError if a structural parameter (population.*, run.*, funding.enabled) differs.
  void set_parameters(const Parameters& next, engine::Tick tick);
  /// Checksum of every resident and household column, the network and the incident log.
  [[nodiscard]] std::uint64_t state_checksum() const;

 private:
  /// Agents per block of the parallel phases: small enough that the reference neighbourhood's
  /// ~6,000 households make a dozen blocks to share between threads. Results do not depend on
  /// it (per-block buffers are joined in block order, which is slot order).
  static constexpr std::size_t kBlockSize = 512;

  void add_phases();
  void household_aggregates(engine::PhaseContext& ctx, const engine::BlockRange& block);
  void book_income_support(engine::PhaseContext& ctx);
  void informal_need_capacity(engine::PhaseContext& ctx, const engine::BlockRange& block);
  void ask_for_help(engine::PhaseContext& ctx, const engine::BlockRange& block);
  void arbitrate_help(engine::PhaseContext& ctx);
  void needs_and_carers(engine::PhaseContext& ctx, const engine::BlockRange& block);
  void apply_incidents(engine::PhaseContext& ctx);
  void ageing_and_mortality(engine::PhaseContext& ctx, const engine::BlockRange& block);
  void demography(engine::PhaseContext& ctx);
  /// Demography after the residents' commit: households follow, births, in-movers; returns
  /// the ties this tick made (newborns', in-movers', projects'), in the new numbering.
  std::vector<engine::EdgeSpec> settle_arrivals(engine::PhaseContext& ctx, const engine::SlotRemap& resident_remap,
                                                bool any_removed, DemographyCounts& counts);
  void reset_buffers();

  Parameters p_;
  NeedsConstants needs_constants_;  // derived from p_ (kept in step by set_parameters)
  engine::RandomKey key_;
  Population population_;
  std::unique_ptr<CareSystem> care_;
  std::unique_ptr<FundingSystem> funding_;
  NeighbourhoodEffects effects_;  // set by institutions and projects, read by care and needs
  engine::Scheduler scheduler_{kBlockSize};
  engine::RequestBuffer help_requests_;
  std::vector<std::vector<Incident>> incident_buffers_;  // per block of needs_and_carers
  std::vector<std::uint32_t> income_support_buffers_;     // per block of household_aggregates
  std::uint32_t households_on_income_support_ = 0;        // this tick
  std::vector<std::vector<std::uint32_t>> death_buffers_;  // per block: resident slots that died
  std::vector<std::uint32_t> moved_out_buffers_;          // per block: young adults who left
  std::vector<std::uint8_t> lost_member_;                 // demography's scratch, per household: 1 = a member leaves this week
  std::vector<double> death_hazard_by_age_;               // per week, Gompertz, by whole year
  std::vector<Incident> incidents_;
  DemographyCounts last_demography_;
};

}  // namespace wijksim::models
