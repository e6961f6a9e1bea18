#pragma once
// How the command line shows estimates (a mean with its 95% interval): as text in aligned
// tables, and as JSON fields. Used by `compare`'s headline and cost-benefit tables.
#include <ostream>
#include <string>
#include <vector>

#include "cli/json_writer.hpp"
#include "wijksim/scenarios/interval_estimate.hpp"

namespace wijksim::cli {

/// Three significant digits below 1,000; whole numbers with thousands separators above; "n/a"
/// when not finite.
[[nodiscard]] std::string number_text(double v);

/// "mean [low, high]" (no brackets without an interval); `is_difference` puts "+" before a
/// positive mean.
[[nodiscard]] std::string estimate_text(const scenarios::IntervalEstimate& e, bool is_difference);

/// The fields "mean", "low", "high" of the open JSON object (null where not finite).
void write_estimate(JsonWriter& j, const scenarios::IntervalEstimate& e);

/// Prints `rows` as columns two spaces apart, the first row a header underlined with dashes;
/// trailing spaces are cut.
void print_aligned_rows(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

}  // namespace wijksim::cli
