#pragma once
// Small pieces of the report's HTML text shared by its sections.
#include <string>

namespace wijksim::report {

/// A label with underscores as spaces ("health_insurer" -> "health insurer").
[[nodiscard]] std::string pretty(std::string label);

/// A table cell's content: "mean [low, high]" with the interval in a grey span, "—" when the
/// mean is not finite; `signed_mean` puts "+" before a positive mean.
[[nodiscard]] std::string estimate_cell(double mean, double low, double high, bool signed_mean);

}  // namespace wijksim::report
