// Care delivery runs in parallel blocks of households (models/src/care_delivery.cpp): every
// cost, hour, fix, activation and relief must be exactly what one loop over the episodes gives,
// at any thread count. The neighbourhood is large enough for several blocks, under a
// wraparound set-up where network activation and practical fixes happen.
#include <catch2/catch.hpp>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"
#include "wijksim/models/model_parameters.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {
Parameters wraparound_neighbourhood() {
  const ModelParameters declared;
  engine::ParameterSetBuilder b(declared.registry());
  b.set("population.dwellings_per_neighbourhood", std::int64_t{1800});  // ~1,750 households: 4 blocks
  b.set("run.years", std::int64_t{2});
  b.set("care.integration", 0.8);
  b.set("care.team_fte_per_1000_residents", 1.3);
  b.set("care.network_activation", 0.5);
  b.set("care.discretionary_budget", 2000.0);
  return declared.resolve(std::move(b).freeze());
}

struct Delivery {
  std::uint64_t checksum = 0;
  std::vector<PayerTierTable> costs;  // per year
  std::vector<CareYear> years;
  std::size_t network_edges = 0;
};

Delivery deliver_with(const Parameters& p, int threads) {
  Model model(p, 11, 0);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  (void)simulation.run(engine::Tick{0}, model.run_end());
  Delivery out;
  out.checksum = model.state_checksum();
  const CostLedger& ledger = model.care().ledger();
  for (std::size_t y = 0; y < ledger.years(); ++y) out.costs.push_back(ledger.year(y));
  out.years = model.care().years();
  out.network_edges = model.population().network.live_edge_count();
  return out;
}
}  // namespace

TEST_CASE("care delivery in parallel blocks books the same costs, hours and fixes at 1, 2 and 3 threads",
          "[care][determinism]") {
  const Parameters p = wraparound_neighbourhood();
  const Delivery one = deliver_with(p, 1);
  // The paths that cross households or sum in order are exercised.
  double activations = 0.0, fixes = 0.0, hours = 0.0;
  for (const CareYear& y : one.years) {
    activations += y.activations;
    fixes += y.practical_fixes;
    hours += y.treatment_hours;
  }
  CHECK(activations > 0.0);
  CHECK(fixes > 0.0);
  CHECK(hours > 0.0);
  for (const int threads : {2, 3}) {
    INFO(threads << " threads");
    const Delivery many = deliver_with(p, threads);
    CHECK(many.checksum == one.checksum);
    CHECK(many.network_edges == one.network_edges);  // ties made by activation
    REQUIRE(many.costs.size() == one.costs.size());
    for (std::size_t y = 0; y < one.costs.size(); ++y) CHECK(many.costs[y] == one.costs[y]);  // every cell, exactly
    REQUIRE(many.years.size() == one.years.size());
    for (std::size_t y = 0; y < one.years.size(); ++y) {
      CHECK(many.years[y].treatment_hours == one.years[y].treatment_hours);
      CHECK(many.years[y].practical_fixes == one.years[y].practical_fixes);
      CHECK(many.years[y].activations == one.years[y].activations);
      CHECK(many.years[y].coordination_hours == one.years[y].coordination_hours);
      CHECK(many.years[y].households_in_care_weeks == one.years[y].households_in_care_weeks);
    }
  }
}
