#include "wijksim/scenarios/buffered_run_recording.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>

namespace wijksim::scenarios {

namespace wa = wijksim::analysis;

/// The observer: after each tick asks the model's source for that tick's values and rows, as
/// RunRecorder would, and appends them to the buffers.
class BufferedRunRecording::Gatherer final : public engine::Observer {
 public:
  explicit Gatherer(BufferedRunRecording& owner) : owner_(&owner) {}

  void on_tick_end(engine::Tick tick) override {
    BufferedRunRecording& o = *owner_;
    if (!o.source_) throw std::logic_error("BufferedRunRecording: a tick ended after finish()");
    if (tick < o.first_tick_) {
      o.source_->skip(tick);
      return;
    }
    for (auto& v : values_) {
      v.real.clear();
      v.count.clear();
    }
    o.source_->fill(tick, values_);
    if (values_.size() != o.series_.size()) {
      throw std::logic_error("BufferedRunRecording: the source gave " + std::to_string(values_.size()) +
                             " series, expected " + std::to_string(o.series_.size()));
    }
    o.ticks_.push_back(tick);
    for (std::size_t i = 0; i < values_.size(); ++i) {
      auto& to = o.series_[i];
      to.real.insert(to.real.end(), values_[i].real.begin(), values_[i].real.end());
      to.count.insert(to.count.end(), values_[i].count.begin(), values_[i].count.end());
    }
    for (std::size_t t = 0; t < o.event_rows_.size(); ++t) {
      o.source_->events(tick, t, o.event_rows_[t]);
      o.event_row_ends_[t].push_back(o.event_rows_[t].size());
    }
  }

 private:
  BufferedRunRecording* owner_;
  std::vector<wa::SeriesValues> values_;
};

/// The source handed to RunRecorder when writing: gives back the gathered ticks in order.
class BufferedRunRecording::Replay final : public wa::RecordingSource {
 public:
  explicit Replay(const BufferedRunRecording& owner) : owner_(&owner) {}

  /// Moves to the next gathered tick (index `k`).
  void at(std::size_t k) { k_ = k; }

  void skip(engine::Tick /*tick*/) override {}

  void fill(engine::Tick /*tick*/, std::vector<wa::SeriesValues>& values) override {
    const BufferedRunRecording& o = *owner_;
    const auto ticks = o.ticks_.size();
    values.resize(o.series_.size());
    for (std::size_t i = 0; i < o.series_.size(); ++i) {
      const auto& all = o.series_[i];
      const std::size_t real_per_tick = all.real.size() / ticks;
      const std::size_t count_per_tick = all.count.size() / ticks;
      const auto real = std::span(all.real).subspan(k_ * real_per_tick, real_per_tick);
      const auto count = std::span(all.count).subspan(k_ * count_per_tick, count_per_tick);
      values[i].real.assign(real.begin(), real.end());
      values[i].count.assign(count.begin(), count.end());
    }
  }

  void events(engine::Tick /*tick*/, std::size_t table, std::vector<std::byte>& records) override {
    const BufferedRunRecording& o = *owner_;
    const auto& ends = o.event_row_ends_.at(table);
    const std::size_t begin = k_ == 0 ? 0 : ends[k_ - 1];
    const auto rows = std::span(o.event_rows_[table]).subspan(begin, ends[k_] - begin);
    records.insert(records.end(), rows.begin(), rows.end());
  }

  std::vector<std::int64_t> panel_units(engine::Tick /*first*/, std::size_t /*count*/) override { return {}; }
  void fill_panel(engine::Tick /*tick*/, std::size_t /*panel*/, std::span<float> /*values*/) override {}

 private:
  const BufferedRunRecording* owner_;
  std::size_t k_ = 0;
};

BufferedRunRecording::BufferedRunRecording(const ScenarioRun& run, const RecordingOptions& options)
    : run_(&run), options_(options), first_tick_(run.recording_start()) {
  if (options.panels) throw std::invalid_argument("BufferedRunRecording: panels are not supported");
  expected_ticks_ = static_cast<std::uint64_t>(std::max(0, run.end() - run.recording_start()));
  ModelRecordingSource model = model_recording_source(run, options);
  description_ = std::move(model.description);
  source_ = std::move(model.source);
  series_.resize(description_.series.size());
  event_rows_.resize(description_.event_tables.size());
  event_row_ends_.resize(description_.event_tables.size());
  ticks_.reserve(expected_ticks_);
  gatherer_ = std::make_unique<Gatherer>(*this);
}

BufferedRunRecording::~BufferedRunRecording() = default;

engine::Observer& BufferedRunRecording::observer() noexcept { return *gatherer_; }

void BufferedRunRecording::finish(const RunContext& context) {
  // The provenance reads the run (scenario, parameters, seed); nothing reads it afterwards.
  if (!source_) throw std::logic_error("BufferedRunRecording: finish() called twice");
  provenance_ = run_provenance(*run_, context);
  source_.reset();
  run_ = nullptr;
}

void BufferedRunRecording::write_to(wa::OutputFile& file) const {
  if (!provenance_) throw std::logic_error("BufferedRunRecording: write_to() before finish()");
  Replay replay(*this);
  wa::RunRecorder recorder(file, options_.run_id, description_, replay,
                           {.first_tick = first_tick_, .expected_ticks = expected_ticks_, .storage = options_.storage});
  for (std::size_t k = 0; k < ticks_.size(); ++k) {
    replay.at(k);
    recorder.on_tick_end(ticks_[k]);
  }
  recorder.finish(*provenance_);
}

std::uint64_t BufferedRunRecording::buffered_bytes() const noexcept {
  std::uint64_t bytes = ticks_.size() * sizeof(engine::Tick);
  for (const auto& s : series_) bytes += s.real.size() * sizeof(double) + s.count.size() * sizeof(std::int64_t);
  for (const auto& rows : event_rows_) bytes += rows.size();
  return bytes;
}

}  // namespace wijksim::scenarios
