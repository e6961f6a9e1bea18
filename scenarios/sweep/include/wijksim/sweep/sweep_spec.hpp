#pragma once
// A sweep spec: a base scenario (or several arms), the parameters to vary and how, a design,
// replicates and a base seed — read from TOML and validated like a scenario file: every
// mistake is a scenarios::ScenarioError naming file, line, column, key, what was expected and
// what was found, before anything runs or is written.
//
// @code
//   description = "grant term against project maturity"
//   seed = 1                     # base seed (default 1)
//   replicates = 4               # per point and arm (default 1)
//   scenario = "../wraparound.toml"  # the base scenario, relative to this file, or "reference"
//
//   [design]
//   kind = "grid"                # "grid" | "lhs" | "saltelli"
//   points = 50                  # lhs: points drawn
//   base_points = 64             # saltelli: N; runs N × (parameters + 2) points
//   seed = 7                     # lhs: seed of the permutations (default: the base seed)
//
//   [set]                        # optional: every run, after the scenario (like --set)
//   run.years = 6
//
//   [[arm]]                      # optional: arms share seeds (common random numbers)
//   name = "carousel"
//   scenario = "../wraparound_carousel.toml"   # default: the top-level scenario
//   [arm.set]                    # optional: this arm only, after [set]
//   funding.durability = 0.0
//
//   [[parameter]]                # one design dimension each, in the order written
//   name = "funding.grant_years_min"
//   also = ["funding.grant_years_max"]   # optional: set to the same value
//   values = [1, 2, 4]           # levels; or from/to with step or count (levels),
//   # from = 1, to = 8           #   or from/to alone (uniform; not in a grid),
//   # step = 1                   #   or distribution = "uniform" | "loguniform" | "normal"
//   # distribution = "normal"    #   with min/max (uniform, loguniform) or mean/sd and
//   # mean = 0.5, sd = 0.1       #   optional min/max (normal, truncated; default: the
//                                #   parameter's declared range)
// @endcode
//
// A grid takes every combination of levels (the first parameter varies slowest). Latin
// hypercube and Saltelli designs map their unit coordinates u in [0, 1) to a parameter: levels
// by index floor(u × count); a range or uniform linearly; loguniform on the log scale; normal
// through the inverse normal CDF of the truncated distribution. Integer parameters take the
// nearest integer of a continuous value (a uniform range of integers: every integer in
// [from, to] equally likely).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::sweep {

enum class DesignKind : std::uint8_t { grid, lhs, saltelli };
[[nodiscard]] std::string_view to_string(DesignKind kind) noexcept;

/// How a swept parameter's values are given.
enum class ValueForm : std::uint8_t {
  levels,        ///< a finite list (values, or from/to with step or count)
  uniform,       ///< continuous uniform on [low, high] (from/to alone, or distribution)
  log_uniform,   ///< log-uniform on [low, high], low > 0
  normal,        ///< normal(mean, sd) truncated to [low, high]
};

/// An override "key=value" with the place in the spec that set it (for errors).
struct SpecOverride {
  std::string key;
  std::string value_text;  ///< TOML text of the value ("0.5", "3", "true")
  scenarios::SourceLocation where;
};

struct SweptParameter {
  std::string name;               ///< a declared parameter; labels the design dimension
  std::vector<std::string> also;  ///< further parameters set to the same value
  engine::ParameterType type = engine::ParameterType::real;
  ValueForm form = ValueForm::levels;
  std::vector<double> levels;     ///< ValueForm::levels (flags as 0 / 1)
  double low = 0.0, high = 0.0;   ///< continuous forms
  double mean = 0.0, sd = 0.0;    ///< ValueForm::normal
  scenarios::SourceLocation where;
};

struct SweepArm {
  std::string name;
  std::string scenario;  ///< as written: a path relative to the spec, or "reference"
  std::optional<std::filesystem::path> scenario_file;  ///< resolved; none for "reference"
  std::vector<SpecOverride> overrides;  ///< [set] then [arm.set]
};

struct SweepSpec {
  std::filesystem::path path;  ///< the spec file as given
  std::string text;            ///< its text (stored in every shard and the merged file)
  std::string description;
  std::uint64_t seed = 1;
  int replicates = 1;
  DesignKind design = DesignKind::grid;
  std::size_t lhs_points = 0;
  std::uint64_t lhs_seed = 1;
  std::size_t saltelli_base_points = 0;
  std::vector<SweepArm> arms;  ///< at least one
  std::vector<SweptParameter> parameters;  ///< at least one
};

/// Reads and validates a spec (names against the model's registry, values against their
/// declared ranges). Does not load the arms' scenarios: validate_sweep_scenarios() does.
/// Throws scenarios::ScenarioError.
[[nodiscard]] SweepSpec load_sweep_spec(const std::filesystem::path& path);
/// The same from text, as if it were the file `display_path` (relative scenario paths resolve
/// against its folder).
[[nodiscard]] SweepSpec parse_sweep_spec(std::string_view text, const std::filesystem::path& display_path);

}  // namespace wijksim::sweep
