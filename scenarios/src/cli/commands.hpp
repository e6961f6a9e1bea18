#pragma once
// Each subcommand registers itself on the CLI11 app and returns the exit code of its run.
// Library code below the CLI never prints or exits; commands do both.
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace wijksim::cli {

/// A registered subcommand: `run` is called when CLI11 selected it, after parsing.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_demo_command(CLI::App& parent);
std::vector<Command> add_analyse_commands(CLI::App& parent);
std::vector<Command> add_bench_commands(CLI::App& parent);
Command add_compare_command(CLI::App& parent);
Command add_inspect_command(CLI::App& parent);
Command add_merge_command(CLI::App& parent);
Command add_params_command(CLI::App& parent);
Command add_report_command(CLI::App& parent);
Command add_run_command(CLI::App& parent);
Command add_sweep_command(CLI::App& parent);
Command add_validate_command(CLI::App& parent);

}  // namespace wijksim::cli
