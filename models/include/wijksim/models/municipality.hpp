#pragma once
// The municipality of a city (MODEL.md §8): a yearly care budget per municipal silo (youth,
// social support, work and income), cuts as scheduled shocks, a strength of direction
// ("regie"), an alderman who changes at elections every four years, and a commissioning cycle
// that re-tenders the providers it pays. It acts on care through CareSystem's institutional
// hooks only:
//  - each year's budget of a silo is funding.budget_scale × (1 + funding.budget_margin) × what
//    its care is expected to cost at full budgets: last year's care spend of the silo (at its
//    rate before the budget ran out, if it did) when the silo was contracted in full, else the
//    previous expectation — a cut does not compound — indexed by the change in the
//    yearly cost of its organisations' staffing since (so a scheduled cut of care.fte_scale
//    lowers it too); in the first year, that staffing cost at full caseload. A cut is a
//    scheduled change of funding.budget_scale (15-25% at the reform, S0:L178), applied at once
//    (that year's budgets are rescaled): it buys less care — the silo's providers are
//    contracted for min(1, budget_scale) of their admission slots (set_capacity_factor);
//  - when a silo's care spend this year (CareSystem::ledger(), every tier but projects)
//    reaches its budget, its organisations admit fewer clients (set_capacity_factor:
//    funding.exhausted_capacity_factor) and the front door gets stricter
//    (set_seek_threshold_shift: funding.exhausted_threshold_shift × the share of silos that
//    ran out) until the next year: waiting lists grow, thresholds rise. Budgets bind from the
//    second simulated year, the first with a year of spending behind them;
//  - nieuw voor oud: old spending moved to structural projects is cut from the silo's
//    specialist providers, whose slots shrink in proportion (S3:L576: they lose staff, money
//    and power) until it is given back;
//  - elections every funding.election_years (from funding.first_election_year) bring a new
//    alderman with new priorities over project kinds who continues durable reallocation with
//    probability funding.policy_continuity (S3:L426: "op een wethouder kan je maar vier jaar
//    rekenen");
//  - every funding.tender_years the providers paid by municipal silos (teams included) are
//    re-tendered: a share of their staff is replaced (CareSystem::retender: neighbourhood
//    knowledge and client relationships are lost) and a transaction cost is booked to the silo
//    (S0:L1073: short cycles raise transaction costs and uncertainty; S0 SF15).
// Serial use only (the funding phase).
#include <array>
#include <cstdint>
#include <vector>

#include "wijksim/engine/random.hpp"
#include "wijksim/models/care_system.hpp"
#include "wijksim/models/funding_parameters.hpp"
#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

/// The three municipal payers (Payer values 0..2).
inline constexpr std::size_t kSiloCount = 3;

/// One silo in one simulated year (warm-up included), in euro.
struct SiloYear {
  double budget = 0.0;                   ///< for care (staffing and what goes with it)
  double care_spend = 0.0;               ///< booked to the silo, every tier but projects
  double project_spend = 0.0;            ///< projects booked to the silo
  double moved_from_old_spending = 0.0;  ///< yearly rate of old spending cut at the year's end
  std::int32_t exhausted_tick = -1;      ///< when care spend reached the budget; -1: never
  double spend_at_exhaustion = 0.0;      ///< care spend by then
};

struct Alderman {
  int term = 0;                       ///< 0 = the alderman at the start
  std::int32_t elected_tick = 0;
  bool continues_reallocation = true;  ///< keeps moving old money to what works
  std::array<double, kProjectKindCount> priority{};  ///< weight of each kind at funding calls
};

/// What happened at the start of a year.
struct YearStart {
  bool election = false;
  bool reallocation_halted = false;  ///< the new alderman stops nieuw voor oud
  bool tender = false;
};

class Municipality {
 public:
  Municipality(const Parameters& parameters, CareSystem& care, engine::RandomKey key);

  /// At tick % 52 == 0: closes last year's record, lifts restrictions, sets this year's
  /// budgets, and holds an election or a re-tendering when due.
  YearStart start_year(std::int32_t tick);
  /// Every week: silos whose care spend reached their budget restrict access until year end.
  void watch_budgets(std::int32_t tick);
  /// Nieuw voor oud: cuts `euro_per_year` of old spending at `silo`'s specialist providers.
  void move_old_spending(Payer silo, double euro_per_year);
  /// A structurally funded project stopped or went back to temporary money: the providers get
  /// the money back.
  void return_old_spending(Payer silo, double euro_per_year);

  [[nodiscard]] const Alderman& alderman() const noexcept { return alderman_; }
  [[nodiscard]] int elections() const noexcept { return alderman_.term; }
  [[nodiscard]] int tenders() const noexcept { return tenders_; }
  /// Per simulated year so far (the current one still filling), per silo.
  [[nodiscard]] const std::vector<std::array<SiloYear, kSiloCount>>& years() const noexcept { return years_; }
  /// Old spending moved to structural projects now, per silo (euro per year).
  [[nodiscard]] const std::array<double, kSiloCount>& moved() const noexcept { return moved_; }
  [[nodiscard]] bool is_exhausted(Payer silo) const noexcept { return exhausted_[static_cast<std::size_t>(silo)]; }
  /// Yearly cost of an organisation's staffing at full caseload (euro), as care bills it.
  [[nodiscard]] double staffing_cost(const Organisation& org) const noexcept;

 private:
  void refresh_spend(std::size_t year);
  void apply_capacity();
  void elect(std::int32_t tick);

  const Parameters* p_;
  CareSystem* care_;
  engine::RandomKey key_;
  Alderman alderman_;
  int tenders_ = 0;
  double scale_in_use_ = 1.0;
  std::array<double, kSiloCount> moved_{};
  std::array<double, kSiloCount> last_staffing_{};
  std::array<double, kSiloCount> expected_{};   // care cost expected at full budgets
  std::array<double, kSiloCount> contract_{1.0, 1.0, 1.0};  // share of capacity contracted
  std::array<bool, kSiloCount> exhausted_{};
  std::vector<std::array<SiloYear, kSiloCount>> years_;
};

}  // namespace wijksim::models
