#pragma once
// A scenario named on the command line: `reference` (the built-in reference neighbourhood, the
// defaults), a path to a scenario file, or the name of a scenario shipped in scenarios/
// (`wraparound` is <scenario dir>/wraparound.toml).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/scenarios/scenario.hpp"

namespace wijksim::cli {

/// Where the shipped scenario files are: $WIJKSIM_SCENARIO_DIR when set, else the source
/// tree's scenarios/ folder this program was built from.
[[nodiscard]] std::filesystem::path shipped_scenario_dir();

/// Names of the shipped scenarios (file stems, sorted); empty when the folder is missing.
[[nodiscard]] std::vector<std::string> shipped_scenario_names();

struct ScenarioArgument {
  std::string name;                         ///< "reference", or the file's stem
  std::optional<std::filesystem::path> file;  ///< none for the built-in reference
};

/// Resolves `text` (see above). Throws engine::InputError listing the shipped names when it is
/// neither `reference`, nor an existing path, nor a shipped name (a text with a '/' or ending
/// in ".toml" is always taken as a path, and a missing one is the loader's error).
[[nodiscard]] ScenarioArgument resolve_scenario_argument(const std::string& text);

/// The arms `wijksim compare` runs without scenarios: the 2x2 of MODEL.md §1, care regime
/// (expert, wraparound) x funding regime (carousel, durable), shipped as
/// scenarios/<care>_<funding>.toml. The first is the baseline of the differences.
[[nodiscard]] std::vector<std::string> default_comparison_arms();

/// Loads the scenario with `overrides` ("key=value", after the files). Throws ScenarioError.
[[nodiscard]] scenarios::Scenario load_scenario_argument(const ScenarioArgument& argument,
                                                         const std::vector<std::string>& overrides);

}  // namespace wijksim::cli
