#pragma once
// The one error a scenario can give: every mistake in a scenario file, an `extends` chain, a
// schedule or a command-line override is reported as a ScenarioError naming the place, the
// key, what was expected and what was found (ARCHITECTURE.md, "Bad input gets a clear error").
#include <cstdint>
#include <string>
#include <string_view>

#include "wijksim/engine/error.hpp"
#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::scenarios {

/// What kind of mistake a ScenarioError reports; a command may map kinds to exit codes.
enum class ScenarioErrorKind : std::uint8_t {
  syntax,        ///< not valid TOML, or a `--set` without '='
  unknown_key,   ///< a key that names no parameter, topic or reserved key (or is empty)
  wrong_type,    ///< a string, array, table or fraction where something else is declared
  out_of_range,  ///< a value outside its declared range; a schedule year outside [0, horizon]
  missing_key,   ///< a required key is absent: a schedule entry without `year` or `set`
  file,          ///< a scenario file that does not exist or cannot be read
  cycle,         ///< an `extends` chain that comes back to a file already in it
  inconsistent,  ///< values that are each valid but break a model constraint together
};

[[nodiscard]] std::string_view to_string(ScenarioErrorKind kind) noexcept;

/// A user's mistake in a scenario. what() reads
///   `path/to/file.toml:12:3: key 'needs.drfit_rate': expected a declared parameter name,
///    found an unknown name (did you mean 'needs.drift_rate'?)`
/// The location omits line and column when there are none; the key part is left out when the
/// mistake has no key (a syntax error, a missing file). item() is everything before the
/// first ": expected"; expected(), found() and hint() are as in engine::InputError.
class ScenarioError : public engine::InputError {
 public:
  ScenarioError(ScenarioErrorKind kind, SourceLocation where, std::string key, std::string expected,
                std::string found, std::string hint = {});

  [[nodiscard]] ScenarioErrorKind kind() const noexcept { return kind_; }
  [[nodiscard]] const SourceLocation& where() const noexcept { return where_; }
  /// The full dotted key as it is written in the scenario ("needs.drift_rate",
  /// "schedule[0].set.care.integration", "extends"); empty for syntax and file errors.
  [[nodiscard]] const std::string& key() const noexcept { return key_; }

 private:
  ScenarioErrorKind kind_;
  SourceLocation where_;
  std::string key_;
};

}  // namespace wijksim::scenarios
