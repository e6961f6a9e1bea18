#pragma once
// A comparison recorded into one HDF5 file (`wijksim compare --out`), with the conventions of
// analysis/SCHEMA.md (root marks, temporary name + rename, netCDF-4 dimension scales):
//
//   /                               @kind = "comparison" (besides format, format_version, complete)
//   /runs/<arm_slug>-r<replicate>/  each run as `wijksim run` writes it, plus @arm, @arm_index,
//                                   @replicate; created in (arm, replicate) order
//   /comparison/                    the headline figures of every run, each arm's mean with its
//                                   95% interval and its paired difference from the first arm;
//                                   the cost-benefit ledger per payer (cost_benefit_recording.hpp)
//
// Runs go side by side on worker threads; HDF5 is used by one thread at a time. Each run is
// gathered in memory on its own thread (BufferedRunRecording) and handed to a reorder buffer:
// under one mutex, whichever thread holds it writes every run whose predecessors are all
// written. With PairedRunOptions::order = RunOrder::arm_major the runs finish in about the
// order they are written, so few wait in memory.
//
// @code
//   auto file = analysis::OutputFile::create("cmp.h5", {.overwrite = force});
//   ComparisonRecorder recorder(file, arms, replicates);
//   options.order = RunOrder::arm_major;
//   const ComparisonResult result = compare_arms(arms, options, recorder.attach());
//   recorder.write_comparison(result, {.seed = 1, .replicates = 20, .years = 10, ...});
//   file.commit();
// @endcode
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/output_file.hpp"
#include "wijksim/scenarios/buffered_run_recording.hpp"
#include "wijksim/scenarios/comparison.hpp"

namespace wijksim::scenarios {

/// The arm name with every character outside [A-Za-z0-9_] replaced by '_'.
[[nodiscard]] std::string arm_slug(std::string_view arm_name);

/// The settings of the comparison, written as attributes of /comparison.
struct ComparisonSettings {
  std::uint64_t seed = 1;
  std::int64_t replicates = 0;
  std::int64_t years = 0;
  std::int64_t warmup_years = 0;
  std::string program_version;  ///< "wijksim 0.1.0"
};

class ComparisonRecorder {
 public:
  /// Keeps `file` (which must outlive it) and the arms' names. Run group names are
  /// "<arm_slug>-r<replicate>"; when two arms' slugs coincide, the later one gets
  /// "_<arm index>" appended to its slug.
  ComparisonRecorder(analysis::OutputFile& file, std::span<const ComparisonArm> arms, int replicates);
  ComparisonRecorder(const ComparisonRecorder&) = delete;
  ComparisonRecorder& operator=(const ComparisonRecorder&) = delete;
  ~ComparisonRecorder();

  /// For compare_arms: records every run and writes it into the file in (arm, replicate)
  /// order. Refers to this recorder, which must outlive the comparison.
  [[nodiscard]] AttachToRun attach();

  /// The run group name of (arm, replicate).
  [[nodiscard]] const std::string& run_id(std::size_t arm, std::size_t replicate) const;
  /// Most runs that were held in memory at once, waiting for an earlier run to be written.
  [[nodiscard]] std::size_t most_runs_waiting() const noexcept { return most_waiting_; }

  /// After compare_arms: writes /comparison and the root @kind. Throws analysis::OutputError,
  /// or std::logic_error when not every run was written.
  void write_comparison(const ComparisonResult& result, const ComparisonSettings& settings);

 private:
  class Attachment;
  void hand_in(std::size_t index, std::unique_ptr<BufferedRunRecording> recording);

  analysis::OutputFile* file_;
  std::vector<std::string> arm_names_;
  std::vector<std::string> scenario_names_;
  std::size_t replicates_;
  std::vector<std::string> run_ids_;  // [arm * replicates + replicate]
  std::mutex mutex_;
  std::map<std::size_t, std::unique_ptr<BufferedRunRecording>> waiting_;  // by index
  std::size_t next_to_write_ = 0;
  std::size_t most_waiting_ = 0;
};

}  // namespace wijksim::scenarios
