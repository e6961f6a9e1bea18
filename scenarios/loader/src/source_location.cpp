#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::scenarios {

std::string SourceLocation::to_string() const {
  // Appended piecewise: GCC 12 at -O3 gives a false -Wrestrict for chained operator+.
  std::string text = file;
  if (line == 0) return text;
  text += ':';
  text += std::to_string(line);
  if (column != 0) {
    text += ':';
    text += std::to_string(column);
  }
  return text;
}

}  // namespace wijksim::scenarios
