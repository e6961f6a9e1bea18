// `wijksim params`: every model parameter with its value, unit, range and source; for a scenario,
// the resolved values, where each non-default one was set, and the scenario's schedule.
#include <algorithm>
#include <array>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "cli/scenario_argument.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

namespace wijksim::cli {
namespace {

struct ParamsOptions {
  std::string scenario = "reference";
  std::string format = "table";
  std::vector<std::string> overrides;
  bool only_set = false;
};

engine::ParameterValue bound(const engine::ParameterSpec& spec, double v) {
  return spec.type == engine::ParameterType::integer ? engine::ParameterValue{static_cast<std::int64_t>(v)}
                                                     : engine::ParameterValue{v};
}

std::string range_text(const engine::ParameterSpec& spec) {
  if (spec.type == engine::ParameterType::flag) return "true|false";
  std::string text = "[";
  text.append(engine::format_value(bound(spec, spec.min))).append(", ").append(engine::format_value(bound(spec, spec.max))).append("]");
  return text;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

/// "file:line:column" where a scenario file or --set last set the parameter; "" for a default.
std::string set_at(const scenarios::Scenario& s, const std::string& name) {
  const auto it = s.where_set.find(name);
  return it == s.where_set.end() ? std::string{} : it->second.to_string();
}

/// Left-aligned columns separated by two spaces; trailing blanks trimmed.
void print_columns(const std::vector<std::array<std::string, 6>>& rows) {
  std::array<std::size_t, 6> width{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) line.append(row[c]).append(width[c] - row[c].size() + 2, ' ');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::cout << line << '\n';
  }
}

int run_params(const ParamsOptions& options) {
  const ScenarioArgument argument = resolve_scenario_argument(options.scenario);
  const scenarios::Scenario scenario = load_scenario_argument(argument, options.overrides);
  const auto& set = scenario.parameters;
  const auto& specs = set.registry().specs();
  const auto shown = [&](std::uint32_t i) { return !options.only_set || scenario.where_set.count(specs[i].name) != 0; };
  const std::string scenario_path = argument.file ? argument.file->string() : std::string("reference");

  if (options.format == "json") {
    JsonWriter j;
    j.begin_object().key("scenario").value(scenario_path).key("description").value(scenario.description).key("files").begin_array();
    for (const auto& f : scenario.files) j.value(f);
    j.end_array().key("parameters").begin_array();
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      if (!shown(i)) continue;
      const auto& s = specs[i];
      j.begin_object().key("name").value(s.name).key("value").value(engine::format_value(set.value(i)))
          .key("default").value(engine::format_value(s.default_value)).key("type").value(engine::to_string(s.type))
          .key("unit").value(s.unit).key("range").value(range_text(s)).key("min").value(s.min).key("max").value(s.max).key("set_at").value(set_at(scenario, s.name))
          .key("description").value(s.description).key("source").value(s.source).end_object();
    }
    j.end_array().key("schedule").begin_array();
    for (const auto& c : scenario.schedule) {
      j.begin_object().key("year").value(c.year).key("label").value(c.label).key("name").value(specs[c.parameter_index].name)
          .key("value").value(engine::format_value(c.value)).key("set_at").value(c.where.to_string()).end_object();
    }
    j.end_array().end_object();
    std::cout << j.str() << '\n';
  } else if (options.format == "csv") {
    // Long form: start values have an empty year; each scheduled change is a row of its own.
    std::cout << "name,year,value,default,type,unit,range,set_at,label,description,source\n";
    const auto row = [&](std::uint32_t i, const std::string& year, const engine::ParameterValue& value, const std::string& where,
                         const std::string& label) {
      const auto& s = specs[i];
      std::cout << csv_field(s.name) << ',' << year << ',' << csv_field(engine::format_value(value)) << ','
                << csv_field(engine::format_value(s.default_value)) << ',' << engine::to_string(s.type) << ',' << csv_field(s.unit) << ','
                << csv_field(range_text(s)) << ',' << csv_field(where) << ',' << csv_field(label) << ',' << csv_field(s.description)
                << ',' << csv_field(s.source) << '\n';
    };
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      if (shown(i)) row(i, "", set.value(i), set_at(scenario, specs[i].name), "");
    }
    for (const auto& c : scenario.schedule) row(c.parameter_index, engine::format_value(c.year), c.value, c.where.to_string(), c.label);
  } else {
    std::cout << "scenario: " << (argument.file ? scenario_path : std::string("reference (the built-in reference neighbourhood)"));
    if (!scenario.description.empty()) std::cout << " — " << scenario.description;
    std::cout << '\n';
    if (scenario.files.size() > 1) {
      std::cout << "extends:";
      for (std::size_t f = 0; f + 1 < scenario.files.size(); ++f) std::cout << ' ' << scenario.files[f] << (f + 2 < scenario.files.size() ? " <-" : "");
      std::cout << '\n';
    }
    std::cout << '\n';
    // Columns as wide as their widest cell; the source last, unpadded.
    std::vector<std::array<std::string, 6>> rows{{"name", "value", "unit", "range", "set at", "source"}};
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      if (!shown(i)) continue;
      const auto& s = specs[i];
      const std::string where = set_at(scenario, s.name);
      rows.push_back({s.name, engine::format_value(set.value(i)), s.unit, range_text(s), where.empty() ? "default" : where, s.source});
    }
    print_columns(rows);
    if (!scenario.schedule.empty()) {
      std::cout << "\nschedule (each change applies from the first week of its year, counted after the warm-up):\n";
      std::vector<std::array<std::string, 6>> changes{{"year", "name", "value", "set at", "label", ""}};
      for (const auto& c : scenario.schedule) {
        changes.push_back({engine::format_value(c.year), specs[c.parameter_index].name, engine::format_value(c.value), c.where.to_string(),
                           c.label, ""});
      }
      print_columns(changes);
    }
  }
  return 0;
}

}  // namespace

Command add_params_command(CLI::App& parent) {
  auto* params = parent.add_subcommand(
      "params",
      "Every model parameter: name, value, unit, range and source (a citation such as S0:L359, a\n"
      "MODEL.md section, or a stated assumption). Given a SCENARIO ('reference', a scenario file, or\n"
      "the name of a shipped scenario such as wraparound), the values it resolves to after its\n"
      "'extends' chain and any --set, where each value a file or --set gave was set\n"
      "(file:line:column; 'default' otherwise), and its schedule of changes during the run.\n"
      "Reads files, runs nothing, writes only stdout. Exit status 1 for a mistake in the scenario,\n"
      "named by file, line and key. (No simulation runs, so threads play no part; where they do, the\n"
      "thread count never changes results.)");
  auto options = std::make_shared<ParamsOptions>();
  params->add_option("scenario", options->scenario, "'reference' (default), a scenario file, or a shipped scenario's name");
  params->add_option("--format", options->format, "Output format (csv and json carry the schedule as rows too)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  params->add_option("--set", options->overrides, "Override a parameter: --set key=value (repeatable)");
  params->add_flag("--only-set", options->only_set, "Only the parameters a scenario file or --set sets");
  return Command{params, [options] { return run_params(*options); }};
}

}  // namespace wijksim::cli
