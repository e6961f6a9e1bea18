#include "wijksim/scenarios/comparison_recording.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "detail/fixed_dataset.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/scenarios/cost_benefit_recording.hpp"

namespace wijksim::scenarios {

namespace wa = wijksim::analysis;
using detail::write_doubles;
using detail::write_strings;

std::string arm_slug(std::string_view arm_name) {
  std::string slug(arm_name);
  for (char& c : slug) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!keep) c = '_';
  }
  return slug;
}


/// The recording of one run on its worker thread; after the run it is handed to the recorder.
class ComparisonRecorder::Attachment final : public RunAttachment {
 public:
  Attachment(ComparisonRecorder& owner, PairedRun& run)
      : owner_(&owner),
        index_(run.arm() * owner.replicates_ + run.replicate()),
        start_(std::chrono::system_clock::now()),
        recording_(std::make_unique<BufferedRunRecording>(
            run.run(), RecordingOptions{.run_id = owner.run_ids_.at(index_), .threads = 1})) {}

  engine::Observer& observer() override { return recording_->observer(); }

  void after_run(PairedRun& run, const ReplicateOutcome& /*outcome*/) override {
    recording_->finish({.scenario_name = owner_->scenario_names_.at(run.arm()),
                        .threads = 1,
                        .start = start_,
                        .end = std::chrono::system_clock::now()});
    owner_->hand_in(index_, std::move(recording_));
  }

 private:
  ComparisonRecorder* owner_;
  std::size_t index_;
  std::chrono::system_clock::time_point start_;
  std::unique_ptr<BufferedRunRecording> recording_;
};

ComparisonRecorder::ComparisonRecorder(wa::OutputFile& file, std::span<const ComparisonArm> arms, int replicates)
    : file_(&file), replicates_(static_cast<std::size_t>(std::max(0, replicates))) {
  std::vector<std::string> slugs;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    arm_names_.push_back(arms[a].name);
    const auto& files = arms[a].scenario.files;
    scenario_names_.push_back(files.empty() ? std::string("reference (built-in defaults)") : files.back());
    std::string slug = arm_slug(arms[a].name);
    if (std::find(slugs.begin(), slugs.end(), slug) != slugs.end()) slug.append("_").append(std::to_string(a));
    slugs.push_back(slug);
    for (std::size_t r = 0; r < replicates_; ++r) run_ids_.push_back(slug + "-r" + std::to_string(r));
  }
}

ComparisonRecorder::~ComparisonRecorder() = default;

AttachToRun ComparisonRecorder::attach() {
  return [this](PairedRun& run) -> std::unique_ptr<RunAttachment> { return std::make_unique<Attachment>(*this, run); };
}

const std::string& ComparisonRecorder::run_id(std::size_t arm, std::size_t replicate) const {
  return run_ids_.at(arm * replicates_ + replicate);
}

void ComparisonRecorder::hand_in(std::size_t index, std::unique_ptr<BufferedRunRecording> recording) {
  const std::lock_guard lock(mutex_);
  waiting_.emplace(index, std::move(recording));
  most_waiting_ = std::max(most_waiting_, waiting_.size());
  // Write every run whose predecessors are written; the others wait for the thread that
  // hands in the run before them.
  for (auto it = waiting_.find(next_to_write_); it != waiting_.end(); it = waiting_.find(next_to_write_)) {
    it->second->write_to(*file_);
    const std::size_t arm = next_to_write_ / replicates_;
    const wa::Group run = file_->root().open_group("runs").open_group(run_ids_[next_to_write_]);
    wa::write_attribute(run, "arm", arm_names_[arm]);
    wa::write_attribute(run, "arm_index", static_cast<std::int64_t>(arm));
    wa::write_attribute(run, "replicate", static_cast<std::int64_t>(next_to_write_ % replicates_));
    waiting_.erase(it);
    ++next_to_write_;
  }
}

void ComparisonRecorder::write_comparison(const ComparisonResult& result, const ComparisonSettings& settings) {
  if (next_to_write_ != run_ids_.size() || !waiting_.empty()) {
    throw std::logic_error("ComparisonRecorder: write_comparison() before every run was written");
  }
  const auto& measures = headline_measures();
  const std::size_t arms = arm_names_.size();
  const std::size_t n_measures = measures.size();

  const wa::Group root = file_->root();
  wa::write_attribute(root, "kind", std::string("comparison"));
  const wa::Group g = root.create_group("comparison");
  wa::write_attribute(g, "seed", settings.seed);
  wa::write_attribute(g, "replicates", settings.replicates);
  wa::write_attribute(g, "years", settings.years);
  wa::write_attribute(g, "warmup_years", settings.warmup_years);
  wa::write_attribute(g, "program_version", settings.program_version);

  std::vector<std::int64_t> replicate_values;
  for (std::size_t r = 0; r < replicates_; ++r) replicate_values.push_back(static_cast<std::int64_t>(r));
  std::vector<std::string> ids, labels, units;
  for (const auto& m : measures) {
    ids.push_back(m.id);
    labels.push_back(m.label);
    units.push_back(m.unit);
  }
  wa::add_dimension(g, "arm", arm_names_, {.long_name = "arm", .description = "the arms in order; the first is the baseline of the differences"});
  wa::add_dimension(g, "replicate", replicate_values,
                    {.long_name = "replicate", .description = "replicate r of every arm ran with seed + r and run id r (common random numbers)"});
  wa::add_dimension(g, "measure", ids, {.long_name = "headline measure", .description = "ids as in `wijksim compare --json`"});

  write_strings(g, "run_id", {"arm", "replicate"}, run_ids_, {.long_name = "run group under /runs"});
  write_strings(g, "measure_label", {"measure"}, labels, {.long_name = "label of the measure"});
  write_strings(g, "measure_unit", {"measure"}, units, {.long_name = "unit of the measure"});

  std::vector<double> headline(arms * replicates_ * n_measures, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t a = 0; a < arms; ++a) {
    for (std::size_t r = 0; r < replicates_; ++r) {
      for (std::size_t m = 0; m < n_measures; ++m) {
        headline[(a * replicates_ + r) * n_measures + m] = measures[m].value(result.outcomes.at(a).at(r).figures);
      }
    }
  }
  write_doubles(g, "headline", {"arm", "replicate", "measure"}, headline,
                {.long_name = "headline figure of each run", .description = "units: measure_unit; measured over the recorded years"});

  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> mean(arms * n_measures, nan), low = mean, high = mean, d_mean = mean, d_low = mean, d_high = mean;
  const auto summaries = result.summarise();
  for (std::size_t m = 0; m < n_measures; ++m) {
    for (std::size_t a = 0; a < arms; ++a) {
      const std::size_t at = a * n_measures + m;
      mean[at] = summaries[m].by_arm[a].mean;
      low[at] = summaries[m].by_arm[a].low;
      high[at] = summaries[m].by_arm[a].high;
      if (a == 0) continue;
      d_mean[at] = summaries[m].difference_from_first[a - 1].mean;
      d_low[at] = summaries[m].difference_from_first[a - 1].low;
      d_high[at] = summaries[m].difference_from_first[a - 1].high;
    }
  }
  const std::vector<std::string> am{"arm", "measure"};
  write_doubles(g, "mean", am, mean, {.long_name = "mean over replicates"});
  write_doubles(g, "low", am, low, {.long_name = "95% t-interval of the mean, lower end", .description = "NaN with fewer than 2 replicates"});
  write_doubles(g, "high", am, high, {.long_name = "95% t-interval of the mean, upper end", .description = "NaN with fewer than 2 replicates"});
  write_doubles(g, "difference_mean", am, d_mean,
                {.long_name = "arm minus the first arm, mean of the paired differences", .description = "NaN for the first arm"});
  write_doubles(g, "difference_low", am, d_low, {.long_name = "95% t-interval of the paired difference, lower end"});
  write_doubles(g, "difference_high", am, d_high, {.long_name = "95% t-interval of the paired difference, upper end"});
  write_cost_benefit(g, arms, replicates_, result.cost_benefit());
  file_->flush();
}

}  // namespace wijksim::scenarios
