#include "wijksim/scenarios/run_recording.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <type_traits>

#include "wijksim/analysis/event_table_writer.hpp"
#include "wijksim/analysis/run_recorder.hpp"
#include "wijksim/models/calendar.hpp"
#include "wijksim/models/model_outputs.hpp"

// Set by CMake for this file (scenarios/experiment/CMakeLists.txt).
#ifndef WIJKSIM_VERSION
#error "WIJKSIM_VERSION must be defined by the build"
#endif
#ifndef WIJKSIM_COMPILER
#error "WIJKSIM_COMPILER must be defined by the build"
#endif
#ifndef WIJKSIM_BUILD_TYPE
#error "WIJKSIM_BUILD_TYPE must be defined by the build"
#endif
#ifndef WIJKSIM_BUILD_FLAGS
#error "WIJKSIM_BUILD_FLAGS must be defined by the build"
#endif

namespace wijksim::scenarios {
// The rows of the event tables, in a named namespace: RunRecording::Source (declared in a
// header) holds vectors of them.
namespace event_rows {

/// A row of events/incidents.
struct IncidentRow {
  std::int32_t tick;
  std::uint8_t kind;  // IncidentKind
  std::uint32_t neighbourhood;
  std::uint32_t household;
  std::uint32_t resident;
};

/// A row of events/episodes.
struct EpisodeRow {
  std::int32_t tick;
  std::uint8_t event;  // EpisodeEventKind
  std::uint8_t route;  // AccessRoute
  std::uint8_t state;  // EpisodeState
  std::uint8_t domains;
  std::uint32_t episode;
  std::uint32_t organisation;
  std::uint32_t household;
  std::int64_t resident;
  std::int32_t requested_tick;
  std::int32_t intake_tick;
  std::int32_t first_treatment_tick;
  std::int32_t weeks_active;
};
/// A row of events/projects: one life-cycle transition of a project.
struct ProjectRow {
  std::int32_t tick;
  std::int32_t project;
  std::uint8_t kind;  // ProjectKind
  std::uint8_t from;  // ProjectState
  std::uint8_t to;    // ProjectState
  std::int32_t label;
  std::int32_t method;
  double effectiveness;
};
static_assert(std::is_trivially_copyable_v<IncidentRow> &&
              std::is_trivially_copyable_v<EpisodeRow> && std::is_trivially_copyable_v<ProjectRow>);

}  // namespace event_rows

namespace {

namespace wa = wijksim::analysis;
namespace wm = wijksim::models;
using event_rows::EpisodeRow;
using event_rows::IncidentRow;
using event_rows::ProjectRow;

constexpr std::size_t kIncidentTable = 0;
constexpr std::size_t kEpisodeTable = 1;
constexpr std::size_t kProjectTable = 2;

template <std::size_t N>
std::vector<std::string> labels_of(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

std::vector<wa::EventTableSpec> event_tables() {
  using F = wa::EventField;
  wa::EventTableSpec incidents{
      "incidents",
      sizeof(IncidentRow),
      {F::of<std::int32_t>("tick", offsetof(IncidentRow, tick)),
       F::enumeration("kind", offsetof(IncidentRow, kind), labels_of(wm::kIncidentKindNames)),
       F::of<std::uint32_t>("neighbourhood", offsetof(IncidentRow, neighbourhood)),
       F::of<std::uint32_t>("household", offsetof(IncidentRow, household)),
       F::of<std::uint32_t>("resident", offsetof(IncidentRow, resident))},
      {.long_name = "incidents",
       .description = "one row per incident: a domain crossing the crisis threshold (MODEL.md §4). "
                      "neighbourhood is an index into the run's neighbourhood dimension; household "
                      "and resident are stable ids"}};
  wa::EventTableSpec episodes{
      "episodes",
      sizeof(EpisodeRow),
      {F::of<std::int32_t>("tick", offsetof(EpisodeRow, tick)),
       F::enumeration("event", offsetof(EpisodeRow, event), labels_of(wm::kEpisodeEventKindNames)),
       F::enumeration("route", offsetof(EpisodeRow, route),
                      {"self", "referral", "outreach", "team_referral"}),
       F::enumeration("state", offsetof(EpisodeRow, state), {"waiting", "hidden", "active"}),
       F::of<std::uint8_t>("domains", offsetof(EpisodeRow, domains)),
       F::of<std::uint32_t>("episode", offsetof(EpisodeRow, episode)),
       F::of<std::uint32_t>("organisation", offsetof(EpisodeRow, organisation)),
       F::of<std::uint32_t>("household", offsetof(EpisodeRow, household)),
       F::of<std::int64_t>("resident", offsetof(EpisodeRow, resident)),
       F::of<std::int32_t>("requested_tick", offsetof(EpisodeRow, requested_tick)),
       F::of<std::int32_t>("intake_tick", offsetof(EpisodeRow, intake_tick)),
       F::of<std::int32_t>("first_treatment_tick", offsetof(EpisodeRow, first_treatment_tick)),
       F::of<std::int32_t>("weeks_active", offsetof(EpisodeRow, weeks_active))},
      {.long_name = "care episodes started and ended",
       .description =
           "one row per episode start and per episode end (ended = concluded, dropped_out, lapsed "
           "= resolved while waiting, left = client or household left). domains: bit d is the "
           "run's domain d; organisation: index into the organisation dimension; resident: -1 for "
           "a household plan of the neighbourhood team; intake_tick and first_treatment_tick: -1 "
           "when not (yet) reached; state as at the event"}};
  wa::EventTableSpec projects{
      "projects",
      sizeof(ProjectRow),
      {F::of<std::int32_t>("tick", offsetof(ProjectRow, tick)),
       F::of<std::int32_t>("project", offsetof(ProjectRow, project)),
       F::enumeration("kind", offsetof(ProjectRow, kind), labels_of(wm::kProjectKindNames)),
       F::enumeration("from", offsetof(ProjectRow, from), labels_of(wm::kProjectStateNames)),
       F::enumeration("to", offsetof(ProjectRow, to), labels_of(wm::kProjectStateNames)),
       F::of<std::int32_t>("label", offsetof(ProjectRow, label)),
       F::of<std::int32_t>("method", offsetof(ProjectRow, method)),
       F::of<double>("effectiveness", offsetof(ProjectRow, effectiveness))},
      {.long_name = "project life-cycle transitions",
       .description =
           "one row per change of state of a project (seed 3 §2.2): a new pilot is a row from "
           "idea to pilot. project: stable index of the project; label: the name it carries "
           "(a refunded project usually gets a new one); method: its core method, shared by "
           "reinventions elsewhere; effectiveness: of its approach here, [0, 1]. The first "
           "recorded tick also writes the transitions of the warm-up (their own ticks), so "
           "every project's line starts at its pilot. Empty when funding is off"}};
  return {std::move(incidents), std::move(episodes), std::move(projects)};
}

template <class Row>
void append_rows(std::vector<std::byte>& bytes, const std::vector<Row>& rows) {
  const std::size_t at = bytes.size();
  bytes.resize(at + rows.size() * sizeof(Row));
  if (!rows.empty()) std::memcpy(bytes.data() + at, rows.data(), rows.size() * sizeof(Row));
}

wa::VariableAttributes attributes_of(const wm::OutputSeries& s) {
  return {.units = s.units, .long_name = s.long_name, .description = s.description};
}

}  // namespace

BuildInfo build_info() {
  return {std::string("wijksim ") + WIJKSIM_VERSION, WIJKSIM_COMPILER, WIJKSIM_BUILD_TYPE,
          WIJKSIM_BUILD_FLAGS};
}

std::vector<wa::ParameterRecord> parameter_records(const Scenario& scenario) {
  const auto& set = scenario.parameters;
  const auto& registry = set.registry();
  std::vector<wa::ParameterRecord> records;
  records.reserve(registry.size());
  for (std::uint32_t i = 0; i < registry.size(); ++i) {
    const auto& spec = registry.spec(i);
    std::string source = spec.source;
    if (const auto where = scenario.where_set.find(spec.name); where != scenario.where_set.end()) {
      source = "scenario ";
      source.append(where->second.to_string());
    }
    records.push_back(
        {spec.name, engine::format_value(set.value(i)), spec.unit, std::move(source)});
  }
  return records;
}

/// The model seen through its output catalogue, for the generic recorder.
class RunRecording::Source final : public wa::RecordingSource {
 public:
  Source(const wm::Model& model, engine::Tick first_recorded, int threads)
      : model_(&model), outputs_(model, first_recorded, threads) {}

  [[nodiscard]] wa::RecordingDescription describe(const RecordingOptions& options) const {
    wa::RecordingDescription d;
    d.tick_attributes = {.units = "weeks",
                         .long_name = "weeks since start of run",
                         .description =
                             "the model's tick (one week), counted from the start of the warm-up; "
                             "values are recorded from the end of the warm-up on"};
    for (const auto& dim : outputs_.dimensions()) {
      d.dimensions.push_back({dim.name,
                              dim.labels,
                              dim.values,
                              {.long_name = dim.long_name, .description = dim.description}});
    }
    for (const auto& s : outputs_.series()) {
      d.series.push_back(
          {s.name, s.dimensions,
           s.type == wm::OutputType::real ? wa::ElementType::float64 : wa::ElementType::int64,
           attributes_of(s)});
    }
    d.event_tables = event_tables();
    if (options.panels) {
      wa::PanelDescription p;
      p.unit_dimension = "resident";
      p.unit_attributes = {
          .long_name = "sampled resident id",
          .description = "the residents with the smallest ids present at the first recorded tick"};
      p.units = options.panel_residents;
      p.every_ticks = options.panel_every_ticks;
      p.panels.push_back(
          {"severity",
           {wm::output_dimension::kDomain},
           {.units = "1",
            .long_name = "severity",
            .description = "severity of each sampled resident per domain, 0 = fully self-reliant, "
                           "1 = acute crisis; NaN once the resident has left"}});
      d.panels = std::move(p);
    }
    return d;
  }

  void skip(engine::Tick tick) override { outputs_.skip(tick); }

  void fill(engine::Tick tick, std::vector<wa::SeriesValues>& values) override {
    outputs_.fill(tick, buffers_);
    values.resize(buffers_.size());
    for (std::size_t i = 0; i < buffers_.size(); ++i) {
      values[i].real.swap(buffers_[i].real);
      values[i].count.swap(buffers_[i].count);
    }
  }

  void events(engine::Tick /*tick*/, std::size_t table, std::vector<std::byte>& records) override {
    if (table == kIncidentTable) {
      incident_rows_.clear();
      for (const wm::Incident& i : outputs_.incidents_of_last_tick()) {
        incident_rows_.push_back(
            {i.tick, static_cast<std::uint8_t>(i.kind), i.neighbourhood, i.household, i.resident});
      }
      append_rows(records, incident_rows_);
    } else if (table == kEpisodeTable) {
      episode_rows_.clear();
      for (const wm::EpisodeEvent& e : outputs_.episode_events_of_last_tick()) {
        const wm::CareEpisode& c = e.episode;
        episode_rows_.push_back(
            {e.tick, static_cast<std::uint8_t>(e.kind), static_cast<std::uint8_t>(c.route),
             static_cast<std::uint8_t>(c.state), c.domains, c.id, c.organisation, c.household,
             c.resident == wm::kNobody ? std::int64_t{-1} : std::int64_t{c.resident},
             c.requested_tick, c.intake_tick, c.first_treatment_tick, c.weeks_active});
      }
      append_rows(records, episode_rows_);
    } else if (table == kProjectTable) {
      project_rows_.clear();
      const auto& projects = model_->funding().projects();
      const auto& transitions = model_->funding().transitions();
      for (; transitions_seen_ < transitions.size(); ++transitions_seen_) {
        const wm::ProjectTransition& t = transitions[transitions_seen_];
        const wm::Project& p = projects[t.project];
        project_rows_.push_back({t.tick, static_cast<std::int32_t>(t.project),
                                 static_cast<std::uint8_t>(p.kind), static_cast<std::uint8_t>(t.from),
                                 static_cast<std::uint8_t>(t.to), static_cast<std::int32_t>(p.label),
                                 static_cast<std::int32_t>(p.method),
                                 static_cast<double>(p.effectiveness)});
      }
      append_rows(records, project_rows_);
    }
  }

  std::vector<std::int64_t> panel_units(engine::Tick /*first*/, std::size_t count) override {
    const auto ids = model_->population().residents.ids();
    panel_ids_.clear();
    std::vector<std::int64_t> units;
    for (std::size_t i = 0; i < ids.size() && i < count; ++i) {
      panel_ids_.push_back(ids[i]);
      units.push_back(std::int64_t{ids[i].value()});
    }
    return units;
  }

  void fill_panel(engine::Tick /*tick*/, std::size_t /*panel*/, std::span<float> values) override {
    const wm::Population& pop = model_->population();
    for (std::size_t d = 0; d < wm::kDomainCount; ++d)
      severity_[d] = pop.residents.values(pop.r.severity[d]);
    for (std::size_t u = 0; u < panel_ids_.size(); ++u) {
      const auto slot = pop.residents.slot_of(panel_ids_[u]);
      if (!slot) continue;  // left: stays NaN
      for (std::size_t d = 0; d < wm::kDomainCount; ++d)
        values[u * wm::kDomainCount + d] = severity_[d][*slot];
    }
  }

 private:
  const wm::Model* model_;
  wm::ModelOutputs outputs_;
  std::vector<wm::OutputBuffer> buffers_;
  std::vector<IncidentRow> incident_rows_;
  std::vector<EpisodeRow> episode_rows_;
  std::vector<ProjectRow> project_rows_;
  std::size_t transitions_seen_ = 0;
  std::vector<wm::ResidentId> panel_ids_;
  std::array<std::span<const float>, wm::kDomainCount> severity_{};
};

RunRecording::RunRecording(wa::OutputFile& file, const ScenarioRun& run,
                           const RecordingOptions& options)
    : run_(&run),
      source_(std::make_unique<Source>(run.model(), run.recording_start(), options.threads)) {
  const wa::RecorderOptions recorder_options{
      .first_tick = run.recording_start(),
      .expected_ticks = static_cast<std::uint64_t>(std::max(0, run.end() - run.recording_start())),
      // A year of ticks per chunk: each year's chunks are compressed on the recorder's writer
      // thread as the run goes on, and a reader of one year decompresses one chunk.
      .ticks_per_chunk = static_cast<std::uint64_t>(wm::kWeeksPerYear),
      .storage = options.storage};
  recorder_ = std::make_unique<wa::RunRecorder>(file, options.run_id, source_->describe(options),
                                                *source_, recorder_options);
}

RunRecording::~RunRecording() = default;

engine::Observer& RunRecording::observer() noexcept { return *recorder_; }

std::uint64_t RunRecording::panel_expected_bytes() const {
  return recorder_->panel_expected_bytes();
}

std::uint64_t RunRecording::recorded_ticks() const noexcept { return recorder_->recorded_ticks(); }

double RunRecording::background_seconds() const { return recorder_->background_seconds(); }

ModelRecordingSource model_recording_source(const ScenarioRun& run, const RecordingOptions& options) {
  auto source = std::make_unique<RunRecording::Source>(run.model(), run.recording_start(), options.threads);
  ModelRecordingSource out{source->describe(options), nullptr};
  out.source = std::move(source);
  return out;
}

void RunRecording::finish(const RunContext& context) { recorder_->finish(run_provenance(*run_, context)); }

wa::Provenance run_provenance(const ScenarioRun& run, const RunContext& context) {
  const BuildInfo build = build_info();
  wa::Provenance p;
  p.seed = run.seed();
  p.scenario_name = context.scenario_name;
  p.scenario_text = run.scenario().text;
  p.parameters = parameter_records(run.scenario());
  p.program_version = build.program_version;
  p.compiler = build.compiler;
  p.build_type = build.build_type;
  p.build_flags = build.build_flags;
  p.threads = context.threads;
  p.start_time = wa::iso8601_utc(context.start);
  p.end_time = wa::iso8601_utc(context.end);
  return p;
}

}  // namespace wijksim::scenarios
