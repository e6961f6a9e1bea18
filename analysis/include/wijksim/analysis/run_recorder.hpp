#pragma once
// Records a run into an output file as it happens: an engine::Observer that, after each tick,
// asks a RecordingSource for that tick's values and appends them to the run's series, event
// tables and (optionally) panels, and on finish() writes the provenance and marks the run
// complete. It knows nothing of the model: what is recorded is a RecordingDescription (series
// with dimension names and coordinate labels, event tables, panels) handed in by the layer
// that knows the model (scenarios/), and the source fills plain buffers in that order.
//
// Layout (analysis/SCHEMA.md): under /runs/<id>
//   tick                            unlimited dimension, the model's tick numbers from the
//                                   first recorded tick on (ticks before it are not recorded)
//   <dimension>                     each fixed dimension of the description
//   <series>                        (tick, <dimensions>...)
//   events/<table>                  one compound table per event table
//   panels/panel_tick               unlimited dimension: the sampled ticks (every N ticks)
//   panels/<unit dimension>         the sampled units (resident ids), picked at the first
//                                   recorded tick
//   panels/<dimension>              the fixed dimensions panels use, again (so that xarray
//                                   opening the panels group has their coordinate labels)
//   panels/<panel>                  (panel_tick, <unit dimension>, <dimensions>...) float32
//   provenance/parameters           written by finish() (provenance.hpp)
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/detail/background_writer.hpp"
#include "wijksim/analysis/element_type.hpp"
#include "wijksim/analysis/event_table_writer.hpp"
#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/provenance.hpp"
#include "wijksim/analysis/series_writer.hpp"
#include "wijksim/analysis/storage_options.hpp"
#include "wijksim/engine/simulation.hpp"

namespace wijksim::analysis {

/// A fixed dimension: string labels, or integer values when `labels` is empty.
struct RecordedDimension {
  std::string name{};
  std::vector<std::string> labels{};
  std::vector<std::int64_t> values{};
  VariableAttributes attributes{};
};

/// A series along `tick` and the fixed `dimensions` (names of RecordedDimensions, outermost
/// first; none for a plain time series). Series hold float64 or int64 values.
struct RecordedSeries {
  std::string name{};
  std::vector<std::string> dimensions{};
  ElementType type = ElementType::float64;
  VariableAttributes attributes{};
};

/// A panel: float32 values per sampled tick, sampled unit and the fixed `dimensions`.
struct RecordedPanel {
  std::string name{};
  std::vector<std::string> dimensions{};
  VariableAttributes attributes{};
};

struct PanelDescription {
  /// Name of the dimension of sampled units ("resident") and its coordinate's attributes.
  std::string unit_dimension = "resident";
  VariableAttributes unit_attributes{};
  /// How many units to sample (the source may find fewer).
  std::size_t units = 0;
  /// Sampling interval in ticks, counted from the first recorded tick.
  std::int32_t every_ticks = 4;
  std::vector<RecordedPanel> panels{};
};

struct RecordingDescription {
  /// Attributes of the tick coordinate. Use a plain unit ("weeks"); see add_unlimited_dimension.
  VariableAttributes tick_attributes{.units = "weeks", .long_name = "weeks since start of run"};
  std::vector<RecordedDimension> dimensions{};
  std::vector<RecordedSeries> series{};
  std::vector<EventTableSpec> event_tables{};
  std::optional<PanelDescription> panels{};
};

/// One tick of one series: `real` for a float64 series, `count` for an int64 series.
struct SeriesValues {
  std::vector<double> real{};
  std::vector<std::int64_t> count{};
};

/// What the recorder asks for after each tick. Every call comes from the thread running the
/// simulation, between ticks; a source reads the model, never changes it.
class RecordingSource {
 public:
  virtual ~RecordingSource() = default;
  /// `tick` ended before the first recorded tick (warm-up): nothing is recorded, but a source
  /// whose values are differences between ticks keeps what it needs.
  virtual void skip(engine::Tick tick) = 0;
  /// Values of every series for `tick`: `values[i]` for description.series[i], row-major over
  /// its dimensions (the recorder sizes `values` to the series count and checks each length).
  virtual void fill(engine::Tick tick, std::vector<SeriesValues>& values) = 0;
  /// Appends the records of event table `table` that happened in `tick` to `records`, laid
  /// out as its EventTableSpec declares (record_size bytes each).
  virtual void events(engine::Tick tick, std::size_t table, std::vector<std::byte>& records) = 0;
  /// The sampled units of the panels (ids), picked at the first recorded tick: at most
  /// `count` (none: no panels group). Only called when the description has panels; a source
  /// without panels returns nothing.
  virtual std::vector<std::int64_t> panel_units(engine::Tick first, std::size_t count) = 0;
  /// Values of panel `panel` at a sampled tick: units × the panel's dimensions, row-major, in
  /// the order panel_units() gave them (`values` comes filled with NaN, "no value": a unit
  /// that is gone stays NaN).
  virtual void fill_panel(engine::Tick tick, std::size_t panel, std::span<float> values) = 0;
};

struct RecorderOptions {
  /// First recorded tick; ticks before it go to RecordingSource::skip.
  engine::Tick first_tick{0};
  /// Ticks expected to be recorded (sizes the chunks along tick); 0 when unknown.
  std::uint64_t expected_ticks = 0;
  /// At most this many ticks per chunk of a series (0: no limit but the chunk size). A chunk
  /// that fills during the run is compressed and written then, on the recorder's writer thread,
  /// instead of when the run finishes.
  std::uint64_t ticks_per_chunk = 0;
  StorageOptions storage{};
};

/// Records one run into `/runs/<run_id>` of an output file.
///
/// Not thread-safe (like the file it writes). Full chunks are written on a writer thread of its
/// own while the run goes on (detail/background_writer.hpp); nothing else of the file may be
/// written until finish(). Throws OutputError from the constructor when the
/// description is inconsistent (a series naming an undeclared dimension, a type other than
/// float64/int64, a repeated name), and from on_tick_end when the source gives a wrong number
/// of values or HDF5 fails (a chunk written on the writer thread: at the next tick that hands
/// it a chunk, or at finish): the run then stops with that error, and the file is never marked
/// complete.
/// @code
///   auto file = OutputFile::create("run.h5");
///   RunRecorder recorder(file, "r1", description, source, {.first_tick = Tick{52}});
///   simulation.add_observer(recorder);
///   simulation.run(Tick{0}, Tick{572});
///   recorder.finish(provenance);  // closes the writers, writes provenance, marks complete
///   file.commit();
/// @endcode
class RunRecorder final : public engine::Observer {
 public:
  /// Creates the run group and every dimension, series and event table in it (panels come at
  /// the first recorded tick, when their units are picked). Keeps references to `file` and
  /// `source`, which must outlive it.
  RunRecorder(OutputFile& file, std::string_view run_id, RecordingDescription description,
              RecordingSource& source, const RecorderOptions& options = {});
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;
  ~RunRecorder() override;

  void on_tick_end(engine::Tick tick) override;

  /// Writes every buffered row and closes every writer, writes `provenance` (with this run's
  /// id, whatever its run_id says) and marks the run complete (OutputFile::mark_complete). Call
  /// once, after the last tick; the file is then ready for commit(). Throws OutputError.
  void finish(const Provenance& provenance);

  [[nodiscard]] const Group& run() const noexcept { return run_; }
  [[nodiscard]] const RecordingDescription& description() const noexcept { return description_; }
  [[nodiscard]] std::uint64_t recorded_ticks() const noexcept { return recorded_ticks_; }
  [[nodiscard]] std::uint64_t event_rows(std::size_t table) const {
    return tables_.at(table).rows();
  }
  /// Uncompressed bytes the panels will take over `options.expected_ticks` recorded ticks,
  /// for the command line to show before a run (0 without panels).
  [[nodiscard]] std::uint64_t panel_expected_bytes() const;
  /// Seconds the writer thread spent writing and compressing chunks so far (off the
  /// simulation's path; for `wijksim bench output`).
  [[nodiscard]] double background_seconds() const { return writer_.busy_seconds(); }

 private:
  using AnySeriesWriter = std::variant<SeriesWriter<double>, SeriesWriter<std::int64_t>>;
  void start_panels(engine::Tick tick);
  void record_panels(engine::Tick tick);
  [[nodiscard]] std::uint64_t dimension_length(const std::string& name) const;
  void close_writers();

  OutputFile* file_;
  std::string run_id_;
  Group run_;
  RecordingDescription description_;
  RecordingSource* source_;
  RecorderOptions options_;
  // Before the writers: they wait for it when they close, so it must be destroyed after them.
  detail::BackgroundWriter writer_;
  std::optional<SeriesWriter<std::int32_t>> tick_;
  std::vector<AnySeriesWriter> series_;
  std::vector<EventTableWriter> tables_;
  std::vector<SeriesValues> values_;
  std::vector<std::byte> records_;
  // Panels, from the first recorded tick.
  std::optional<SeriesWriter<std::int32_t>> panel_tick_;
  std::vector<SeriesWriter<float>> panels_;
  std::vector<float> panel_values_;
  std::size_t panel_units_ = 0;
  std::uint64_t recorded_ticks_ = 0;
  bool is_finished_ = false;
};

}  // namespace wijksim::analysis
