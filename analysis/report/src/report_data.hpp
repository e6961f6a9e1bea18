#pragma once
// What the report reads from a results file, already reduced to what it draws: per run a few
// city-wide time series (and per neighbourhood where the series has that dimension), the
// distribution of concurrent professionals, costs by payer, and the project life cycle events.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/provenance.hpp"

namespace wijksim::report {

/// A value not there to draw (a gap in a line, a bar without whiskers).
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The outcomes over time, in drawing order.
enum class Outcome { crisis, trust, volunteers, informal_hours, professional_hours, cost };
inline constexpr std::size_t kOutcomeCount = 6;

struct OutcomeSpec {
  const char* id;      ///< the chart's id suffix
  const char* title;
  const char* unit;    ///< the y-axis label
};
[[nodiscard]] const OutcomeSpec& outcome_spec(Outcome outcome) noexcept;

/// One row of events/projects.
struct ProjectEvent {
  std::int32_t tick = 0;
  std::int32_t project = 0;
  std::string kind;
  std::string from;
  std::string to;
};

struct RunData {
  std::string id;
  std::string arm;
  std::int64_t arm_index = 0;
  std::int64_t replicate = 0;
  analysis::Provenance provenance;
  std::vector<std::int32_t> ticks;       ///< recorded ticks
  std::vector<double> years;             ///< (tick - first recorded tick + 1) / 52
  std::vector<std::string> neighbourhoods;
  /// [outcome][tick]: the city; NaN where a series is missing.
  std::vector<std::vector<double>> city;
  /// [outcome][neighbourhood][tick]; empty for an outcome without a neighbourhood dimension.
  std::vector<std::vector<std::vector<double>>> by_neighbourhood;
  /// Household-weeks with k concurrent professionals (k = 0 … last bin), summed over
  /// neighbourhoods and recorded weeks; empty when the series is missing.
  std::vector<double> households_by_professionals;
  std::vector<double> multi_problem_households_by_professionals;
  std::vector<std::string> professional_bins;
  /// Euro per resident per year by payer over the recorded years; empty without `cost`.
  std::vector<std::string> payers;
  std::vector<double> cost_by_payer;
  /// Present when the run has an events/projects table.
  std::optional<std::vector<ProjectEvent>> projects;
  std::vector<std::string> project_states;  ///< the enum's names, in value order
};

/// A headline table from /comparison.
struct HeadlineTable {
  std::vector<std::string> arms;
  std::vector<std::string> measure_labels;
  std::vector<std::string> measure_units;
  /// [arm][measure]
  std::vector<std::vector<double>> mean, low, high, difference_mean, difference_low, difference_high;
};

/// The cost-benefit ledger per payer from /comparison (cost_benefit_mean, _low, _high and the
/// cost_benefit_all_* figures): euro per year over the horizon, each arm against the first
/// (analysis/SCHEMA.md).
struct CostBenefitTable {
  std::vector<std::string> payers;      ///< the payer dimension, then "all payers"
  std::vector<std::string> quantities;  ///< costs, benefits, net (checked, in this order)
  /// [arm][payer (last: all payers)][quantity]; NaN for the first arm
  std::vector<std::vector<std::vector<double>>> mean, low, high;
  /// [arm][payer (last: all payers)]: benefit-cost ratio; NaN where undefined
  std::vector<std::vector<double>> ratio;
};

struct ReportData {
  std::string path;
  bool is_comparison = false;
  std::vector<std::string> arms;  ///< in order (comparison: /comparison/arm; else one per run)
  std::vector<RunData> runs;      ///< in file order
  std::optional<HeadlineTable> headline;
  /// Present in comparison files written since the ledger was recorded.
  std::optional<CostBenefitTable> cost_benefit;
  std::uint64_t seed = 0;
  std::int64_t replicates = 1;
  std::int64_t years = 0;
  std::int64_t warmup_years = 0;
  std::string program_version;
};

/// Reads everything the report draws. Throws analysis::InputFileError (see render_report).
[[nodiscard]] ReportData read_report_data(const std::filesystem::path& path);

}  // namespace wijksim::report
