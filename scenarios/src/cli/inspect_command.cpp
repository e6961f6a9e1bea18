// `wijksim inspect`: what an output file holds — its runs and their complete marks, a summary of
// each run's provenance, then every group and dataset (shape, dimensions, chunks, compression,
// stored bytes) with its attributes. A missing, foreign, empty or truncated file is an error
// that names the file and what is wrong with it (exit 1).
#include <iostream>
#include <limits>

#include "cli/commands.hpp"
#include "wijksim/analysis/file_description.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/provenance.hpp"

namespace wijksim::cli {
namespace {

struct InspectOptions {
  std::string path;
  bool full_strings = false;
  bool allow_foreign = false;
};

/// One paragraph per run: where it came from and how it was made.
std::string provenance_summary(const analysis::InputFile& file, const analysis::RunEntry& entry) {
  std::string text = "run ";
  text.append(entry.id);
  text.append(entry.is_complete ? " (complete)" : " (INCOMPLETE: unfinished, readers skip it)");
  text.append(":\n");
  analysis::Provenance p;
  try {
    p = analysis::read_provenance(file.open_run(entry.id));
  } catch (const analysis::InputFileError&) {
    text.append("  no provenance recorded\n");
    return text;
  }
  std::size_t from_scenario = 0;
  for (const auto& parameter : p.parameters) {
    if (parameter.source.starts_with("scenario ")) ++from_scenario;
  }
  text.append("  scenario ")
      .append(p.scenario_name)
      .append(", seed ")
      .append(std::to_string(p.seed))
      .append("\n");
  text.append("  ").append(std::to_string(p.parameters.size())).append(" parameters, ");
  text.append(std::to_string(from_scenario)).append(" set by the scenario or the command line\n");
  text.append("  ")
      .append(p.program_version)
      .append(" (")
      .append(p.compiler)
      .append(", ")
      .append(p.build_type);
  text.append("), ").append(std::to_string(p.threads)).append(" threads\n");
  text.append("  ran ").append(p.start_time).append(" to ").append(p.end_time).append("\n");
  return text;
}

int run_inspect(const InspectOptions& options) {
  const analysis::FileDescription description = analysis::describe_file(
      options.path,
      {.max_string_chars = options.full_strings ? std::numeric_limits<std::size_t>::max() : 60,
       .allow_foreign = options.allow_foreign});
  std::string out;
  if (description.format_version) {
    const analysis::InputFile file(options.path);
    for (const auto& run : description.runs) out.append(provenance_summary(file, run));
    if (!description.runs.empty()) out.append("\n");
  }
  out.append(analysis::format_description(description));
  std::cout << out;
  return 0;
}

}  // namespace

Command add_inspect_command(CLI::App& parent) {
  auto* cmd = parent.add_subcommand(
      "inspect",
      "Show what an output file holds: its runs and whether each is complete, a summary\n"
      "of each run's provenance (scenario, seed, parameters, program, threads, times),\n"
      "then every group and dataset with shape, dimensions, chunks, compression and\n"
      "attributes. Exit 1 with the reason when the file is missing, empty, truncated, not\n"
      "HDF5, or not a wijksim output.");
  auto options = std::make_shared<InspectOptions>();
  cmd->add_option("file", options->path, "The output file (.h5)")->required();
  cmd->add_flag(
      "--full-strings", options->full_strings,
      "Show long string attributes (the scenario text) whole instead of cut at 60 characters");
  cmd->add_flag("--allow-foreign", options->allow_foreign,
                "Describe an HDF5 file that wijksim did not write");
  return Command{cmd, [options] { return run_inspect(*options); }};
}

}  // namespace wijksim::cli
