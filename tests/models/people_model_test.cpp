// The people model end to end at reduced scale: generation, determinism across threads,
// demography, and the emergent figures of MODEL.md §3 and §10 pattern 4.
#include <catch2/catch.hpp>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/people_figures.hpp"
#include "wijksim/models/model.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {
Parameters small(int dwellings, int years) {
  const ModelParameters declared;
  engine::ParameterSetBuilder b(declared.registry());
  b.set("population.dwellings_per_neighbourhood", std::int64_t{dwellings});
  b.set("run.years", std::int64_t{years});
  return declared.resolve(std::move(b).freeze());
}

struct RunResult {
  std::uint64_t checksum = 0;
  std::size_t incidents = 0;
  PeopleFigures figures;
};

RunResult run_people(const Parameters& p, int threads, std::uint64_t seed = 3) {
  Model model(p, seed, 0);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  PeopleFiguresObserver figures(model);
  simulation.add_observer(figures);
  (void)simulation.run(engine::Tick{0}, model.run_end());
  return RunResult{model.state_checksum(), model.incidents().size(), figures.figures()};
}
}  // namespace

TEST_CASE("the generator builds households, residents, blocks and a network", "[people]") {
  const auto p = small(600, 1);
  Model model(p, 1, 0);
  const auto& pop = model.population();
  CHECK(pop.households.size() > 540);   // ~97% of 600 dwellings occupied
  CHECK(pop.households.size() <= 600);
  const double per_household = static_cast<double>(pop.residents.size()) / static_cast<double>(pop.households.size());
  CHECK(per_household > 1.6);
  CHECK(per_household < 2.2);
  CHECK(pop.network.slot_count() == pop.residents.size());
  CHECK(pop.network.live_edge_count() > 4 * pop.residents.size());
  std::size_t sum = 0;
  for (std::size_t h = 0; h < pop.households.size(); ++h) {
    CHECK_FALSE(pop.members(h).empty());
    sum += pop.members(h).size();
  }
  CHECK(sum == pop.residents.size());
}

TEST_CASE("the most vulnerable end up with fewer and weaker ties", "[people][network]") {
  const auto p = small(3000, 1);
  Model model(p, 2, 0);
  const auto& pop = model.population();
  const auto latent = pop.residents.values(pop.r.latent);
  const auto age = pop.residents.values(pop.r.age_years);
  double strength_low = 0.0, strength_high = 0.0, n_low = 0.0, n_high = 0.0;
  for (std::uint32_t i = 0; i < pop.residents.size(); ++i) {
    if (age[i] < 18.0F) continue;
    double strength = 0.0;
    pop.network.for_each_neighbour(i, [&](std::uint32_t, std::uint8_t, float w) { strength += static_cast<double>(w); });
    if (latent[i] < 0.2F) { strength_low += strength; n_low += 1.0; }
    if (latent[i] > 0.6F) { strength_high += strength; n_high += 1.0; }
  }
  REQUIRE(n_low > 50);
  REQUIRE(n_high > 50);
  CHECK(strength_high / n_high < 0.85 * strength_low / n_low);
}

TEST_CASE("the people model is bit-identical at 1, 2 and 4 threads", "[people][determinism]") {
  const auto p = small(900, 2);
  const auto one = run_people(p, 1);
  const auto two = run_people(p, 2);
  const auto four = run_people(p, 4);
  CHECK(one.incidents > 0);
  CHECK(one.checksum == two.checksum);
  CHECK(one.checksum == four.checksum);
  CHECK(one.incidents == four.incidents);
  CHECK(one.figures.adults_giving_support == four.figures.adults_giving_support);
  CHECK(run_people(p, 2, 4).checksum != one.checksum);
}

TEST_CASE("demography turns the population over at the neighbourhood's rate", "[people][demography]") {
  const auto p = small(1500, 2);
  Model model(p, 5, 0);
  engine::Executor executor(2);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  class Counter final : public engine::Observer {
   public:
    explicit Counter(const Model& m) : model(m) {}
    void on_tick_end(engine::Tick) override {
      const auto& d = model.last_demography();
      deaths += d.deaths;
      births += d.births;
      households_out += d.households_moved_out;
      households_in += d.households_moved_in;
    }
    const Model& model;
    std::uint64_t deaths = 0, births = 0, households_out = 0, households_in = 0;
  } counter(model);
  simulation.add_observer(counter);
  const auto households_at_start = static_cast<double>(model.population().households.size());
  const auto start_ids = model.population().residents.ids();
  const std::vector<ResidentId> original(start_ids.begin(), start_ids.end());
  (void)simulation.run(engine::Tick{0}, engine::Tick{3 * 52});
  CHECK(counter.deaths > 0);
  CHECK(counter.births > 0);
  const double moves_per_year = static_cast<double>(counter.households_out) / 3.0 / households_at_start;
  CHECK(moves_per_year > 0.12);   // turnover 0.18/year plus evictions, minus households that die out
  CHECK(moves_per_year < 0.30);
  CHECK(static_cast<double>(counter.households_in) > 0.8 * static_cast<double>(counter.households_out));
  // Stable ids: survivors keep theirs; movers-in get new ones.
  std::size_t stayers = 0;
  for (const auto id : original) stayers += model.population().residents.contains(id) ? 1U : 0U;
  CHECK(stayers < original.size());
  CHECK(stayers > original.size() / 3);
  CHECK(model.population().network.slot_count() == model.population().residents.size());
}

TEST_CASE("people figures at reduced scale fall in the bands of MODEL.md", "[people][patterns]") {
  const auto p = small(2500, 4);
  const auto f = run_people(p, 2).figures;
  INFO("adults giving support " << f.adults_giving_support << ", hours per helper " << f.hours_per_helping_adult
                                << ", intensive " << f.carers_intensive_share << ", overburdened "
                                << f.carers_overburdened_share << ", vulnerable " << f.vulnerable_share
                                << ", 3+ domains " << f.households_multi_domain_share);
  CHECK(f.recorded_years == 4);
  // Bands of issue 3, widened by a third at this scale (2,500 dwellings, 4 years).
  CHECK(f.adults_giving_support > 0.17);
  CHECK(f.adults_giving_support < 0.26);
  CHECK(f.hours_per_helping_adult > 0.8);
  CHECK(f.hours_per_helping_adult < 2.3);
  CHECK(f.carers_intensive_share > 0.2);
  CHECK(f.carers_intensive_share < 0.45);
  CHECK(f.carers_overburdened_share > 0.08);
  CHECK(f.carers_overburdened_share < 0.18);
  CHECK(f.vulnerable_share > 0.27);
  CHECK(f.vulnerable_share < 0.43);
  CHECK(f.households_multi_domain_share > 0.003);
  CHECK(f.households_multi_domain_share < 0.025);
  CHECK(f.willingness_to_help_ratio >= 3.0);
  // The most needy quintile gets less help per unit of need than the middle quintiles.
  const double middle = (f.help_per_need_by_quintile[1] + f.help_per_need_by_quintile[2] + f.help_per_need_by_quintile[3]) / 3.0;
  CHECK(f.help_per_need_by_quintile[4] < middle);
}
