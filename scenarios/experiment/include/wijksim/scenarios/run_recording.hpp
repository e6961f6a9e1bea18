#pragma once
// Records a ScenarioRun into an HDF5 output: the model's output catalogue (models/
// model_outputs.hpp) handed to the generic recorder of analysis/ (run_recorder.hpp), plus the
// model's event logs (incidents, care episodes), optional resident panels and the provenance
// of the run (scenario text, every resolved parameter with unit and source, seed, program and
// build, threads, start and end time). The only place that knows both the model and the file
// layout.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/provenance.hpp"
#include "wijksim/analysis/run_recorder.hpp"
#include "wijksim/analysis/storage_options.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/scenarios/model_scenario.hpp"


namespace wijksim::scenarios {

/// How this program was built (CMake compile definitions), for provenance.
struct BuildInfo {
  std::string program_version;  ///< "wijksim 0.1.0"
  std::string compiler;         ///< "GNU 12.2.0"
  std::string build_type;       ///< "Release"
  std::string build_flags;      ///< "-O3 -DNDEBUG", plus sanitizers when on
};
[[nodiscard]] BuildInfo build_info();

/// Every parameter of the scenario's start-of-run set, in declaration order: its value as text,
/// its unit, and its source — "scenario <file>:<line>:<column>" (or "scenario <command line>")
/// where the scenario set it, else the declaration's citation or assumption.
[[nodiscard]] std::vector<analysis::ParameterRecord> parameter_records(const Scenario& scenario);

struct RecordingOptions {
  std::string run_id = "r0";
  /// Threads for tallying the model's outputs (use the run's): never changes the values.
  int threads = 1;
  /// Panels of resident × domain severity (float32), sampled every `panel_every_ticks` ticks
  /// from the first recorded tick, for the first `panel_residents` residents by id present at
  /// that tick (NaN once a resident has left).
  bool panels = false;
  std::size_t panel_residents = 1000;
  std::int32_t panel_every_ticks = 4;
  analysis::StorageOptions storage{};
};

/// What a run's provenance needs besides the scenario and the model.
struct RunContext {
  std::string scenario_name;  ///< the scenario file as given, or "reference (built-in defaults)"
  int threads = 1;
  std::chrono::system_clock::time_point start;
  std::chrono::system_clock::time_point end;
};

/// The model's side of a recording, for recorders other than RunRecording (a run recorded into
/// memory on a worker thread and written to the file later: buffered_run_recording.hpp).
struct ModelRecordingSource {
  analysis::RecordingDescription description;
  /// Reads the model of the run it was made for: must not outlive that run.
  std::unique_ptr<analysis::RecordingSource> source;
};
/// What RunRecording hands the generic recorder for `run`.
[[nodiscard]] ModelRecordingSource model_recording_source(const ScenarioRun& run,
                                                          const RecordingOptions& options);
/// The provenance RunRecording::finish() writes for `run`.
[[nodiscard]] analysis::Provenance run_provenance(const ScenarioRun& run, const RunContext& context);

/// Records one ScenarioRun into run group `options.run_id` of `file`, from the end of the
/// warm-up (ScenarioRun::recording_start) to the end of the run. Construct it before the run
/// starts (tick 0: the warm-up is seen, not recorded), pass observer() to ScenarioRun::run,
/// then call finish(). `file` and `run` must outlive it.
/// @code
///   RunRecording recording(file, run, {.run_id = "r0"});
///   engine::Observer* observers[] = {&recording.observer()};
///   run.run(threads, observers, &stop);
///   recording.finish({.scenario_name = path, .threads = threads, .start = t0, .end = now});
///   file.commit();
/// @endcode
class RunRecording {
 public:
  /// Creates the run group and its datasets. Throws analysis::OutputError.
  RunRecording(analysis::OutputFile& file, const ScenarioRun& run,
               const RecordingOptions& options = {});
  RunRecording(const RunRecording&) = delete;
  RunRecording& operator=(const RunRecording&) = delete;
  ~RunRecording();

  [[nodiscard]] engine::Observer& observer() noexcept;
  /// Uncompressed bytes of the panels over the whole run (0 without panels).
  [[nodiscard]] std::uint64_t panel_expected_bytes() const;
  [[nodiscard]] std::uint64_t recorded_ticks() const noexcept;
  /// Seconds the recorder's writer thread spent writing and compressing chunks, beside the run.
  [[nodiscard]] double background_seconds() const;
  /// Closes the datasets, writes the provenance and marks the run complete. Throws
  /// analysis::OutputError.
  void finish(const RunContext& context);

 private:
  class Source;
  friend ModelRecordingSource model_recording_source(const ScenarioRun& run,
                                                     const RecordingOptions& options);
  const ScenarioRun* run_;
  std::unique_ptr<Source> source_;
  std::unique_ptr<analysis::RunRecorder> recorder_;
};

}  // namespace wijksim::scenarios
