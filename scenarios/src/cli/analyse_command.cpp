// `wijksim analyse sensitivity FILE.h5`: first-order and total Sobol indices of a merged
// Saltelli sweep's outcomes, per arm and outcome, with bootstrap percentile intervals; as a
// table or as JSON. A missing, foreign, incomplete or non-Saltelli file is refused (exit 1).
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/sensitivity/sweep_file.hpp"
#include "wijksim/sensitivity/sweep_indices.hpp"

namespace wijksim::cli {
namespace {

struct SensitivityOptions {
  std::string path;
  std::vector<std::string> outcomes;
  std::string arm;
  std::size_t bootstrap = 1000;
  std::uint64_t seed = 1;
  double confidence = 0.95;
  bool json = false;
};

std::string fixed3(double v) {
  if (!std::isfinite(v)) return "n/a";
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << v;
  return out.str();
}

std::string index_text(const sensitivity::IndexEstimate& e) {
  std::string text = fixed3(e.value);
  if (std::isfinite(e.low))
    text.append(" [").append(fixed3(e.low)).append(", ").append(fixed3(e.high)).append("]");
  return text;
}

std::string replicates_text(const sensitivity::ArmOutcomeIndices& r) {
  if (r.replicates_min == r.replicates_max) return std::to_string(r.replicates_min);
  return std::to_string(r.replicates_min) + "-" + std::to_string(r.replicates_max);
}

void print_table(const sensitivity::SweepOutcomes& sweep,
                 const std::vector<sensitivity::ArmOutcomeIndices>& results,
                 const SensitivityOptions& options) {
  const std::size_t dims = sweep.parameters.size();
  std::cout << "wijksim analyse sensitivity: " << options.path << "\n  saltelli design, "
            << sweep.base_points << " base points x (" << dims
            << " parameters + 2) = " << sweep.base_points * (dims + 2) << " points, "
            << sweep.runs.size() << " runs; " << std::lround(options.confidence * 100.0)
            << "% bootstrap intervals from " << options.bootstrap
            << " resamples of the base points (seed " << options.seed << ")\n";
  std::size_t width = std::string("parameter").size();
  for (const auto& p : sweep.parameters) width = std::max(width, p.size());
  for (const auto& r : results) {
    std::cout << "\narm " << r.arm << ", outcome " << r.outcome << " (mean of "
              << replicates_text(r) << " replicate(s) per point";
    if (!r.undefined.empty()) {
      std::cout << "): indices undefined, " << r.undefined << "\n";
      continue;
    }
    std::cout << ", variance " << std::setprecision(4) << r.indices.variance << ")\n";
    std::vector<std::string> first(dims);
    std::size_t first_width = std::string("S1 (first order)").size();
    for (std::size_t k = 0; k < dims; ++k) {
      first[k] = index_text(r.indices.first_order[k]);
      first_width = std::max(first_width, first[k].size());
    }
    std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << "parameter"
              << "  " << std::setw(static_cast<int>(first_width + 2)) << "S1 (first order)"
              << "ST (total)\n";
    for (std::size_t k = 0; k < dims; ++k) {
      std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << sweep.parameters[k]
                << "  " << std::setw(static_cast<int>(first_width + 2)) << first[k]
                << index_text(r.indices.total[k]) << "\n";
    }
  }
}

void write_estimate(JsonWriter& j, const sensitivity::IndexEstimate& e) {
  j.begin_object()
      .key("value")
      .value(e.value)
      .key("low")
      .value(e.low)
      .key("high")
      .value(e.high)
      .end_object();
}

void print_json(const sensitivity::SweepOutcomes& sweep,
                const std::vector<sensitivity::ArmOutcomeIndices>& results,
                const SensitivityOptions& options) {
  JsonWriter j;
  j.begin_object().key("file").value(options.path).key("design").value("saltelli");
  j.key("base_points").value(static_cast<std::uint64_t>(sweep.base_points));
  j.key("runs").value(static_cast<std::uint64_t>(sweep.runs.size()));
  j.key("parameters").begin_array();
  for (const auto& p : sweep.parameters) j.value(p);
  j.end_array();
  j.key("bootstrap")
      .value(static_cast<std::uint64_t>(options.bootstrap))
      .key("seed")
      .value(options.seed);
  j.key("confidence").value(options.confidence);
  j.key("results").begin_array();
  for (const auto& r : results) {
    j.begin_object().key("arm").value(r.arm).key("outcome").value(r.outcome);
    j.key("replicates_min").value(static_cast<std::uint64_t>(r.replicates_min));
    j.key("replicates_max").value(static_cast<std::uint64_t>(r.replicates_max));
    if (!r.undefined.empty()) {
      j.key("undefined").value(r.undefined).end_object();
      continue;
    }
    j.key("variance").value(r.indices.variance);
    j.key("indices").begin_array();
    for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
      j.begin_object().key("parameter").value(sweep.parameters[k]);
      j.key("first_order");
      write_estimate(j, r.indices.first_order[k]);
      j.key("total");
      write_estimate(j, r.indices.total[k]);
      j.end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().end_object();
  std::cout << j.str() << '\n';
}

int run_sensitivity(const SensitivityOptions& options) {
  const sensitivity::SweepOutcomes sweep = sensitivity::read_saltelli_sweep(options.path);
  const auto results = sensitivity::sweep_sobol_indices(sweep, {.outcomes = options.outcomes,
                                                                .arm = options.arm,
                                                                .bootstrap = options.bootstrap,
                                                                .seed = options.seed,
                                                                .confidence = options.confidence});
  if (options.json) {
    print_json(sweep, results, options);
  } else {
    print_table(sweep, results, options);
  }
  return 0;
}

}  // namespace

std::vector<Command> add_analyse_commands(CLI::App& parent) {
  auto* analyse = parent.add_subcommand("analyse", "Analyses of output files");
  analyse->require_subcommand(1);
  auto* sensitivity_cmd = analyse->add_subcommand(
      "sensitivity",
      "Variance-based sensitivity of a merged Saltelli sweep: for each arm and outcome, the\n"
      "first-order (Saltelli 2010) and total (Jansen 1999) Sobol index of every swept\n"
      "parameter, with bootstrap percentile intervals over the base points. Replicates of a\n"
      "point are averaged first. Exit 1 when the file is missing, not a merged sweep,\n"
      "incomplete, or of another design than saltelli.");
  auto options = std::make_shared<SensitivityOptions>();
  sensitivity_cmd->add_option("file", options->path, "The merged sweep file (.h5)")->required();
  sensitivity_cmd->add_option("--outcome", options->outcomes,
                              "Outcomes to analyse (repeatable; default: all)");
  sensitivity_cmd->add_option("--arm", options->arm, "The arm to analyse (default: every arm)");
  sensitivity_cmd
      ->add_option("--bootstrap", options->bootstrap, "Bootstrap resamples for the intervals")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->capture_default_str();
  sensitivity_cmd->add_option("--seed", options->seed, "Seed of the bootstrap resampling")
      ->capture_default_str();
  sensitivity_cmd->add_option("--confidence", options->confidence, "Coverage of the intervals")
      ->check(CLI::Range(0.5, 0.999))
      ->capture_default_str();
  sensitivity_cmd->add_flag("--json", options->json, "Print the indices as one JSON object");
  return {Command{sensitivity_cmd, [options] { return run_sensitivity(*options); }}};
}

}  // namespace wijksim::cli
