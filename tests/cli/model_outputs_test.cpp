// The model's output catalogue (models/model_outputs.hpp) on a small city: distributions add up
// to their populations, flows derived from the per-year counters add up to those counters over
// a year, and the event logs agree with the series. Lives with the recording tests because it
// is what `wijksim run` records.
#include "wijksim/models/model_outputs.hpp"

#include <array>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/run_recording.hpp"

using namespace wijksim;
using models::OutputBuffer;
using models::OutputType;

namespace {

/// Index of series `name` in the catalogue.
std::size_t series_index(const models::ModelOutputs& outputs, const std::string& name) {
  const auto all = outputs.series();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].name == name) return i;
  }
  FAIL("no series " << name);
  return 0;
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

/// Checks each recorded tick as it ends, and sums flows over the recorded year.
class Checker final : public engine::Observer {
 public:
  Checker(const models::Model& model, engine::Tick first, int threads)
      : model_(model), outputs_(model, first, threads), first_(first) {
    for (const char* name :
         {"population", "households", "self_reliance", "households_by_professionals",
          "multi_problem_households_by_professionals", "residents_by_cohort", "incidents",
          "episodes_started", "episodes_ended", "episodes_dropped_out", "cost", "professional_fte",
          "professionals_left", "professionals_hired", "severity_mean", "intakes",
          "treatment_hours", "residents_in_crisis", "severity_mean_by_cohort"}) {
      index_[name] = series_index(outputs_, name);
    }
  }

  void on_tick_end(engine::Tick tick) override {
    if (tick < first_) {
      outputs_.skip(tick);
      return;
    }
    outputs_.fill(tick, values_);
    REQUIRE(values_.size() == outputs_.series_count());
    const auto all = outputs_.series();
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const bool is_real = all[i].type == OutputType::real;
      REQUIRE((is_real ? values_[i].real.size() : values_[i].count.size()) ==
              outputs_.values_per_tick(i));
    }
    const auto& population = at("population").count;
    const auto& households = at("households").count;
    const std::size_t neighbourhoods = population.size();
    // Every resident has one score per domain; every household one bin of professionals.
    const auto& scores = at("self_reliance").count;
    for (std::size_t n = 0; n < neighbourhoods; ++n) {
      for (std::size_t d = 0; d < models::kDomainCount; ++d) {
        std::int64_t total = 0;
        for (std::size_t s = 0; s < 5; ++s) total += scores[(n * models::kDomainCount + d) * 5 + s];
        CHECK(total == population[n]);
      }
    }
    CHECK(sum(population) == static_cast<std::int64_t>(model_.population().residents.size()));
    // The same distribution, counted resident by resident with the model's own scale.
    {
      const auto& pop = model_.population();
      std::vector<std::int64_t> direct(scores.size(), 0);
      std::vector<std::int64_t> crisis(neighbourhoods, 0);
      std::vector<double> severity(neighbourhoods * models::kDomainCount, 0.0);
      const auto household = pop.residents.values(pop.r.household);
      const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
      const auto moved_in = pop.residents.values(pop.r.moved_in_tick);
      const auto household_moved_in = pop.households.values(pop.h.moved_in_tick);
      std::vector<std::int64_t> cohort_count(neighbourhoods * 3, 0);
      std::vector<double> cohort_severity(neighbourhoods * 3 * models::kDomainCount, 0.0);
      for (std::size_t i = 0; i < pop.residents.size(); ++i) {
        const std::size_t n = neighbourhood[household[i]];
        std::size_t cohort = 0;  // stayers: here at the first recorded tick
        if (moved_in[i] >= first_.value())
          cohort = moved_in[i] > household_moved_in[household[i]] ? 2 : 1;
        ++cohort_count[n * 3 + cohort];
        for (std::size_t d = 0; d < models::kDomainCount; ++d) {
          cohort_severity[(n * 3 + cohort) * models::kDomainCount + d] +=
              static_cast<double>(pop.residents.values(pop.r.severity[d])[i]);
        }
        bool in_crisis = false;
        for (std::size_t d = 0; d < models::kDomainCount; ++d) {
          const float v = pop.residents.values(pop.r.severity[d])[i];
          ++direct[(n * models::kDomainCount + d) * 5 +
                   static_cast<std::size_t>(models::self_reliance_score(v) - 1)];
          severity[n * models::kDomainCount + d] += static_cast<double>(v);
          in_crisis = in_crisis || v >= models::kCrisisSeverity;
        }
        crisis[n] += in_crisis ? 1 : 0;
      }
      CHECK(direct == scores);
      CHECK(cohort_count == at("residents_by_cohort").count);
      const auto& by_cohort = at("severity_mean_by_cohort").real;
      for (std::size_t k = 0; k < by_cohort.size(); ++k) {
        const auto members = cohort_count[k / models::kDomainCount];
        if (members == 0) {
          CHECK(std::isnan(by_cohort[k]));
        } else {
          CHECK(by_cohort[k] ==
                Approx(cohort_severity[k] / static_cast<double>(members)).epsilon(1e-6));
        }
      }
      CHECK(crisis == at("residents_in_crisis").count);
      const auto& mean = at("severity_mean").real;
      for (std::size_t k = 0; k < mean.size(); ++k) {
        CHECK(mean[k] ==
              Approx(severity[k] / static_cast<double>(population[k / models::kDomainCount]))
                  .epsilon(1e-6));
      }
    }
    CHECK(sum(households) == static_cast<std::int64_t>(model_.population().households.size()));
    CHECK(sum(at("households_by_professionals").count) == sum(households));
    const auto& all_bins = at("households_by_professionals").count;
    const auto& multi_bins = at("multi_problem_households_by_professionals").count;
    for (std::size_t b = 0; b < all_bins.size(); ++b) CHECK(multi_bins[b] <= all_bins[b]);
    const auto& cohorts = at("residents_by_cohort").count;
    CHECK(sum(cohorts) == sum(population));
    CHECK(cohorts[0] <= last_stayers_);  // stayers only leave
    last_stayers_ = cohorts[0];
    for (const double s : at("severity_mean").real) CHECK((s >= 0.0 && s <= 1.0));
    // Incidents and episode events of the tick agree with the series.
    const auto incidents = outputs_.incidents_of_last_tick();
    CHECK(sum(at("incidents").count) == static_cast<std::int64_t>(incidents.size()));
    for (const auto& i : incidents) CHECK(i.tick == tick.value());
    std::array<std::int64_t, models::kEpisodeEventKindCount> events{};
    for (const auto& e : outputs_.episode_events_of_last_tick()) {
      CHECK(e.tick == tick.value());
      ++events[static_cast<std::size_t>(e.kind)];
    }
    CHECK(events[0] == sum(at("episodes_started").count));
    CHECK(events[1] == at("episodes_ended").count[0]);
    CHECK(events[2] == at("episodes_dropped_out").count[0]);
    // Staff after = staff before - leavers + hires, per organisation.
    const auto& fte = at("professional_fte").real;
    const auto& left = at("professionals_left").count;
    const auto& hired = at("professionals_hired").count;
    if (!last_fte_.empty()) {
      for (std::size_t o = 0; o < fte.size(); ++o) {
        CHECK(fte[o] ==
              last_fte_[o] - static_cast<double>(left[o]) + static_cast<double>(hired[o]));
      }
    }
    last_fte_ = fte;
    total_left_ += sum(left);
    CHECK(std::accumulate(fte.begin(), fte.end(), 0.0) ==
          static_cast<double>(model_.care().professionals().size()));
    // Flows over the recorded year.
    const auto& cost = at("cost").real;
    for (std::size_t k = 0; k < cost.size(); ++k) year_cost_[k] += cost[k];
    started_ += sum(at("episodes_started").count);
    intakes_ += at("intakes").count[0];
    treatment_hours_ += at("treatment_hours").real[0];
    incidents_ += static_cast<std::int64_t>(incidents.size());
    episode_events_ += static_cast<std::int64_t>(outputs_.episode_events_of_last_tick().size());
    ++recorded_;
  }

  const OutputBuffer& at(const std::string& name) const { return values_.at(index_.at(name)); }

  const models::Model& model_;
  models::ModelOutputs outputs_;
  engine::Tick first_;
  std::map<std::string, std::size_t> index_;
  std::vector<OutputBuffer> values_;
  std::int64_t last_stayers_ = std::numeric_limits<std::int64_t>::max();
  std::vector<double> last_fte_;
  std::array<double, models::kPayerCount * models::kTierCount> year_cost_{};
  std::int64_t started_ = 0, intakes_ = 0, incidents_ = 0, episode_events_ = 0, total_left_ = 0;
  double treatment_hours_ = 0.0;
  int recorded_ = 0;
};

}  // namespace

TEST_CASE("model outputs add up on a small city, and flows add up to the year's counters",
          "[recording]") {
  const auto scenario = scenarios::load_model_defaults(
      {"population.dwellings_per_neighbourhood=1200", "population.neighbourhoods=2", "run.years=1",
       "care.turnover_per_year=0.5"});
  scenarios::ScenarioRun run(scenario, 7, 0);
  // Over 4096 residents: several blocks of the parallel tally, on 2 threads.
  REQUIRE(run.model().population().residents.size() > 4096);
  Checker checker(run.model(), run.recording_start(), 2);
  engine::Observer* observers[] = {&checker};
  const auto result = run.run(2, observers);
  REQUIRE_FALSE(result.stopped_early);
  CHECK(checker.recorded_ == 52);
  // The recorded year is simulated year 1 (after one warm-up year): the sums of the per-tick
  // flows are its counters.
  const auto& care = run.model().care();
  REQUIRE(care.years().size() >= 2);
  const models::CareYear& year = care.years()[1];
  CHECK(checker.started_ ==
        std::llround(std::accumulate(year.new_episodes.begin(), year.new_episodes.end(), 0.0)));
  CHECK(checker.intakes_ == std::llround(year.intakes));
  CHECK(checker.treatment_hours_ == Approx(year.treatment_hours).epsilon(1e-9));
  const auto ledger = care.ledger().year(1);
  for (std::size_t p = 0; p < models::kPayerCount; ++p) {
    for (std::size_t k = 0; k < models::kTierCount; ++k) {
      CHECK(checker.year_cost_[p * models::kTierCount + k] ==
            Approx(ledger[p][k]).epsilon(1e-9).margin(1e-6));
    }
  }
  // Something happened, so that the checks above mean something.
  CHECK(checker.started_ > 0);
  CHECK(checker.incidents_ > 0);
  CHECK(checker.total_left_ > 0);
  CHECK(models::CostLedger::total(ledger) > 0.0);
}

TEST_CASE("model outputs refuse ticks that are not seen in order", "[recording]") {
  const auto scenario =
      scenarios::load_model_defaults({"population.dwellings_per_neighbourhood=100"});
  const scenarios::ScenarioRun run(scenario, 1, 0);
  models::ModelOutputs outputs(run.model(), engine::Tick{52});
  std::vector<OutputBuffer> values;
  CHECK_THROWS_AS(outputs.skip(engine::Tick{1}), std::logic_error);  // tick 0 was not seen
  outputs.skip(engine::Tick{0});
  CHECK_THROWS_AS(outputs.fill(engine::Tick{2}, values), std::logic_error);
}

TEST_CASE("the catalogue declares every dimension its series use, with coordinates",
          "[recording]") {
  const auto scenario = scenarios::load_model_defaults(
      {"population.dwellings_per_neighbourhood=100", "population.neighbourhoods=12"});
  const scenarios::ScenarioRun run(scenario, 1, 0);
  const models::ModelOutputs outputs(run.model(), engine::Tick{52});
  std::set<std::string> names;
  for (const auto& d : outputs.dimensions()) {
    CHECK(d.size() > 0);
    CHECK((d.labels.empty() || d.values.empty()));
    CHECK(names.insert(d.name).second);
  }
  for (std::size_t i = 0; i < outputs.series_count(); ++i) {
    const auto s = outputs.series()[i];
    CHECK_FALSE(s.units.empty());
    CHECK_FALSE(s.long_name.empty());
    CHECK_FALSE(s.description.empty());
    CHECK(names.count(s.name) == 0);  // a series is never named like a dimension
    for (const auto& d : s.dimensions) CHECK(names.count(d) == 1);
  }
  const auto& neighbourhoods = outputs.dimensions().front();
  REQUIRE(neighbourhoods.name == "neighbourhood");
  CHECK(neighbourhoods.labels.front() == "n00");
  CHECK(neighbourhoods.labels.back() == "n11");
}

TEST_CASE("provenance names where each parameter came from", "[recording]") {
  const auto scenario = scenarios::load_model_defaults({"run.years=3"});
  const auto records = scenarios::parameter_records(scenario);
  REQUIRE(records.size() == scenario.parameters.registry().size());
  bool found = false;
  for (const auto& r : records) {
    CHECK_FALSE(r.source.empty());
    if (r.name == "run.years") {
      found = true;
      CHECK(r.value == "3");
      CHECK(r.unit == "years");
      CHECK(r.source == "scenario <command line>");
    } else {
      CHECK_FALSE(r.source.starts_with("scenario "));
    }
  }
  CHECK(found);
  const auto build = scenarios::build_info();
  CHECK(build.program_version.starts_with("wijksim "));
  CHECK_FALSE(build.compiler.empty());
}

TEST_CASE("the parallel tally gives the same values at any thread count", "[recording]") {
  // Some 37,000 residents: nine blocks of 4096, tallied in parallel from eight blocks on.
  const auto scenario =
      scenarios::load_model_defaults({"population.dwellings_per_neighbourhood=10000",
                                      "population.neighbourhoods=2", "run.warmup_years=0"});
  scenarios::ScenarioRun run(scenario, 5, 0);
  REQUIRE(run.model().population().residents.size() > 8 * 4096);

  class Twins final : public engine::Observer {
   public:
    Twins(const models::Model& model, std::atomic<bool>& stop)
        : one_(model, engine::Tick{0}, 1), four_(model, engine::Tick{0}, 4), stop_(&stop) {}
    void on_tick_end(engine::Tick tick) override {
      one_.fill(tick, a_);
      four_.fill(tick, b_);
      REQUIRE(a_.size() == b_.size());
      for (std::size_t i = 0; i < a_.size(); ++i) {
        CHECK(a_[i].count == b_[i].count);
        // Bit-identical, NaN included: compare the bytes.
        REQUIRE(a_[i].real.size() == b_[i].real.size());
        if (!a_[i].real.empty()) {  // memcmp of an empty vector's null data is undefined
          CHECK(std::memcmp(a_[i].real.data(), b_[i].real.data(),
                            a_[i].real.size() * sizeof(double)) == 0);
        }
      }
      if (++ticks_ == 6) stop_->store(true);
    }
    int ticks_ = 0;

   private:
    models::ModelOutputs one_, four_;
    std::vector<OutputBuffer> a_, b_;
    std::atomic<bool>* stop_;
  };
  std::atomic<bool> stop{false};
  Twins twins(run.model(), stop);
  engine::Observer* observers[] = {&twins};
  const auto result = run.run(2, observers, &stop);
  CHECK(result.stopped_early);
  CHECK(twins.ticks_ == 6);
}
