// Reads a merged Saltelli sweep through the analysis layer's reader (sweep_file.hpp).
#include "wijksim/sensitivity/sweep_file.hpp"

#include <string>
#include <variant>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/read_series.hpp"

namespace wijksim::sensitivity {
namespace {

using analysis::InputFileError;

/// "<file>:<object path>" of child `name` of `group`, the form error messages use.
std::string child_location(const analysis::Group& group, std::string_view name) {
  return group.file_path() + ":" + group.child_path(name);
}

std::vector<std::int64_t> read_run_integers(const analysis::Group& group, std::string_view name,
                                            std::size_t runs) {
  auto series = analysis::read_series<std::int64_t>(group, name);
  if (series.shape.size() != 1 || series.values.size() != runs) {
    throw InputFileError(child_location(group, name),
                         "expected one value per run (" + std::to_string(runs) + ")");
  }
  for (const std::int64_t v : series.values) {
    if (v < 0 && name != "saltelli_matrix") {
      throw InputFileError(child_location(group, name),
                           "holds a negative value (" + std::to_string(v) + ")");
    }
  }
  return std::move(series.values);
}

}  // namespace

SweepOutcomes read_saltelli_sweep(const std::filesystem::path& path) {
  const analysis::InputFile file(path);
  const std::string where = path.string();
  const analysis::Group root = file.root();
  if (!analysis::has_attribute(root, "kind")) {
    throw InputFileError(where, "is not a merged sweep file (no root attribute kind = \"sweep\")");
  }
  const analysis::AttributeValue kind = analysis::read_attribute(root, "kind");
  if (!std::holds_alternative<std::string>(kind) || std::get<std::string>(kind) != "sweep") {
    throw InputFileError(where, "is not a merged sweep file (root attribute kind is " +
                                    analysis::to_text(kind) + ", expected \"sweep\")");
  }
  if (!file.is_complete()) {
    throw InputFileError(where,
                         "is an incomplete sweep file (no complete = 1 mark): its merge "
                         "did not finish; merge the shards again");
  }
  if (!root.is_group("sweep")) throw InputFileError(where, "has no /sweep group");
  const analysis::Group sweep = root.open_group("sweep");
  const std::string design = analysis::read_string_attribute(sweep, "design");
  if (design != "saltelli") {
    throw InputFileError(sweep.location(), "was run with design \"" + design +
                                               "\"; Sobol indices need a saltelli design "
                                               "([design] kind = \"saltelli\")");
  }
  const std::int64_t base_points = analysis::read_int_attribute(sweep, "saltelli_base_points");
  if (base_points <= 0) {
    throw InputFileError(sweep.location(), "attribute saltelli_base_points is " +
                                               std::to_string(base_points) + ", expected > 0");
  }
  const analysis::Group& data = sweep.is_dataset("outcome_value") ? sweep : root;

  SweepOutcomes result;
  result.source = where;
  result.base_points = static_cast<std::size_t>(base_points);
  result.parameters = analysis::read_strings(data, "parameter");
  result.outcomes = analysis::read_strings(data, "outcome");
  const std::vector<std::string> arm_names = analysis::read_strings(data, "arm");
  const std::size_t runs = arm_names.size();
  const auto points = read_run_integers(data, "point", runs);
  const auto arm_index = read_run_integers(data, "arm_index", runs);
  const auto matrix = read_run_integers(data, "saltelli_matrix", runs);
  auto values = analysis::read_series<double>(data, "outcome_value");
  if (values.shape.size() != 2 || values.shape[0] != runs ||
      values.shape[1] != result.outcomes.size()) {
    throw InputFileError(child_location(data, "outcome_value"),
                         "expected shape (run, outcome) = (" + std::to_string(runs) + ", " +
                             std::to_string(result.outcomes.size()) + ")");
  }
  result.outcome_values = std::move(values.values);

  result.runs.resize(runs);
  for (std::size_t r = 0; r < runs; ++r) {
    const auto a = static_cast<std::size_t>(arm_index[r]);
    if (a >= result.arms.size()) result.arms.resize(a + 1);
    if (result.arms[a].empty()) {
      result.arms[a] = arm_names[r];
    } else if (result.arms[a] != arm_names[r]) {
      throw InputFileError(child_location(data, "arm"), "arm_index " + std::to_string(a) +
                                                            " is named both \"" + result.arms[a] +
                                                            "\" and \"" + arm_names[r] + "\"");
    }
    result.runs[r] = {static_cast<std::size_t>(points[r]), a, matrix[r]};
  }
  for (std::size_t a = 0; a < result.arms.size(); ++a) {
    if (result.arms[a].empty()) result.arms[a] = std::string("#").append(std::to_string(a));
  }
  return result;
}

}  // namespace wijksim::sensitivity
