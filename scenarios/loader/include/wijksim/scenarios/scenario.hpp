#pragma once
// A loaded scenario: the frozen, validated parameter set plus what a run and its output file
// need to say where every value came from.
#include <map>
#include <string>
#include <vector>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/scheduled_change.hpp"
#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::scenarios {

struct Scenario {
  /// Every declared parameter: defaults, then each file of the chain (base first), then the
  /// command-line overrides. Values at the start of the run; `schedule` changes them later.
  engine::ParameterSet parameters;
  /// Sorted by year; changes in the same year keep the order they were written in (base file
  /// first, each file top to bottom), so a later file's change wins when applied in order.
  std::vector<ScheduledChange> schedule;
  /// Files as opened, the base of the `extends` chain first and the loaded file last.
  std::vector<std::string> files;
  /// The source text of every file in `files` order, each after a line
  /// "# ==== scenario file: <path> ====", then the overrides after
  /// "# ==== <command line> ====": enough to reproduce the run (provenance). A file named by a
  /// schedule's `apply` follows its entry's file, after "# ==== applied from year ... ====".
  std::string text;
  /// The `description` of the last file in the chain that has one.
  std::string description;
  /// For each parameter a scenario file or override set: where it was last set.
  std::map<std::string, SourceLocation> where_set;
};

}  // namespace wijksim::scenarios
