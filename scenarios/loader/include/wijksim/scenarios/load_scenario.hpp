#pragma once
// The scenario loader: TOML scenario files -> a validated, frozen parameter set, before the
// first tick (describe, validate, freeze, run — STYLE.md habit 2).
//
// File format (every key is a declared dotted parameter name, written as tables or dotted keys):
// @code
//   extends = "reference.toml"        # optional; relative to this file's folder; may chain
//   description = "budget cut in year 2"
//   [needs]
//   drift_rate = 0.02                 # same as needs.drift_rate = 0.02 at the top
//   [[schedule]]                      # appended to the schedules of the files extended
//   year = 2                          # integer or float, in [0, horizon]
//   label = "budget cut"              # optional
//   [schedule.set]
//   care.budget_per_resident = 80.0
//   [[schedule]]
//   year = 3
//   apply = "wraparound.toml"         # every parameter that file (and its chain) sets
// @endcode
// Reserved at the top of a file: `extends` (a string), `description` (a string) and
// `schedule` (an array of tables, each with `year`, optional `label`, and a non-empty `set`
// and/or `apply`). `apply` names a scenario file (relative to this file's folder, like
// `extends`) and replays it from the entry's year Y: every parameter it and the files it
// extends set takes the value it resolves to there, at Y; then each change of its own schedule
// happens at Y + its year (with the entry's label, when it has one). So a regime switch reuses
// the regime's own file instead of copying its values. The entry's `set`, if any, applies after
// the applied file's changes of year Y. An applied file may not set the horizon, nor lead back
// (by `apply` or `extends`) to a file that is applying it. Its text is kept in Scenario::text.
// Every other key, flattened through its tables, must be a declared parameter name. TOML
// integers, floats and booleans map to ParameterValue; a string, array, table or date given
// for a parameter is a type error.
//
// Every function here reads files but writes nothing, never prints, keeps no state between
// calls (safe to call from several threads at once), and reports a mistake in the input as a
// ScenarioError: the first one found, files in the order they apply (a file's `extends` first,
// then its keys top to bottom, then its schedule), then overrides, then schedule years and
// constraints. A misuse by the calling program (a null registry, a horizon or constraint key
// that is not declared, a constraint without a check) throws std::invalid_argument.
#include <filesystem>
#include <memory>
#include <string_view>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/loader_options.hpp"
#include "wijksim/scenarios/scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

namespace wijksim::scenarios {

/// Loads `path` and the files it extends. Errors name files as the chain reached them:
/// `path` as given, and each extended file as its folder joined with the `extends` text.
[[nodiscard]] Scenario load_scenario(const std::filesystem::path& path,
                                     std::shared_ptr<const engine::ParameterRegistry> registry,
                                     const LoaderOptions& options = {});

/// Loads a scenario from memory, as if it were the file `display_path` (which names it in
/// errors and resolves its `extends` relative to its folder; it need not exist).
[[nodiscard]] Scenario load_scenario_text(std::string_view text, std::string_view display_path,
                                          std::shared_ptr<const engine::ParameterRegistry> registry,
                                          const LoaderOptions& options = {});

/// The defaults with only `options.overrides` applied: a run without a scenario file.
[[nodiscard]] Scenario load_defaults(std::shared_ptr<const engine::ParameterRegistry> registry,
                                     const LoaderOptions& options = {});

}  // namespace wijksim::scenarios
