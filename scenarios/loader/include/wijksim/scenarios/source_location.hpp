#pragma once
// A place in a scenario's sources, as errors and provenance name it.
#include <cstdint>
#include <string>

namespace wijksim::scenarios {

/// A file (or "<command line>") and a 1-based line and column. Line and column are 0 where
/// the place has none: a file that could not be opened, a command-line override. For a key the
/// column is that of its last segment as written (`drift_rate` in `needs.drift_rate = 0.1`);
/// for a wrong or out-of-range value, that of the value.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// "file:line:column", or "file" when there is no line, the way compilers name places.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

}  // namespace wijksim::scenarios
