// `wijksim params`: every model parameter with its value, unit, range and source.
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/json_writer.hpp"
#include "wijksim/models/model_parameters.hpp"

namespace wijksim::cli {
namespace {

std::string range_text(const engine::ParameterSpec& spec) {
  if (spec.type == engine::ParameterType::flag) return "true|false";
  return "[" + engine::format_value(spec.type == engine::ParameterType::integer
                                        ? engine::ParameterValue{static_cast<std::int64_t>(spec.min)}
                                        : engine::ParameterValue{spec.min}) +
         ", " +
         engine::format_value(spec.type == engine::ParameterType::integer
                                  ? engine::ParameterValue{static_cast<std::int64_t>(spec.max)}
                                  : engine::ParameterValue{spec.max}) +
         "]";
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

int run_params(const std::string& format) {
  const models::ModelParameters declared;
  const auto set = declared.defaults();
  const auto& specs = declared.registry()->specs();
  if (format == "json") {
    JsonWriter j;
    j.begin_array();
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      const auto& s = specs[i];
      j.begin_object().key("name").value(s.name).key("value").value(engine::format_value(set.value(i)))
          .key("type").value(engine::to_string(s.type)).key("unit").value(s.unit).key("min").value(s.min)
          .key("max").value(s.max).key("description").value(s.description).key("source").value(s.source).end_object();
    }
    j.end_array();
    std::cout << j.str() << '\n';
  } else if (format == "csv") {
    std::cout << "name,value,type,unit,range,description,source\n";
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      const auto& s = specs[i];
      std::cout << csv_field(s.name) << ',' << csv_field(engine::format_value(set.value(i))) << ','
                << engine::to_string(s.type) << ',' << csv_field(s.unit) << ',' << csv_field(range_text(s)) << ','
                << csv_field(s.description) << ',' << csv_field(s.source) << '\n';
    }
  } else {
    for (std::uint32_t i = 0; i < specs.size(); ++i) {
      const auto& s = specs[i];
      std::cout << std::left << std::setw(48) << s.name << ' ' << std::setw(10) << engine::format_value(set.value(i)) << ' '
                << std::setw(11) << s.unit << ' ' << std::setw(16) << range_text(s) << "  " << s.source << '\n';
    }
  }
  return 0;
}

}  // namespace

Command add_params_command(CLI::App& parent) {
  auto* params = parent.add_subcommand(
      "params", "Every model parameter: name, value, unit, range and source (a citation such as S0:L359,\n"
                "a MODEL.md section, or a stated assumption).");
  auto format = std::make_shared<std::string>("table");
  params->add_option("--format", *format, "Output format")->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
  return Command{params, [format] { return run_params(*format); }};
}

}  // namespace wijksim::cli
