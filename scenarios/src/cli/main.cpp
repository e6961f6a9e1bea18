// wijksim — the command line. Parses, dispatches to a subcommand, and maps every error to a
// message on stderr and a non-zero exit code (the only place that catches everything).
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "wijksim/engine/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "wijksim " WIJKSIM_VERSION
      " — a parallel agent-based simulation of a neighbourhood's care ecosystem.\n"
      "Results are a pure function of (scenario, seed, program version): the thread count\n"
      "never changes them."};
  app.set_version_flag("--version", std::string("wijksim ") + WIJKSIM_VERSION);
  app.require_subcommand(1);

  std::vector<wijksim::cli::Command> commands{
      wijksim::cli::add_demo_command(app),
      wijksim::cli::add_params_command(app),
      wijksim::cli::add_run_command(app),
      wijksim::cli::add_compare_command(app),
      wijksim::cli::add_inspect_command(app),
      wijksim::cli::add_sweep_command(app),
      wijksim::cli::add_merge_command(app),
      wijksim::cli::add_report_command(app),
      wijksim::cli::add_validate_command(app),
  };
  for (auto& c : wijksim::cli::add_bench_commands(app)) commands.push_back(std::move(c));
  for (auto& c : wijksim::cli::add_analyse_commands(app)) commands.push_back(std::move(c));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    for (auto& command : commands) {
      if (command.app->parsed()) return command.run();
    }
    return 2;
  } catch (const wijksim::engine::Error& e) {
    std::cerr << "wijksim: error: " << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "wijksim: internal error: " << e.what() << '\n';
    return 70;  // EX_SOFTWARE
  }
}
