#include "wijksim/scenarios/scenario_error.hpp"

#include <utility>

namespace wijksim::scenarios {
namespace {
std::string item_text(const SourceLocation& where, const std::string& key) {
  std::string item = where.to_string();
  if (!key.empty()) item += ": key '" + key + "'";
  return item;
}
}  // namespace

std::string_view to_string(ScenarioErrorKind kind) noexcept {
  switch (kind) {
    case ScenarioErrorKind::syntax:
      return "syntax";
    case ScenarioErrorKind::unknown_key:
      return "unknown key";
    case ScenarioErrorKind::wrong_type:
      return "wrong type";
    case ScenarioErrorKind::out_of_range:
      return "out of range";
    case ScenarioErrorKind::missing_key:
      return "missing key";
    case ScenarioErrorKind::file:
      return "file";
    case ScenarioErrorKind::cycle:
      return "cycle";
    case ScenarioErrorKind::inconsistent:
      return "inconsistent";
  }
  return "?";
}

ScenarioError::ScenarioError(ScenarioErrorKind kind, SourceLocation where, std::string key,
                             std::string expected, std::string found, std::string hint)
    : engine::InputError(item_text(where, key), std::move(expected), std::move(found),
                         std::move(hint)),
      kind_(kind),
      where_(std::move(where)),
      key_(std::move(key)) {}

}  // namespace wijksim::scenarios
