// Replicate averaging and Saltelli row reconstruction for a merged sweep (sweep_indices.hpp).
#include "wijksim/sensitivity/sweep_indices.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "wijksim/engine/error.hpp"

namespace wijksim::sensitivity {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text.append(text.empty() ? "" : ", ").append(name);
  return text;
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name,
                     const std::string& item, const std::string& source) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) {
    throw engine::InputError(source + ": " + item, "one of " + joined(names), "\"" + name + "\"");
  }
  return static_cast<std::size_t>(found - names.begin());
}

/// The design the sweep ran: rows = points in point order, base = point / (dims + 2),
/// matrix as recorded (the same for every run of a point, checked).
SaltelliDesign rebuild_design(const SweepOutcomes& sweep) {
  SaltelliDesign design;
  design.base_points = sweep.base_points;
  design.dims = sweep.parameters.size();
  const std::size_t points = design.base_points * (design.dims + 2);
  constexpr std::int64_t unset = -3;
  design.rows.assign(points, SaltelliRow{0, unset});
  for (std::size_t p = 0; p < points; ++p) design.rows[p].base = p / (design.dims + 2);
  for (const auto& run : sweep.runs) {
    if (run.point >= points) {
      throw engine::InputError(sweep.source + ": point",
                               "below " + std::to_string(points) + " (" +
                                   std::to_string(sweep.base_points) + " base points x " +
                                   std::to_string(design.dims + 2) + ")",
                               std::to_string(run.point));
    }
    auto& matrix = design.rows[run.point].matrix;
    if (matrix != unset && matrix != run.saltelli_matrix) {
      throw engine::InputError(
          sweep.source + ": saltelli_matrix of point " + std::to_string(run.point),
          "the same in every run of the point (" + std::to_string(matrix) + ")",
          std::to_string(run.saltelli_matrix));
    }
    matrix = run.saltelli_matrix;
  }
  return design;
}

}  // namespace

std::vector<ArmOutcomeIndices> sweep_sobol_indices(const SweepOutcomes& sweep,
                                                   const SweepIndicesOptions& options) {
  const std::size_t outcome_count = sweep.outcomes.size();
  if (sweep.outcome_values.size() != sweep.runs.size() * outcome_count) {
    throw engine::InputError(
        sweep.source + ": outcome_value",
        std::to_string(sweep.runs.size()) + " x " + std::to_string(outcome_count) + " values",
        std::to_string(sweep.outcome_values.size()));
  }
  std::vector<std::size_t> outcomes;
  for (const auto& name : options.outcomes)
    outcomes.push_back(index_of(sweep.outcomes, name, "--outcome", sweep.source));
  if (options.outcomes.empty()) {
    for (std::size_t o = 0; o < outcome_count; ++o) outcomes.push_back(o);
  }
  std::vector<std::size_t> arms;
  if (options.arm.empty()) {
    for (std::size_t a = 0; a < sweep.arms.size(); ++a) arms.push_back(a);
  } else {
    arms.push_back(index_of(sweep.arms, options.arm, "--arm", sweep.source));
  }

  const SaltelliDesign design = rebuild_design(sweep);
  const std::size_t points = design.rows.size();
  std::vector<ArmOutcomeIndices> results;
  for (const std::size_t arm : arms) {
    std::vector<std::size_t> replicates(points, 0);
    for (const auto& run : sweep.runs) {
      if (run.arm == arm) ++replicates[run.point];
    }
    const auto missing = std::find(replicates.begin(), replicates.end(), std::size_t{0});
    if (missing != replicates.end()) {
      throw engine::InputError(
          sweep.source + ": arm " + sweep.arms[arm],
          "at least one run at every one of the " + std::to_string(points) + " design points",
          "no run at point " + std::to_string(missing - replicates.begin()),
          "Sobol indices need the whole Saltelli design; merge every shard");
    }
    const auto [fewest, most] = std::minmax_element(replicates.begin(), replicates.end());
    for (const std::size_t outcome : outcomes) {
      std::vector<double> means(points, 0.0);
      for (std::size_t r = 0; r < sweep.runs.size(); ++r) {
        const auto& run = sweep.runs[r];
        if (run.arm != arm) continue;
        const double y = sweep.outcome_values[r * outcome_count + outcome];
        if (!std::isfinite(y)) {
          throw engine::InputError(sweep.source + ": outcome " + sweep.outcomes[outcome] +
                                       ", arm " + sweep.arms[arm] + ", point " +
                                       std::to_string(run.point),
                                   "a finite value in every run", std::to_string(y));
        }
        means[run.point] += y;
      }
      for (std::size_t p = 0; p < points; ++p) means[p] /= static_cast<double>(replicates[p]);
      ArmOutcomeIndices entry{sweep.arms[arm], sweep.outcomes[outcome], *fewest, *most, {}, {}};
      try {
        entry.indices =
            sobol_indices(design, means, options.bootstrap, options.seed, options.confidence);
      } catch (const ZeroVarianceError&) {
        entry.undefined = "the outcome does not vary over the design";
      } catch (const std::invalid_argument& e) {
        throw engine::InputError(
            sweep.source + ": outcome " + sweep.outcomes[outcome] + ", arm " + sweep.arms[arm],
            "the runs of a complete Saltelli design", e.what());
      }
      results.push_back(std::move(entry));
    }
  }
  return results;
}

}  // namespace wijksim::sensitivity
