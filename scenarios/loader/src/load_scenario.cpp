#include "wijksim/scenarios/load_scenario.hpp"

#include <string>
#include <utility>

#include "detail/scenario_reader.hpp"

namespace wijksim::scenarios {

Scenario load_scenario(const std::filesystem::path& path,
                       std::shared_ptr<const engine::ParameterRegistry> registry,
                       const LoaderOptions& options) {
  detail::ScenarioReader reader(std::move(registry), options);
  reader.read_file(path, std::nullopt);
  reader.apply_overrides();
  return std::move(reader).finish();
}

Scenario load_scenario_text(std::string_view text, std::string_view display_path,
                            std::shared_ptr<const engine::ParameterRegistry> registry,
                            const LoaderOptions& options) {
  detail::ScenarioReader reader(std::move(registry), options);
  reader.read_text(text, std::string(display_path));
  reader.apply_overrides();
  return std::move(reader).finish();
}

Scenario load_defaults(std::shared_ptr<const engine::ParameterRegistry> registry,
                       const LoaderOptions& options) {
  detail::ScenarioReader reader(std::move(registry), options);
  reader.apply_overrides();
  return std::move(reader).finish();
}

}  // namespace wijksim::scenarios
