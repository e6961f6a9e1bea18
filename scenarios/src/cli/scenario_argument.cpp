#include "cli/scenario_argument.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/text_distance.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

namespace wijksim::cli {
namespace fs = std::filesystem;

fs::path shipped_scenario_dir() {
  if (const char* dir = std::getenv("WIJKSIM_SCENARIO_DIR"); dir != nullptr && *dir != '\0') return fs::path(dir);
  return fs::path(WIJKSIM_SCENARIO_DIR);
}

std::vector<std::string> shipped_scenario_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(shipped_scenario_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".toml") names.push_back(it->path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ScenarioArgument resolve_scenario_argument(const std::string& text) {
  if (text == "reference") return ScenarioArgument{"reference", std::nullopt};
  const fs::path as_given(text);
  std::error_code ec;
  const bool looks_like_path = text.find('/') != std::string::npos || as_given.extension() == ".toml";
  if (looks_like_path || fs::is_regular_file(as_given, ec)) return ScenarioArgument{as_given.stem().string(), as_given};
  const fs::path shipped = shipped_scenario_dir() / (text + ".toml");
  if (fs::is_regular_file(shipped, ec)) return ScenarioArgument{text, shipped};
  std::string names = "reference";
  std::string closest;
  std::size_t best = 4;  // suggest only a near miss: at most 3 edits
  for (const auto& n : shipped_scenario_names()) {
    if (n != "reference") names.append(", ").append(n);
    if (const std::size_t d = engine::edit_distance(text, n); d < best) {
      best = d;
      closest = n;
    }
  }
  std::string found = "no such file or shipped scenario";
  if (!closest.empty()) found.append(" (did you mean '").append(closest).append("'?)");
  throw engine::InputError("scenario '" + text + "'",
                           "a scenario file (a path), or one of the shipped scenarios in " + shipped_scenario_dir().string() +
                               ": " + names,
                           found);
}

std::vector<std::string> default_comparison_arms() {
  return {"expert_carousel", "expert_durable", "wraparound_carousel", "wraparound_durable"};
}

scenarios::Scenario load_scenario_argument(const ScenarioArgument& argument, const std::vector<std::string>& overrides) {
  return argument.file ? scenarios::load_model_scenario(*argument.file, overrides) : scenarios::load_model_defaults(overrides);
}

}  // namespace wijksim::cli
