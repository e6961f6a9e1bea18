#pragma once
// What the model outputs per tick (MODEL.md §9), as a catalogue a recorder can write without
// knowing the model: each series has a name, its dimensions after `tick`, a type, units, a
// long name and a description; ModelOutputs::fill() computes one tick's values of every
// series from a const Model, in catalogue order. The models layer knows nothing of files:
// the catalogue is plain data, handed to analysis/ by the scenarios layer (run_recording).
//
// Conventions:
//  - Per-neighbourhood series are written, not city totals: a reader sums over
//    `neighbourhood` (counts, hours, euro) or weights a mean by its count series
//    (severity_mean by population, caseload_mean and knowledge_mean by professional_fte,
//    severity_mean_by_cohort by residents_by_cohort). Series of organisations, routes and
//    payers are city-wide (specialists serve the whole city; each team has its neighbourhood
//    in its label).
//  - Flows ("this tick": incidents, costs, drop-outs, hires) count what happened during the
//    tick; stocks (population, waiting lists) are the state after it. Flows of the model's
//    per-year counters (CareSystem::years(), the CostLedger) are differences between ticks,
//    restarting at each year boundary (tick % 52 == 0).
//  - A mean over nobody is NaN (no value), never 0.
//
// Adding a series (projects alive by state, budget use, ...) is one entry in add_entries()
// (model_outputs.cpp): its spec and the function that fills it from the tick's tally or,
// through Tally::model, from the model itself; a new dimension is one entry in
// add_dimensions(). The recorder, the file layout and the readers need no change.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "wijksim/engine/executor.hpp"
#include "wijksim/engine/strong_id.hpp"
#include "wijksim/models/episode_event.hpp"
#include "wijksim/models/incident.hpp"
#include "wijksim/models/model.hpp"

namespace wijksim::models {

/// A fixed dimension of the outputs: string labels, or integer values when `labels` is empty.
struct OutputDimension {
  std::string name;
  std::vector<std::string> labels{};
  std::vector<std::int64_t> values{};
  std::string long_name{};
  std::string description{};

  [[nodiscard]] std::size_t size() const noexcept {
    return labels.empty() ? values.size() : labels.size();
  }
};

/// Values are reals (float64) or counts (int64).
enum class OutputType : std::uint8_t { real, count };

struct OutputSeries {
  std::string name;
  std::vector<std::string> dimensions;  ///< after `tick`, outermost first
  OutputType type = OutputType::real;
  std::string units;
  std::string long_name;
  std::string description;
};

/// One tick of one series, row-major over its dimensions: `real` for OutputType::real,
/// `count` for OutputType::count (the other stays empty).
struct OutputBuffer {
  std::vector<double> real;
  std::vector<std::int64_t> count;
};

/// Names of the dimensions (what a recorder calls them).
namespace output_dimension {
inline constexpr const char* kNeighbourhood = "neighbourhood";
inline constexpr const char* kDomain = "domain";
inline constexpr const char* kScore = "score";
inline constexpr const char* kIncidentKind = "incident_kind";
inline constexpr const char* kProfessionals = "professionals";
inline constexpr const char* kOrganisation = "organisation";
inline constexpr const char* kAccessRoute = "access_route";
inline constexpr const char* kPayer = "payer";
inline constexpr const char* kTier = "tier";
inline constexpr const char* kCohort = "cohort";
inline constexpr const char* kDemographicEvent = "demographic_event";
inline constexpr const char* kProjectState = "project_state";
inline constexpr const char* kProjectKind = "project_kind";
inline constexpr const char* kSilo = "silo";
}  // namespace output_dimension

/// Histogram of concurrent professionals per household: 0 … kProfessionalBins - 1, the last
/// bin counting that many or more ("10+").
inline constexpr std::size_t kProfessionalBins = 11;

/// Cohorts of residents for separating composition from effect (MODEL.md §3, §10.12):
/// present at the first recorded tick, moved in since (with their household), born since.
enum class ResidentCohort : std::uint8_t { stayers = 0, movers_in, born };
inline constexpr std::size_t kCohortCount = 3;

/// The catalogue and the per-tick computation. Holds a const view of the model and what
/// differences between ticks need (the counters after the last tick seen). Not thread-safe;
/// call it from the thread that runs the simulation, between ticks.
///
/// Every tick must be seen, in order, by exactly one of skip() (not recorded: the warm-up) or
/// fill(): flows are differences from the tick before.
/// @code
///   ModelOutputs outputs(model, model.warmup_end());
///   std::vector<OutputBuffer> values;
///   // after each tick t:  t < model.warmup_end() ? outputs.skip(t) : outputs.fill(t, values);
/// @endcode
class ModelOutputs {
 public:
  /// Construct it before the model's first tick (tick 0), which skip() or fill() must see
  /// first. `first_recorded`: the first tick fill() will be called for; residents who arrive
  /// from it on are the movers_in and born cohorts. `threads`: residents are tallied in
  /// parallel on that many threads (in fixed blocks: the values never depend on it).
  ModelOutputs(const Model& model, engine::Tick first_recorded, int threads = 1);
  ModelOutputs(const ModelOutputs&) = delete;
  ModelOutputs& operator=(const ModelOutputs&) = delete;
  ~ModelOutputs();

  [[nodiscard]] const std::vector<OutputDimension>& dimensions() const noexcept {
    return dimensions_;
  }
  /// The series, in the order fill() writes them.
  [[nodiscard]] std::vector<OutputSeries> series() const;
  [[nodiscard]] std::size_t series_count() const noexcept { return entries_.size(); }
  /// Values per tick of series `i`: the product of its dimensions' sizes.
  [[nodiscard]] std::size_t values_per_tick(std::size_t i) const;

  /// Tick `tick` ended and is not recorded: remember what the next tick's flows start from.
  /// Throws std::logic_error when ticks are skipped over (not seen in order).
  void skip(engine::Tick tick);
  /// Tick `tick` ended: writes every series' values into `buffers` (resized to
  /// series_count(); each buffer sized to its series). Throws std::logic_error when ticks
  /// are not seen in order.
  void fill(engine::Tick tick, std::vector<OutputBuffer>& buffers);

  /// The model's incidents of the last tick seen (a view into Model::incidents()).
  [[nodiscard]] std::span<const Incident> incidents_of_last_tick() const noexcept;
  /// The care episodes started and ended in the last tick seen.
  [[nodiscard]] const std::vector<EpisodeEvent>& episode_events_of_last_tick() const noexcept {
    return model_->care().episode_events();
  }

 private:
  /// Residents, households and professionals aggregated once per tick, read by the entries.
  struct Tally;
  /// A fixed block of residents, tallied in parallel with the others.
  struct ResidentBlock;
  /// The counters after the previous tick, for flows.
  struct Previous;
  struct Entry {
    OutputSeries spec;
    std::function<void(const Tally&, OutputBuffer&)> fill;
  };
  void add_dimensions();
  void add_entries();
  void see(engine::Tick tick);
  void tally(engine::Tick tick);
  /// Thread-safe for disjoint blocks (called in parallel).
  void tally_residents(const engine::BlockRange& range, std::size_t arrivals_from, ResidentBlock& out);
  void remember(engine::Tick tick);
  [[nodiscard]] std::size_t dimension_size(const std::string& name) const;

  const Model* model_;
  engine::Tick first_recorded_;
  std::vector<OutputDimension> dimensions_;
  std::vector<Entry> entries_;
  std::unique_ptr<engine::Executor> executor_;
  std::unique_ptr<Tally> tally_;
  std::unique_ptr<Previous> previous_;
};

}  // namespace wijksim::models
