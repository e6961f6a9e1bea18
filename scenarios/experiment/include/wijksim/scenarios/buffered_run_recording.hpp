#pragma once
// A run recorded into memory, written to an output file later: for runs side by side on worker
// threads (HDF5 is used by one thread at a time), whose results go into one file in a fixed
// order. It holds what RunRecording would have written — every series' values per tick, the
// event rows per tick and the provenance — and write_to() hands them to the same generic
// recorder (analysis::RunRecorder), so a run group reads exactly as `wijksim run` writes it.
//
// @code
//   BufferedRunRecording recording(run, {.run_id = "expert-r0"});   // on the worker thread
//   engine::Observer* observers[] = {&recording.observer()};
//   run.run(1, observers);
//   recording.finish({.scenario_name = name, .threads = 1, .start = t0, .end = now});
//   ...                                                            // the run may now go
//   { std::lock_guard lock(file_mutex); recording.write_to(file); } // in the order wanted
// @endcode
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/provenance.hpp"
#include "wijksim/analysis/run_recorder.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/scenarios/run_recording.hpp"

namespace wijksim::scenarios {

class BufferedRunRecording {
 public:
  /// Describes the run's outputs (no file is touched). Panels are not supported:
  /// std::invalid_argument when `options.panels` is set. `run` must outlive finish().
  BufferedRunRecording(const ScenarioRun& run, const RecordingOptions& options);
  BufferedRunRecording(const BufferedRunRecording&) = delete;
  BufferedRunRecording& operator=(const BufferedRunRecording&) = delete;
  ~BufferedRunRecording();

  /// Gathers each recorded tick's values into memory (ticks of the warm-up are only seen).
  [[nodiscard]] engine::Observer& observer() noexcept;
  /// Takes the provenance and lets go of the run: afterwards the run may be destroyed.
  void finish(const RunContext& context);

  /// Writes the run group `options.run_id` into `file` and marks it complete (call after
  /// finish(), once, from one thread at a time per file). Throws analysis::OutputError.
  void write_to(analysis::OutputFile& file) const;

  [[nodiscard]] std::uint64_t recorded_ticks() const noexcept { return ticks_.size(); }
  /// Bytes of values and event rows held in memory.
  [[nodiscard]] std::uint64_t buffered_bytes() const noexcept;

 private:
  class Gatherer;
  class Replay;

  const ScenarioRun* run_;  // until finish()
  RecordingOptions options_;
  engine::Tick first_tick_;
  std::uint64_t expected_ticks_ = 0;
  analysis::RecordingDescription description_;
  std::unique_ptr<analysis::RecordingSource> source_;  // until finish()
  std::unique_ptr<Gatherer> gatherer_;
  std::optional<analysis::Provenance> provenance_;

  // Gathered: the recorded ticks; per series all its values, tick after tick; per event table
  // all its rows and, per tick, where that tick's rows end (in bytes).
  std::vector<engine::Tick> ticks_;
  std::vector<analysis::SeriesValues> series_;
  std::vector<std::vector<std::byte>> event_rows_;
  std::vector<std::vector<std::size_t>> event_row_ends_;
};

}  // namespace wijksim::scenarios
