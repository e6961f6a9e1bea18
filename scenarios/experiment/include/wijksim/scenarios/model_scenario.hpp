#pragma once
// The bridge from scenario files to the model: the model's parameter registry and its
// cross-parameter constraints handed to the loader, and a run of one scenario with its
// schedule of policy changes. Used by every command that runs the model (run, compare,
// validate, sweep).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/model.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/scenarios/load_scenario.hpp"

namespace wijksim::scenarios {

/// The model's declarations, shared by every scenario of a process (built once).
[[nodiscard]] const models::ModelParameters& model_parameters();

/// Constraints between model parameters that no single range can express (inconsistent
/// settings are errors that name the file and line that set them).
[[nodiscard]] std::vector<Constraint> model_constraints();

/// Loads a scenario file for the model (extends, schedule, constraints, overrides
/// "key=value"). Throws ScenarioError naming file, line, column and key.
[[nodiscard]] Scenario load_model_scenario(const std::filesystem::path& path,
                                           const std::vector<std::string>& overrides = {});
/// A scenario given as text, as if it were the file `display_path` (its `extends` resolve
/// relative to that path's folder).
[[nodiscard]] Scenario load_model_scenario_text(std::string_view text, std::string_view display_path,
                                                const std::vector<std::string>& overrides = {});
/// The built-in reference neighbourhood (the defaults) with overrides.
[[nodiscard]] Scenario load_model_defaults(const std::vector<std::string>& overrides = {});

/// One run of a scenario: the model built from the scenario's parameters, then warm-up and
/// recorded years, with each scheduled change applied at the start of its tick
/// (tick = 52 × (warm-up years + year)). A run is a pure function of (scenario, seed, run id).
class ScenarioRun {
 public:
  ScenarioRun(const Scenario& scenario, std::uint64_t seed, std::uint64_t run_id);

  [[nodiscard]] models::Model& model() noexcept { return *model_; }
  [[nodiscard]] const models::Model& model() const noexcept { return *model_; }
  [[nodiscard]] const Scenario& scenario() const noexcept { return *scenario_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  [[nodiscard]] std::uint64_t run_id() const noexcept { return run_id_; }
  /// First tick after the warm-up, and the end of the run (exclusive).
  [[nodiscard]] engine::Tick recording_start() const noexcept { return model_->warmup_end(); }
  [[nodiscard]] engine::Tick end() const noexcept { return model_->run_end(); }

  /// Runs to the end (or until `stop` is set, at a tick boundary) on `threads` threads,
  /// calling the observers after every tick. Thread count never changes the results.
  engine::RunResult run(int threads, std::span<engine::Observer* const> observers,
                        const std::atomic<bool>* stop = nullptr);

 private:
  const Scenario* scenario_;
  std::uint64_t seed_;
  std::uint64_t run_id_;
  std::unique_ptr<models::Model> model_;
};

}  // namespace wijksim::scenarios
