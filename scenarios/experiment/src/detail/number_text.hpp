#pragma once
// A figure as text for the pattern tables of `wijksim validate` (validation.cpp,
// funding_validation.cpp): `precision` significant digits, as std::ostream prints them.
#include <sstream>
#include <string>

namespace wijksim::scenarios::detail {

[[nodiscard]] inline std::string text(double v, int precision = 3) {
  std::ostringstream out;
  out.precision(precision);
  out << v;
  return out.str();
}

}  // namespace wijksim::scenarios::detail
