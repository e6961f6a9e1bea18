#include "cli/estimate_output.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace wijksim::cli {

std::string number_text(double v) {
  if (!std::isfinite(v)) return "n/a";
  std::ostringstream out;
  if (std::fabs(v) < 1000.0) {
    out << std::setprecision(3) << v;
    return out.str();
  }
  // Built by appending (GCC 12 at -O3 warns, wrongly, of overlap in std::string::insert here).
  const std::string digits = std::to_string(std::llround(std::fabs(v)));
  std::string text(v < 0.0 ? "-" : "");
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
    text.push_back(digits[i]);
  }
  return text;
}

std::string estimate_text(const scenarios::IntervalEstimate& e, bool is_difference) {
  std::string text = is_difference && e.mean > 0.0 ? "+" : "";
  text.append(number_text(e.mean));
  if (std::isfinite(e.low)) text.append(" [").append(number_text(e.low)).append(", ").append(number_text(e.high)).append("]");
  return text;
}

void write_estimate(JsonWriter& j, const scenarios::IntervalEstimate& e) {
  j.key("mean").value(e.mean).key("low").value(e.low).key("high").value(e.high);
}

void print_aligned_rows(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      line.append(rows[r][c]).append(width[c] - rows[r][c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
    if (r == 0) out << std::string(line.size(), '-') << '\n';
  }
}

}  // namespace wijksim::cli
