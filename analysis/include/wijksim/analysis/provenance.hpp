#pragma once
// What a run was: scenario, parameters with their sources, seed, program and build, threads,
// and when it ran. Written on every run group, so that a result file explains itself.
//
// Layout: scalars as attributes of the run group (xarray shows them as the dataset's attrs);
// the resolved parameters as a table in `<run>/provenance/parameters`, a netCDF group with
// dimension `parameter` (the names) and string variables `value`, `unit`, `source`.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "wijksim/analysis/group.hpp"

namespace wijksim::analysis {

/// One fully resolved parameter: its value as text (as the scenario would write it), its unit
/// and its source (a citation, "assumption: ...", or "scenario <file>:<line>").
struct ParameterRecord {
  std::string name{};
  std::string value{};
  std::string unit{};
  std::string source{};

  friend bool operator==(const ParameterRecord&, const ParameterRecord&) = default;
};

struct Provenance {
  std::string run_id;
  std::uint64_t seed = 0;
  std::string scenario_name;  ///< file or built-in name the scenario came from
  std::string scenario_text;  ///< the scenario exactly as read
  std::vector<ParameterRecord> parameters;
  std::string program_version;  ///< e.g. "wijksim 0.1.0 (git abc1234)"
  std::string compiler;         ///< e.g. "GNU 12.2.0"
  std::string build_type;       ///< CMAKE_BUILD_TYPE
  std::string build_flags;      ///< compile flags of note (sanitizers, -march, ...)
  std::int64_t threads = 0;
  std::string start_time;  ///< ISO 8601 UTC, "2025-01-06T09:30:00Z"
  std::string end_time;    ///< ISO 8601 UTC

  friend bool operator==(const Provenance&, const Provenance&) = default;
};

/// Writes `provenance` onto the run group (call it when the run has ended, before
/// OutputFile::mark_complete). Throws OutputError when the run id, program version or start
/// time is empty, a time is not ISO 8601 UTC ("YYYY-MM-DDTHH:MM:SSZ", optional fraction),
/// threads < 1, or a parameter name is empty or repeated.
void write_provenance(const Group& run, const Provenance& provenance);

/// Reads back what write_provenance wrote. Throws InputFileError when something is missing.
[[nodiscard]] Provenance read_provenance(const Group& run);

/// `time` as ISO 8601 UTC with whole seconds: "2025-01-06T09:30:00Z".
[[nodiscard]] std::string iso8601_utc(std::chrono::system_clock::time_point time);

}  // namespace wijksim::analysis
