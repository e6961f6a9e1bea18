// `wijksim report`: the HTML report of a results file (analysis/report/).
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "wijksim/report/report.hpp"

namespace wijksim::cli {
namespace {

struct ReportCommandOptions {
  std::string results;
  std::string out;
  bool force = false;
};

int run_report(const ReportCommandOptions& options) {
  report::check_report_destination(options.out, options.force);
  const std::string html = report::render_report(options.results, {.generated_by = std::string("wijksim ") + WIJKSIM_VERSION, .generated_at = {}});
  report::write_report(options.out, html, options.force);
  std::cout << "wijksim report: wrote " << options.out << " (" << (html.size() + 512) / 1024 << " KB) from " << options.results << '\n';
  return 0;
}

}  // namespace

Command add_report_command(CLI::App& parent) {
  const std::string description =
      "Write a report of a results file as one self-contained HTML page: inline SVG charts, no\n"
      "script, no external font or style sheet, so it opens anywhere without network access.\n"
      "\n"
      "FILE is what `wijksim compare --out` writes (arms with replicates) or what `wijksim run\n"
      "--out` writes (a single run). The page shows: the provenance (program version, seed, arms\n"
      "and their scenario files, years, replicates, dates); the headline table of a comparison\n"
      "(mean and 95% t-interval per arm, paired difference from the first arm); outcomes over\n"
      "time per arm — residents in crisis, trust, volunteers, informal hours, professional hours,\n"
      "cost per resident — as the mean over replicates with a band from the 2.5% to the 97.5%\n"
      "quantile across replicates (a single run: a line per neighbourhood and the city, no band);\n"
      "the distribution of concurrent professionals per household and per multi-problem\n"
      "household; costs by payer; and life lines of the projects of replicate 0 of each arm\n"
      "(from events/projects; without it: \"no projects in this run (funding off)\").\n"
      "\n"
      "Exit status: 0 on success; 1 when FILE is missing, not HDF5, truncated, not a wijksim\n"
      "output or incomplete, or when the output exists (without --force) or its directory does\n"
      "not. Nothing is written then; the page is written under a temporary name and renamed.";
  auto* cmd = parent.add_subcommand("report", description);
  auto options = std::make_shared<ReportCommandOptions>();
  cmd->add_option("file", options->results, "Results file (.h5) of `wijksim compare --out` or `wijksim run --out`")->required();
  cmd->add_option("--out,-o", options->out, "Report file (.html); refused if it exists, unless --force")->required();
  cmd->add_flag("--force", options->force, "Replace an existing report file");
  return Command{cmd, [options] { return run_report(*options); }};
}

}  // namespace wijksim::cli
