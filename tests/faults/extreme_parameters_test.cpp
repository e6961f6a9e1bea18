// Every declared parameter at both ends of its declared range (flags both ways): a tiny run
// (2 x 60 dwellings, the warm-up and one recorded year, funding on) either is refused before
// it starts with a clear error (a wijksim::engine::Error: an inconsistent setting), or runs to
// the end with every invariant of models/invariants.hpp checked after every tick, and every
// value of every output series (the catalogue of models/model_outputs.hpp, filled each
// recorded tick as `wijksim run` records it) is sound: no infinity anywhere, no NaN except in
// the series documented to be NaN where nobody is counted, no negative count, and no
// negative hours, euro or other amount.
//
// In-process (no program started per case): ~520 tiny runs take well under a minute in a
// release build. The two ends are two test cases so ctest can run them side by side.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "wijksim/engine/error.hpp"
#include "wijksim/models/invariants.hpp"
#include "wijksim/models/model_outputs.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

using namespace wijksim;

namespace {

/// What a tiny run sets, unless the parameter under test is one of these.
const std::vector<std::pair<std::string, std::string>> kTinyRun{
    {"run.years", "1"},
    {"run.warmup_years", "1"},
    {"population.neighbourhoods", "2"},
    {"population.dwellings_per_neighbourhood", "60"},
    {"funding.enabled", "true"}};

/// The city's size at its maximum is run as small as the other size allows, without a warm-up
/// (200,000 dwellings in one neighbourhood; 2,000 neighbourhoods of 10 dwellings): the run
/// still has to complete soundly, in seconds rather than minutes.
const std::vector<std::tuple<std::string, bool, std::vector<std::pair<std::string, std::string>>>> kCompanions{
    {"population.neighbourhoods", true, {{"population.dwellings_per_neighbourhood", "10"}, {"run.warmup_years", "0"}}},
    {"population.dwellings_per_neighbourhood", true, {{"population.neighbourhoods", "1"}, {"run.warmup_years", "0"}}}};

/// Series whose values may be negative, and why (every other value must be >= 0).
bool may_be_negative(const std::string& name) {
  (void)name;
  return false;
}

/// Fills every recorded tick's outputs and checks each value (skips the warm-up, as run does).
class SoundOutputs : public engine::Observer {
 public:
  explicit SoundOutputs(const models::Model& model) : model_(&model), outputs_(model, model.warmup_end(), 1) {
    for (const auto& s : outputs_.series()) {
      series_.push_back(s);
      nan_documented_.push_back(s.description.find("NaN") != std::string::npos);
    }
  }

  void on_tick_end(engine::Tick tick) override {
    if (tick < model_->warmup_end()) {
      outputs_.skip(tick);
      return;
    }
    outputs_.fill(tick, buffers_);
    ++filled_;
    for (std::size_t i = 0; i < series_.size() && problem_.empty(); ++i) {
      const auto& s = series_[i];
      for (std::size_t k = 0; k < buffers_[i].count.size() && problem_.empty(); ++k) {
        if (buffers_[i].count[k] < 0) note(tick, s.name, k, static_cast<double>(buffers_[i].count[k]), "a negative count");
      }
      for (std::size_t k = 0; k < buffers_[i].real.size() && problem_.empty(); ++k) {
        const double v = buffers_[i].real[k];
        if (std::isinf(v)) note(tick, s.name, k, v, "an infinite value");
        if (std::isnan(v) && !nan_documented_[i]) note(tick, s.name, k, v, "NaN in a series not documented to have it");
        if (v < 0.0 && !may_be_negative(s.name)) note(tick, s.name, k, v, "a negative " + s.units);
      }
    }
  }

  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  [[nodiscard]] std::int64_t filled() const noexcept { return filled_; }

 private:
  void note(engine::Tick tick, const std::string& series, std::size_t index, double v, const std::string& what) {
    std::ostringstream out;
    out << what << " in " << series << "[" << index << "] = " << v << " at tick " << tick.value();
    problem_ = out.str();
  }

  const models::Model* model_;
  models::ModelOutputs outputs_;
  std::vector<models::OutputSeries> series_;
  std::vector<bool> nan_documented_;
  std::vector<models::OutputBuffer> buffers_;
  std::string problem_;
  std::int64_t filled_ = 0;
};

struct Tally {
  int ran = 0;
  int refused = 0;
  std::vector<std::string> broken;
};

/// One tiny run with `name` at `value`. A failure is recorded in `tally.broken`.
void run_at(const std::string& name, const std::string& value, bool at_max, Tally& tally) {
  std::vector<std::string> overrides;
  for (const auto& [key, v] : kTinyRun) {
    if (key != name) overrides.push_back(key + "=" + v);
  }
  for (const auto& [parameter, when_max, companions] : kCompanions) {
    if (parameter != name || when_max != at_max) continue;
    for (const auto& [key, v] : companions) overrides.push_back(key + "=" + v);  // the last setting wins
  }
  overrides.push_back(name + "=" + value);
  const std::string label = name + "=" + value;
  std::optional<scenarios::Scenario> scenario;
  std::optional<scenarios::ScenarioRun> run;
  try {
    scenario.emplace(scenarios::load_model_defaults(overrides));
    run.emplace(*scenario, 1, 0);
  } catch (const engine::Error& refused) {
    // Refused before the first tick with a message: fine (an inconsistent setting).
    ++tally.refused;
    std::cout << "refused: " << label << ": " << refused.what() << "\n";
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    models::InvariantChecker invariants(run->model());
    SoundOutputs sound(run->model());
    std::vector<engine::Observer*> observers{&invariants, &sound};
    const auto result = run->run(1, observers);
    ++tally.ran;
    if (result.next_tick != run->end()) tally.broken.push_back(label + ": stopped at tick " + std::to_string(result.next_tick.value()));
    if (!sound.problem().empty()) tally.broken.push_back(label + ": " + sound.problem());
    if (sound.filled() != 52 * run->model().parameters().run.years) {
      tally.broken.push_back(label + ": " + std::to_string(sound.filled()) + " ticks recorded");
    }
  } catch (const std::exception& e) {
    tally.broken.push_back(label + ": threw during the run: " + e.what());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (seconds > 1.0) std::cout << "slow: " << label << " took " << seconds << " s\n";
}

/// The end of a declared range as a --set value.
std::string end_of(const engine::ParameterSpec& spec, bool at_max) {
  switch (spec.type) {
    case engine::ParameterType::flag:
      return at_max ? "true" : "false";
    case engine::ParameterType::integer:
      return engine::format_value(static_cast<std::int64_t>(at_max ? spec.max : spec.min));
    case engine::ParameterType::real:
      break;
  }
  return engine::format_value(at_max ? spec.max : spec.min);
}

void every_parameter_at(bool at_max) {
  const auto& registry = *scenarios::model_parameters().registry();
  const auto start = std::chrono::steady_clock::now();
  Tally tally;
  for (const auto& spec : registry.specs()) run_at(spec.name, end_of(spec, at_max), at_max, tally);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << registry.size() << " parameters at their " << (at_max ? "maximum" : "minimum") << ": " << tally.ran
            << " ran, " << tally.refused << " refused with an error, " << tally.broken.size() << " broken, in "
            << seconds << " s\n";
  for (const auto& b : tally.broken) {
    UNSCOPED_INFO(b);
    std::cout << "BROKEN: " << b << "\n";
  }
  CHECK(tally.broken.empty());
  CHECK(tally.ran + tally.refused == static_cast<int>(registry.size()));
  CHECK(tally.ran > static_cast<int>(registry.size()) * 3 / 4);  // refusals are the exception
}

}  // namespace

TEST_CASE("every parameter at its minimum: the run completes with sound outputs, or is refused", "[faults][extremes]") {
  every_parameter_at(false);
}

TEST_CASE("every parameter at its maximum: the run completes with sound outputs, or is refused", "[faults][extremes]") {
  every_parameter_at(true);
}
