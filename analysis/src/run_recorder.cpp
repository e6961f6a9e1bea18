#include "wijksim/analysis/run_recorder.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <type_traits>
#include <utility>
#include <variant>

#include "wijksim/analysis/dimension.hpp"

namespace wijksim::analysis {
namespace {

constexpr const char* kPanelGroup = "panels";
constexpr const char* kEventGroup = "events";
constexpr const char* kPanelTick = "panel_tick";

void add_recorded_dimension(const Group& group, const RecordedDimension& d) {
  if (!d.labels.empty()) {
    add_dimension(group, d.name, d.labels, d.attributes);
  } else {
    add_dimension(group, d.name, std::span<const std::int64_t>(d.values), d.attributes);
  }
}

std::uint64_t samples_in(std::uint64_t ticks, std::int32_t every) noexcept {
  const auto n = static_cast<std::uint64_t>(std::max(1, every));
  return (ticks + n - 1) / n;
}

}  // namespace

RunRecorder::RunRecorder(OutputFile& file, std::string_view run_id,
                         RecordingDescription description, RecordingSource& source,
                         const RecorderOptions& options)
    : file_(&file),
      run_id_(run_id),
      description_(std::move(description)),
      source_(&source),
      options_(options) {
  run_ = file.create_run(run_id);
  const std::string where = run_.location();
  std::set<std::string> names{"tick", kEventGroup, kPanelGroup, "provenance"};
  const auto claim = [&](const std::string& name, const char* what) {
    if (!names.insert(name).second) {
      throw OutputError(where, std::string("recording: ") + what + " '" + name +
                                   "' repeats a name already used in the run group");
    }
  };

  // Full chunks are written, and compressed, on the writer thread as soon as they fill.
  options_.storage.cache_chunks = false;
  StorageOptions along_tick = options_.storage;
  along_tick.expected_rows = options_.expected_ticks;
  if (options_.ticks_per_chunk > 0 &&
      (along_tick.expected_rows == 0 || options_.ticks_per_chunk < along_tick.expected_rows)) {
    along_tick.expected_rows = options_.ticks_per_chunk;
  }
  tick_.emplace(add_unlimited_dimension<std::int32_t>(run_, "tick", description_.tick_attributes,
                                                      along_tick));
  write_attribute(tick_->dataset(), "axis", "T");
  for (const auto& d : description_.dimensions) {
    claim(d.name, "dimension");
    add_recorded_dimension(run_, d);
  }
  for (const auto& s : description_.series) {
    claim(s.name, "series");
    std::vector<std::string> dimensions{"tick"};
    for (const auto& d : s.dimensions) {
      (void)dimension_length(d);
      dimensions.push_back(d);
    }
    const SeriesSpec spec{s.name, std::move(dimensions), s.attributes};
    switch (s.type) {
      case ElementType::float64:
        series_.emplace_back(std::in_place_type<SeriesWriter<double>>, run_, spec, along_tick);
        break;
      case ElementType::int64:
        series_.emplace_back(std::in_place_type<SeriesWriter<std::int64_t>>, run_, spec,
                             along_tick);
        break;
      case ElementType::float32:
      case ElementType::int32:
        throw OutputError(run_.child_path(s.name),
                          std::string("recording: series are float64 or int64, not ") +
                              std::string(element_type_name(s.type)));
    }
  }
  if (!description_.event_tables.empty()) {
    const Group events = run_.create_group(kEventGroup);
    for (const auto& t : description_.event_tables)
      tables_.emplace_back(events, t, options_.storage);
  }
  if (description_.panels) {
    const auto& p = *description_.panels;
    if (p.every_ticks < 1) {
      throw OutputError(where, "recording: panels sampled every " + std::to_string(p.every_ticks) +
                                   " ticks; expected at least 1");
    }
    std::set<std::string> panel_names{kPanelTick, p.unit_dimension};
    for (const auto& panel : p.panels) {
      if (!panel_names.insert(panel.name).second) {
        throw OutputError(
            where, "recording: panel '" + panel.name + "' repeats a name in the panels group");
      }
      for (const auto& d : panel.dimensions) (void)dimension_length(d);
    }
  }
  values_.resize(description_.series.size());
  tick_->write_in_background(&writer_);
  for (auto& s : series_) std::visit([this](auto& writer) { writer.write_in_background(&writer_); }, s);
  for (auto& t : tables_) t.write_in_background(&writer_);
}

RunRecorder::~RunRecorder() = default;

std::uint64_t RunRecorder::dimension_length(const std::string& name) const {
  for (const auto& d : description_.dimensions) {
    if (d.name == name) return d.labels.empty() ? d.values.size() : d.labels.size();
  }
  throw OutputError(run_.location(), "recording: dimension '" + name + "' is not declared");
}

std::uint64_t RunRecorder::panel_expected_bytes() const {
  if (!description_.panels) return 0;
  const auto& p = *description_.panels;
  const std::uint64_t samples = samples_in(options_.expected_ticks, p.every_ticks);
  std::uint64_t bytes = 0;
  for (const auto& panel : p.panels) {
    std::vector<std::uint64_t> extents{p.units};
    for (const auto& d : panel.dimensions) extents.push_back(dimension_length(d));
    bytes += expected_bytes(ElementType::float32, extents, samples);
  }
  return bytes;
}

void RunRecorder::on_tick_end(engine::Tick tick) {
  if (tick < options_.first_tick) {
    source_->skip(tick);
    return;
  }
  if (is_finished_) {
    throw OutputError(run_.location(), "recording: tick " + std::to_string(tick.value()) +
                                           " ended after the recording was finished");
  }
  for (auto& v : values_) {
    v.real.clear();
    v.count.clear();
  }
  source_->fill(tick, values_);
  if (values_.size() != series_.size()) {
    throw OutputError(run_.location(), "recording: the source gave " +
                                           std::to_string(values_.size()) + " series, expected " +
                                           std::to_string(series_.size()));
  }
  tick_->append(tick.value());
  for (std::size_t i = 0; i < series_.size(); ++i) {
    std::visit(
        [&](auto& writer) {
          using Writer = std::decay_t<decltype(writer)>;
          const auto& values = [&]() -> const auto& {
            if constexpr (std::is_same_v<Writer, SeriesWriter<double>>) {
              return values_[i].real;
            } else {
              return values_[i].count;
            }
          }
          ();
          if (values.size() != writer.values_per_tick()) {
            throw OutputError(writer.dataset().location(),
                              "recording: tick " + std::to_string(tick.value()) + " has " +
                                  std::to_string(values.size()) + " values, expected " +
                                  std::to_string(writer.values_per_tick()));
          }
          writer.append(std::span(values));
        },
        series_[i]);
  }
  for (std::size_t t = 0; t < tables_.size(); ++t) {
    records_.clear();
    source_->events(tick, t, records_);
    const std::size_t size = description_.event_tables[t].record_size;
    if (size == 0 || records_.size() % size != 0) {
      throw OutputError(tables_[t].dataset().location(),
                        "recording: tick " + std::to_string(tick.value()) + " gave " +
                            std::to_string(records_.size()) +
                            " bytes, not a multiple of the record size " + std::to_string(size));
    }
    if (!records_.empty()) tables_[t].append_bytes(records_.data(), records_.size() / size);
  }
  if (description_.panels) {
    if (recorded_ticks_ == 0) start_panels(tick);
    if ((tick - options_.first_tick) % description_.panels->every_ticks == 0) record_panels(tick);
  }
  ++recorded_ticks_;
}

void RunRecorder::start_panels(engine::Tick tick) {
  writer_.drain();  // the panels' datasets are made on this thread: no write may be under way
  const auto& p = *description_.panels;
  const std::vector<std::int64_t> units = source_->panel_units(tick, p.units);
  if (units.size() > p.units) {
    throw OutputError(run_.location(),
                      "recording: the source picked " + std::to_string(units.size()) +
                          " panel units, more than the " + std::to_string(p.units) + " asked for");
  }
  panel_units_ = units.size();
  if (units.empty()) return;  // nobody to follow: no panels group
  const Group group = run_.create_group(kPanelGroup);
  StorageOptions along_samples = options_.storage;
  along_samples.expected_rows = samples_in(options_.expected_ticks, p.every_ticks);
  panel_tick_.emplace(add_unlimited_dimension<std::int32_t>(
      group, kPanelTick,
      {.units = description_.tick_attributes.units,
       .long_name = "sampled ticks (" + description_.tick_attributes.long_name + ")",
       .description = "panels are sampled every " + std::to_string(p.every_ticks) +
                      " ticks from the first recorded tick"},
      along_samples));
  write_attribute(panel_tick_->dataset(), "axis", "T");
  add_dimension(group, p.unit_dimension, std::span<const std::int64_t>(units), p.unit_attributes);
  // The run's fixed dimensions that panels use, again in the panels group: netCDF scoping makes
  // the run's own visible here, but xarray opening this group would see the dimension without
  // its coordinate labels (no .sel(domain="housing")).
  std::set<std::string> copied;
  for (const auto& panel : p.panels) {
    for (const auto& name : panel.dimensions) {
      if (!copied.insert(name).second) continue;
      for (const auto& d : description_.dimensions) {
        if (d.name == name) add_recorded_dimension(group, d);
      }
    }
  }
  for (const auto& panel : p.panels) {
    std::vector<std::string> dimensions{kPanelTick, p.unit_dimension};
    dimensions.insert(dimensions.end(), panel.dimensions.begin(), panel.dimensions.end());
    panels_.emplace_back(group, SeriesSpec{panel.name, std::move(dimensions), panel.attributes},
                         along_samples);
  }
  panel_tick_->write_in_background(&writer_);
  for (auto& panel : panels_) panel.write_in_background(&writer_);
}

void RunRecorder::record_panels(engine::Tick tick) {
  if (panel_units_ == 0) return;
  panel_tick_->append(tick.value());
  for (std::size_t i = 0; i < panels_.size(); ++i) {
    panel_values_.assign(panels_[i].values_per_tick(), std::numeric_limits<float>::quiet_NaN());
    source_->fill_panel(tick, i, panel_values_);
    panels_[i].append(std::span<const float>(panel_values_));
  }
}

void RunRecorder::close_writers() {
  tick_->close();
  for (auto& s : series_) std::visit([](auto& writer) { writer.close(); }, s);
  for (auto& t : tables_) t.close();
  if (panel_tick_) panel_tick_->close();
  for (auto& p : panels_) p.close();
}

void RunRecorder::finish(const Provenance& provenance) {
  if (is_finished_) throw OutputError(run_.location(), "recording: finish() called twice");
  close_writers();
  is_finished_ = true;
  Provenance p = provenance;
  p.run_id = run_id_;
  write_provenance(run_, p);
  file_->mark_complete(run_);
}

}  // namespace wijksim::analysis
