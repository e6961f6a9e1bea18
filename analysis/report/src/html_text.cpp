#include "html_text.hpp"

#include <algorithm>
#include <cmath>

#include "svg_chart.hpp"

namespace wijksim::report {

std::string pretty(std::string label) {
  std::replace(label.begin(), label.end(), '_', ' ');
  return label;
}

std::string estimate_cell(double mean, double low, double high, bool signed_mean) {
  if (!std::isfinite(mean)) return "—";
  std::string s = signed_mean && mean > 0.0 ? "+" : "";
  s.append(format_number(mean));
  if (std::isfinite(low) && std::isfinite(high)) s += " <span class=\"ci\">[" + format_number(low) + ", " + format_number(high) + "]</span>";
  return s;
}

}  // namespace wijksim::report
