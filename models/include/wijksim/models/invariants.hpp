#pragma once
// Invariants of the model's state, checked between ticks by an engine Observer that a test
// (or a debugging user) turns on. Each check names the invariant, the tick and the entity
// (resident, household, professional, episode, payer, silo, year) that broke it, so a
// violation found in year 37 of a 50-year run can be reproduced and read.
//
// What is checked after every tick (the state is then at a tick boundary, no phase running):
//  - people: every value finite; severities, baselines, traits and burden in [0, 1]; ages in
//    [0, 150) years; hours needed, capacity, given and received >= 0, and no carer gives more
//    hours than they could give this week (hours_given <= help_capacity); no removal pending;
//  - households: every household has at least one member, every resident's household exists,
//    each household sits in its own dwelling and the dwelling index points back at it;
//    engagement in [0, 1], discretionary budget used >= 0;
//  - counts conserved per tick, from the model's demography counters (Model::last_demography):
//      residents(t) - residents(t-1) = births + residents_moved_in - deaths
//                                      - residents_moved_out - children placed out of home
//    (placements are incidents of the tick: the child leaves the neighbourhood, and no
//    demography counter holds them), and households(t) - households(t-1) <=
//    households_moved_in - households_moved_out (the difference: households left empty);
//  - care: every episode's household (and client, when it has one) exists, its professional
//    exists unless it waits, its relationship is in [0, 1]; each professional's caseload is
//    the number of its active and hidden episodes; the year counters are finite and >= 0;
//  - money: every cost booked (CostLedger) finite and >= 0; with funding on, each silo's
//    recorded care and project spend of every closed year equals the ledger's entries for that
//    payer and those tiers; project money spent per year equals the projects tier booked to
//    all payers; the neighbourhoods' balances add up to money received minus money spent.
#include <cstdint>
#include <string>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/engine/strong_id.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::models {

/// A broken invariant: which one, at which tick, for which entity, and what was found.
class InvariantViolation : public engine::Error {
 public:
  InvariantViolation(std::string invariant, std::int64_t tick, std::string entity, std::string found);
  [[nodiscard]] const std::string& invariant() const noexcept { return invariant_; }
  [[nodiscard]] std::int64_t tick() const noexcept { return tick_; }
  [[nodiscard]] const std::string& entity() const noexcept { return entity_; }
  [[nodiscard]] const std::string& found() const noexcept { return found_; }

 private:
  std::string invariant_;
  std::int64_t tick_;
  std::string entity_;
  std::string found_;
};

/// Resident and household counts at one tick boundary.
struct PopulationCounts {
  std::int64_t residents = 0;
  std::int64_t households = 0;
};

/// The checks, one group each; every one throws InvariantViolation on the first break found.
/// Public so that a test can hand them a deliberately broken state.
void check_people(const Population& population, engine::Tick tick);
void check_households(const Population& population, engine::Tick tick);
/// `placements`: children placed out of home during the tick (they left the population).
void check_conservation(const PopulationCounts& before, const PopulationCounts& after,
                        const DemographyCounts& counts, std::int64_t placements, engine::Tick tick);
void check_care(const CareSystem& care, const Population& population, engine::Tick tick);
void check_money(const Model& model, engine::Tick tick);

/// Runs every check after each tick. Construct it between ticks, naming the tick the model
/// runs next (0 for a model that has not run): conservation is checked from the state it saw
/// then, tick after tick (a gap in the ticks seen starts a new baseline). Calls come from the
/// simulation's thread.
/// @code
///   InvariantChecker invariants(run.model());
///   std::vector<engine::Observer*> observers{&invariants};
///   run.run(2, observers);  // throws InvariantViolation at the first break
/// @endcode
class InvariantChecker : public engine::Observer {
 public:
  explicit InvariantChecker(const Model& model, engine::Tick next_tick = engine::Tick{0});

  void on_tick_end(engine::Tick tick) override;

  /// Every check on the current state, as after `tick`; conservation only when `tick`
  /// directly follows the last tick checked.
  void check(engine::Tick tick);
  [[nodiscard]] std::int64_t ticks_checked() const noexcept { return ticks_checked_; }

 private:
  [[nodiscard]] std::int64_t placements_in(engine::Tick tick);

  const Model* model_;
  PopulationCounts last_counts_;
  engine::Tick last_tick_;  // the tick whose end last_counts_ describes (next_tick - 1 at first)
  std::size_t incidents_seen_ = 0;
  std::int64_t ticks_checked_ = 0;
};

}  // namespace wijksim::models
