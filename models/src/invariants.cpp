#include "wijksim/models/invariants.hpp"

#include <cmath>
#include <sstream>
#include <vector>

namespace wijksim::models {
namespace {

constexpr double kMaxAgeYears = 150.0;
constexpr std::int32_t kTicksPerYear = 52;

std::string text(double v) {
  std::ostringstream out;
  out.precision(17);
  out << v;
  return out.str();
}

std::string resident_name(const Population& pop, std::size_t slot) {
  return "resident " + std::to_string(pop.residents.id_at(slot).value()) + " (slot " + std::to_string(slot) + ")";
}

std::string household_name(const Population& pop, std::size_t slot) {
  return "household " + std::to_string(pop.households.id_at(slot).value()) + " (slot " + std::to_string(slot) + ")";
}

[[noreturn]] void fail(const std::string& invariant, engine::Tick tick, const std::string& entity, const std::string& found) {
  throw InvariantViolation(invariant, tick.value(), entity, found);
}

/// Sums may differ in the last bits when added in another order.
bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

/// Every value of a float column finite and in [lo, hi].
template <typename Name>
void check_range(std::span<const float> values, double lo, double hi, const std::string& invariant, engine::Tick tick,
                 const Name& name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto v = static_cast<double>(values[i]);
    if (!std::isfinite(v) || v < lo || v > hi) {
      fail(invariant, tick, name(i), "value " + text(v) + ", expected in [" + text(lo) + ", " + text(hi) + "]");
    }
  }
}

}  // namespace

InvariantViolation::InvariantViolation(std::string invariant, std::int64_t tick, std::string entity, std::string found)
    : engine::Error("invariant broken: " + invariant + " (after tick " + std::to_string(tick) + ", " + entity +
                    "): " + found),
      invariant_(std::move(invariant)),
      tick_(tick),
      entity_(std::move(entity)),
      found_(std::move(found)) {}

void check_people(const Population& pop, engine::Tick tick) {
  const auto& res = pop.residents;
  const auto& r = pop.r;
  const auto resident = [&pop](std::size_t i) { return resident_name(pop, i); };
  if (res.pending_removals() != 0) {
    fail("no resident removal pending between ticks", tick, "residents",
         std::to_string(res.pending_removals()) + " marked removed but not committed");
  }
  check_range(res.values(r.age_years), 0.0, kMaxAgeYears, "age in [0, 150) years", tick, resident);
  // The recorder finds the arrivals since a tick by bisection (ModelOutputs::tally): slots are
  // in id order, ids are handed out in creation order and moved_in_tick is the creation tick.
  const auto moved_in = res.values(r.moved_in_tick);
  for (std::size_t i = 1; i < moved_in.size(); ++i) {
    if (moved_in[i] < moved_in[i - 1]) {
      fail("residents in creation order (moved-in tick never decreases along slots)", tick, resident(i),
           "moved in at tick " + std::to_string(moved_in[i]) + ", after a resident who moved in at tick " +
               std::to_string(moved_in[i - 1]));
    }
  }
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const std::string domain(kDomainNames[d]);
    check_range(res.values(r.severity[d]), 0.0, 1.0, "severity of " + domain + " in [0, 1]", tick, resident);
    check_range(res.values(r.baseline[d]), 0.0, 1.0, "baseline of " + domain + " in [0, 1]", tick, resident);
    check_range(res.values(r.care_relief[d]), 0.0, HUGE_VAL, "care relief of " + domain + " >= 0", tick, resident);
  }
  check_range(res.values(r.formal_lay_hours), 0.0, HUGE_VAL, "lay-helpable professional hours >= 0", tick, resident);
  check_range(res.values(r.own_strength), 0.0, 1.0, "own strength in [0, 1]", tick, resident);
  check_range(res.values(r.reluctance), 0.0, 1.0, "reluctance in [0, 1]", tick, resident);
  check_range(res.values(r.trust), 0.0, 1.0, "trust in [0, 1]", tick, resident);
  check_range(res.values(r.willingness), 0.0, 1.0, "willingness in [0, 1]", tick, resident);
  check_range(res.values(r.latent), 0.0, 1.0, "latent vulnerability in [0, 1]", tick, resident);
  check_range(res.values(r.burden), 0.0, 1.0, "carer burden in [0, 1]", tick, resident);
  check_range(res.values(r.hours_needed), 0.0, HUGE_VAL, "hours needed >= 0", tick, resident);
  check_range(res.values(r.help_capacity), 0.0, HUGE_VAL, "carer capacity (hours) >= 0", tick, resident);
  check_range(res.values(r.hours_given), 0.0, HUGE_VAL, "hours given >= 0", tick, resident);
  check_range(res.values(r.help_received), 0.0, HUGE_VAL, "hours received >= 0", tick, resident);
  const auto given = res.values(r.hours_given);
  const auto capacity = res.values(r.help_capacity);
  for (std::size_t i = 0; i < res.size(); ++i) {
    // Grants are summed in float from double amounts: allow the rounding of that sum.
    const auto slack = 1e-4F * std::max(1.0F, capacity[i]);
    if (given[i] > capacity[i] + slack) {
      fail("carer's hours given <= hours they can give", tick, resident_name(pop, i),
           "gave " + text(static_cast<double>(given[i])) + " h, capacity " + text(static_cast<double>(capacity[i])) + " h");
    }
  }
}

void check_households(const Population& pop, engine::Tick tick) {
  const auto& res = pop.residents;
  const auto& hhs = pop.households;
  if (hhs.pending_removals() != 0) {
    fail("no household removal pending between ticks", tick, "households",
         std::to_string(hhs.pending_removals()) + " marked removed but not committed");
  }
  const auto household = res.values(pop.r.household);
  for (std::size_t i = 0; i < res.size(); ++i) {
    if (household[i] >= hhs.size()) {
      fail("every resident's household exists", tick, resident_name(pop, i),
           "household slot " + std::to_string(household[i]) + " of " + std::to_string(hhs.size()));
    }
  }
  std::vector<std::uint32_t> members(hhs.size(), 0);
  for (const std::uint32_t hh : household) ++members[hh];
  const auto dwelling = hhs.values(pop.h.dwelling);
  const auto engagement = hhs.values(pop.h.engagement);
  const auto budget = hhs.values(pop.h.budget_used);
  for (std::size_t hh = 0; hh < hhs.size(); ++hh) {
    if (members[hh] == 0) fail("every household has at least one member", tick, household_name(pop, hh), "no members");
    if (pop.members(hh).size() != members[hh]) {
      fail("the membership index matches the residents' household column", tick, household_name(pop, hh),
           std::to_string(pop.members(hh).size()) + " members indexed, " + std::to_string(members[hh]) + " residents");
    }
    if (dwelling[hh] >= pop.dwelling_household.size() || pop.dwelling_household[dwelling[hh]] != hh) {
      fail("each household lives in its own dwelling", tick, household_name(pop, hh),
           "dwelling " + std::to_string(dwelling[hh]) + " of " + std::to_string(pop.dwelling_household.size()) +
               (dwelling[hh] < pop.dwelling_household.size()
                    ? ", which holds slot " + std::to_string(pop.dwelling_household[dwelling[hh]])
                    : std::string()));
    }
    const auto e = static_cast<double>(engagement[hh]);
    if (!std::isfinite(e) || e < 0.0 || e > 1.0) {
      fail("household engagement in [0, 1]", tick, household_name(pop, hh), "engagement " + text(e));
    }
    const auto b = static_cast<double>(budget[hh]);
    if (!std::isfinite(b) || b < 0.0) fail("discretionary budget used >= 0", tick, household_name(pop, hh), "budget used " + text(b));
  }
}

void check_conservation(const PopulationCounts& before, const PopulationCounts& after, const DemographyCounts& c,
                        std::int64_t placements, engine::Tick tick) {
  const std::int64_t arrived = std::int64_t{c.births} + std::int64_t{c.residents_moved_in};
  const std::int64_t left = std::int64_t{c.deaths} + std::int64_t{c.residents_moved_out} + placements;
  if (after.residents - before.residents != arrived - left) {
    fail("residents conserved: change = births + moved in - deaths - moved out - placed out of home", tick, "population",
         std::to_string(before.residents) + " -> " + std::to_string(after.residents) + " residents, but " +
             std::to_string(c.births) + " births + " + std::to_string(c.residents_moved_in) + " moved in - " +
             std::to_string(c.deaths) + " deaths - " + std::to_string(c.residents_moved_out) + " moved out - " +
             std::to_string(placements) + " placed");
  }
  const std::int64_t counted = std::int64_t{c.households_moved_in} - std::int64_t{c.households_moved_out};
  const std::int64_t emptied = counted - (after.households - before.households);
  // Households left empty (by deaths, leavers, placements) are the only uncounted removals.
  if (emptied < 0 || emptied > left) {
    fail("households conserved: change = moved in - moved out - left empty", tick, "population",
         std::to_string(before.households) + " -> " + std::to_string(after.households) + " households, " +
             std::to_string(c.households_moved_in) + " moved in, " + std::to_string(c.households_moved_out) +
             " moved out, so " + std::to_string(emptied) + " left empty (expected 0 to " + std::to_string(left) + ")");
  }
}

void check_care(const CareSystem& care, const Population& pop, engine::Tick tick) {
  const auto& pros = care.professionals();
  std::vector<std::uint32_t> caseload(pros.size(), 0);
  for (const CareEpisode& e : care.episodes()) {
    const std::string name = "episode " + std::to_string(e.id);
    if (!pop.households.contains(HouseholdId{e.household})) {
      fail("every episode's household exists", tick, name, "household " + std::to_string(e.household) + " has left");
    }
    if (e.resident != kNobody && !pop.residents.contains(ResidentId{e.resident})) {
      fail("every episode's client exists", tick, name, "resident " + std::to_string(e.resident) + " has left");
    }
    if (e.organisation >= care.organisations().size()) {
      fail("every episode's organisation exists", tick, name, "organisation " + std::to_string(e.organisation));
    }
    const auto r = static_cast<double>(e.relationship);
    if (!std::isfinite(r) || r < 0.0 || r > 1.0) fail("relationship in [0, 1]", tick, name, "relationship " + text(r));
    if (e.weeks_active < 0) fail("weeks active >= 0", tick, name, std::to_string(e.weeks_active) + " weeks");
    if (e.state == EpisodeState::waiting) continue;
    const auto slot = pros.slot_of(ProfessionalId{e.professional});
    if (!slot) {
      fail("an episode past intake has a professional", tick, name,
           e.professional == kNobody ? "nobody" : "professional " + std::to_string(e.professional) + " has left");
    }
    ++caseload[*slot];
  }
  const auto recorded = pros.values(care.professional_columns().caseload);
  for (std::size_t p = 0; p < pros.size(); ++p) {
    if (recorded[p] != caseload[p]) {
      fail("a professional's caseload = their active and hidden episodes", tick,
           "professional " + std::to_string(pros.id_at(p).value()),
           "caseload " + std::to_string(recorded[p]) + ", episodes " + std::to_string(caseload[p]));
    }
  }
  for (std::size_t y = 0; y < care.years().size(); ++y) {
    const CareYear& cy = care.years()[y];
    const double values[] = {cy.first_contacts, cy.admissions, cy.official_wait_weeks, cy.real_wait_weeks, cy.intakes,
                             cy.first_treatments, cy.dropouts, cy.endings, cy.treatment_hours, cy.coordination_hours,
                             cy.practical_fixes, cy.activations, cy.households_in_care_weeks, cy.caseload_sum,
                             cy.team_caseload_sum, cy.weeks, cy.waiting_official, cy.waiting_hidden,
                             cy.new_episodes[0], cy.new_episodes[1], cy.new_episodes[2], cy.new_episodes[3]};
    for (const double v : values) {
      if (!std::isfinite(v) || v < 0.0) fail("care's yearly counts and hours finite and >= 0", tick, "year " + std::to_string(y), text(v));
    }
  }
}

void check_money(const Model& model, engine::Tick tick) {
  const CostLedger& ledger = model.care().ledger();
  for (std::size_t y = 0; y < ledger.years(); ++y) {
    const PayerTierTable table = ledger.year(y);
    for (std::size_t p = 0; p < kPayerCount; ++p) {
      for (std::size_t t = 0; t < kTierCount; ++t) {
        if (!std::isfinite(table[p][t]) || table[p][t] < 0.0) {
          fail("costs booked finite and >= 0", tick,
               "year " + std::to_string(y) + ", " + std::string(kPayerNames[p]) + ", " + std::string(kTierNames[t]),
               text(table[p][t]) + " euro");
        }
      }
    }
  }
  if (!model.parameters().funding.enabled) return;
  const FundingSystem& funding = model.funding();
  const auto projects = static_cast<std::size_t>(Tier::projects);
  const auto income_support = static_cast<std::size_t>(Tier::income_support);
  // Silo records of closed years: refreshed from the ledger at the next year's start.
  const auto& silo_years = funding.municipality().years();
  const auto closed = std::min(silo_years.size(), static_cast<std::size_t>(tick.value() / kTicksPerYear));
  for (std::size_t y = 0; y < closed; ++y) {
    const PayerTierTable table = ledger.year(y);
    for (std::size_t s = 0; s < kSiloCount; ++s) {
      double care_spend = 0.0;
      for (std::size_t t = 0; t < kTierCount; ++t) {
        if (t != projects && t != income_support) care_spend += table[s][t];
      }
      const SiloYear& silo = silo_years[y][s];
      const std::string entity = "silo " + std::string(kPayerNames[s]) + ", year " + std::to_string(y);
      if (!close(silo.care_spend, care_spend)) {
        fail("a silo's care spend = its ledger entries (every tier but projects and income support)", tick, entity,
             "recorded " + text(silo.care_spend) + " euro, ledger " + text(care_spend) + " euro");
      }
      if (!close(silo.project_spend, table[s][projects])) {
        fail("a silo's project spend = its ledger entries of the projects tier", tick, entity,
             "recorded " + text(silo.project_spend) + " euro, ledger " + text(table[s][projects]) + " euro");
      }
      if (!std::isfinite(silo.budget) || silo.budget < 0.0) fail("silo budget finite and >= 0", tick, entity, text(silo.budget));
    }
  }
  // Project money: what was spent is what was booked to the projects tier; balances add up.
  double received = 0.0;
  double spent = 0.0;
  const auto& money = funding.money_years();
  for (std::size_t y = 0; y < money.size(); ++y) {
    const PayerTierTable table = ledger.year(y);
    double booked = 0.0;
    for (std::size_t p = 0; p < kPayerCount; ++p) booked += table[p][projects];
    const std::string entity = "project money, year " + std::to_string(y);
    if (!std::isfinite(money[y].received) || money[y].received < 0.0 || !std::isfinite(money[y].spent) || money[y].spent < 0.0) {
      fail("project money received and spent finite and >= 0", tick, entity,
           "received " + text(money[y].received) + ", spent " + text(money[y].spent));
    }
    if (!close(money[y].spent, booked)) {
      fail("project money spent = projects tier booked to all payers", tick, entity,
           "spent " + text(money[y].spent) + " euro, booked " + text(booked) + " euro");
    }
    received += money[y].received;
    spent += money[y].spent;
  }
  double balance = 0.0;
  for (const double b : funding.balances()) {
    if (!std::isfinite(b)) fail("project money balances finite", tick, "a neighbourhood", text(b));
    balance += b;
  }
  if (std::fabs(balance - (received - spent)) > 1e-6 * std::max(1.0, received)) {
    fail("project money balanced: balances = received - spent", tick, "all neighbourhoods",
         "balances " + text(balance) + " euro, received " + text(received) + " - spent " + text(spent));
  }
}

InvariantChecker::InvariantChecker(const Model& model, engine::Tick next_tick)
    : model_(&model),
      last_counts_{static_cast<std::int64_t>(model.population().residents.size()),
                   static_cast<std::int64_t>(model.population().households.size())},
      last_tick_(next_tick - 1),
      incidents_seen_(model.incidents().size()) {}

void InvariantChecker::on_tick_end(engine::Tick tick) { check(tick); }

std::int64_t InvariantChecker::placements_in(engine::Tick tick) {
  const auto& incidents = model_->incidents();
  std::int64_t placements = 0;
  for (; incidents_seen_ < incidents.size(); ++incidents_seen_) {
    const Incident& incident = incidents[incidents_seen_];
    if (incident.tick == tick.value() && incident.kind == IncidentKind::out_of_home_placement) ++placements;
  }
  return placements;
}

void InvariantChecker::check(engine::Tick tick) {
  const Population& pop = model_->population();
  check_people(pop, tick);
  check_households(pop, tick);
  const PopulationCounts now{static_cast<std::int64_t>(pop.residents.size()), static_cast<std::int64_t>(pop.households.size())};
  const std::int64_t placements = placements_in(tick);
  if (tick == last_tick_ + 1) check_conservation(last_counts_, now, model_->last_demography(), placements, tick);
  check_care(model_->care(), pop, tick);
  check_money(*model_, tick);
  last_counts_ = now;
  last_tick_ = tick;
  ++ticks_checked_;
}

}  // namespace wijksim::models
