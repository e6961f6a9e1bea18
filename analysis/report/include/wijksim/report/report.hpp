#pragma once
// The report of a results file (`wijksim report`, `wijksim compare --report`): one
// self-contained HTML page — inline SVG charts drawn in C++, no script, no external font, style
// sheet or image, so it renders without network access — for a policy analyst:
//
//   title block   program version, seed, arms and their scenario files, years, replicates, date
//   headline      the table of /comparison: each arm's mean [95% t-interval] and its paired
//                 difference from the first arm (comparison files only)
//   over time     residents in crisis, trust, volunteers, informal hours, professional hours and
//                 cost per resident, per arm: the mean over replicates with the band from the
//                 2.5% to the 97.5% quantile across replicates at each week (where 95% of runs
//                 lie); a single-run file has one line per neighbourhood (and the city) instead
//   professionals the distribution of concurrent professionals per household in care and per
//                 multi-problem household, per arm (share of household-weeks)
//   costs         euro per resident per year by payer, per arm (mean over replicates, whiskers
//                 from the lowest to the highest replicate)
//   projects      life lines of the projects of replicate 0 of each arm, coloured by state
//                 (events/projects), or "no projects in this run (funding off)"
//
// Reads through the analysis layer's reader (input_file.hpp, read_series.hpp): knows the
// layout (analysis/SCHEMA.md) and the names of the series, not the model.
#include <filesystem>
#include <string>

namespace wijksim::report {

struct ReportOptions {
  /// Shown in the title block as the program that made the report ("wijksim 0.1.0").
  std::string generated_by;
  /// Shown as the date the report was made (ISO 8601); empty: now, in UTC.
  std::string generated_at;
};

/// Reads `results` (a `wijksim compare --out` or `wijksim run --out` file) and returns the
/// report page. Throws analysis::InputFileError when the file is missing, not HDF5, truncated,
/// not a wijksim output, incomplete (its writing was cut short), or lacks what a report needs
/// (no runs, a run without the series read here).
[[nodiscard]] std::string render_report(const std::filesystem::path& results, const ReportOptions& options = {});

/// Checks, before any work, that `destination` can be written: its directory exists and,
/// unless `overwrite`, no file has that name. Throws analysis::OutputExistsError /
/// analysis::OutputError.
void check_report_destination(const std::filesystem::path& destination, bool overwrite);

/// Writes `html` to `destination` under a temporary name in the same directory, then renames
/// it (nothing under the final name unless complete). Throws as check_report_destination, and
/// analysis::OutputError when writing fails (the temporary file is removed).
void write_report(const std::filesystem::path& destination, const std::string& html, bool overwrite);

}  // namespace wijksim::report
