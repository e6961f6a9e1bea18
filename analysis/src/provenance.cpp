#include "wijksim/analysis/provenance.hpp"

#include <hdf5_hl.h>

#include <cstdio>
#include <set>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/read_series.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "YYYY-MM-DDTHH:MM:SS[.fraction]Z"
bool is_iso8601_utc(const std::string& text) {
  constexpr std::string_view kPattern = "dddd-dd-ddTdd:dd:dd";
  if (text.size() < kPattern.size() + 1 || text.back() != 'Z') return false;
  for (std::size_t i = 0; i < kPattern.size(); ++i) {
    if (kPattern[i] == 'd' ? !is_digit(text[i]) : text[i] != kPattern[i]) return false;
  }
  const std::string_view rest(text.data() + kPattern.size(), text.size() - kPattern.size() - 1);
  if (rest.empty()) return true;
  if (rest.size() < 2 || rest.front() != '.') return false;
  for (const char c : rest.substr(1)) {
    if (!is_digit(c)) return false;
  }
  return true;
}

void write_string_column(const Group& group, std::string_view name,
                         const std::vector<std::string>& values, const Node& dimension,
                         const VariableAttributes& attributes) {
  const std::string key(name);
  const std::string where = group.file_path() + ":" + group.child_path(name);
  const DatatypeHandle type = detail::utf8_string_type();
  const hsize_t extent = values.size();
  const DataspaceHandle space(
      check_id(H5Screate_simple(1, &extent, &extent), where, "cannot make a dataspace"));
  ObjectHandle dataset(
      check_id(H5Dcreate2(group.id(), key.c_str(), type.get(), space.get(), detail::default_plist(),
                          detail::default_plist(), detail::default_plist()),
               where, "cannot create"));
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  if (!values.empty()) {
    check_status(H5Dwrite(dataset.get(), type.get(), detail::all_selection(),
                          detail::all_selection(), detail::default_plist(), pointers.data()),
                 where, "cannot write");
  }
  check_status(H5DSattach_scale(dataset.get(), dimension.id(), 0), where,
               "cannot attach dimension 'parameter'");
  write_variable_attributes(Node(std::move(dataset), group.file_state(), group.child_path(name)),
                            attributes);
}
}  // namespace

void write_provenance(const Group& run, const Provenance& p) {
  detail::quiet_hdf5();
  const std::string where = run.location();
  const auto require = [&](bool ok, const std::string& problem) {
    if (!ok) throw OutputError(where, "provenance: " + problem);
  };
  require(!p.run_id.empty(), "run id is empty");
  require(!p.program_version.empty(), "program version is empty");
  require(p.threads >= 1, "threads is " + std::to_string(p.threads) + ", expected >= 1");
  require(is_iso8601_utc(p.start_time),
          "start time '" + p.start_time + "' is not ISO 8601 UTC (YYYY-MM-DDTHH:MM:SSZ)");
  require(is_iso8601_utc(p.end_time),
          "end time '" + p.end_time + "' is not ISO 8601 UTC (YYYY-MM-DDTHH:MM:SSZ)");
  std::set<std::string> seen;
  for (const auto& parameter : p.parameters) {
    require(!parameter.name.empty(), "a parameter has an empty name");
    require(seen.insert(parameter.name).second,
            "parameter '" + parameter.name + "' is listed twice");
  }

  write_attribute(run, "run_id", p.run_id);
  write_attribute(run, "seed", p.seed);
  write_attribute(run, "scenario_name", p.scenario_name);
  write_attribute(run, "scenario_text", p.scenario_text);
  write_attribute(run, "program_version", p.program_version);
  write_attribute(run, "compiler", p.compiler);
  write_attribute(run, "build_type", p.build_type);
  write_attribute(run, "build_flags", p.build_flags);
  write_attribute(run, "threads", p.threads);
  write_attribute(run, "start_time", p.start_time);
  write_attribute(run, "end_time", p.end_time);

  const Group table = run.require_group("provenance").create_group("parameters");
  write_attribute(table, "description",
                  std::string("fully resolved parameters of the run: value as text, unit, "
                              "source of the value"));
  std::vector<std::string> names, values, units, sources;
  for (const auto& parameter : p.parameters) {
    names.push_back(parameter.name);
    values.push_back(parameter.value);
    units.push_back(parameter.unit);
    sources.push_back(parameter.source);
  }
  const Node dimension = add_dimension(table, "parameter", names, {.long_name = "parameter name"});
  write_string_column(table, "value", values, dimension, {.long_name = "resolved value (text)"});
  write_string_column(table, "unit", units, dimension, {.long_name = "unit"});
  write_string_column(table, "source", sources, dimension,
                      {.long_name = "source of the value (citation, assumption or scenario)"});
}

Provenance read_provenance(const Group& run) {
  Provenance p;
  p.run_id = read_string_attribute(run, "run_id");
  const AttributeValue seed = read_attribute(run, "seed");
  if (const auto* u = std::get_if<std::uint64_t>(&seed)) {
    p.seed = *u;
  } else if (const auto* i = std::get_if<std::int64_t>(&seed); i != nullptr && *i >= 0) {
    p.seed = static_cast<std::uint64_t>(*i);
  } else {
    throw InputFileError(run.location(), "attribute 'seed' is not a non-negative integer");
  }
  p.scenario_name = read_string_attribute(run, "scenario_name");
  p.scenario_text = read_string_attribute(run, "scenario_text");
  p.program_version = read_string_attribute(run, "program_version");
  p.compiler = read_string_attribute(run, "compiler");
  p.build_type = read_string_attribute(run, "build_type");
  p.build_flags = read_string_attribute(run, "build_flags");
  p.threads = read_int_attribute(run, "threads");
  p.start_time = read_string_attribute(run, "start_time");
  p.end_time = read_string_attribute(run, "end_time");

  const Group table = run.open_group("provenance").open_group("parameters");
  const auto names = read_strings(table, "parameter");
  const auto values = read_strings(table, "value");
  const auto units = read_strings(table, "unit");
  const auto sources = read_strings(table, "source");
  if (values.size() != names.size() || units.size() != names.size() ||
      sources.size() != names.size()) {
    throw InputFileError(table.location(), "parameter columns differ in length");
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    p.parameters.push_back({names[i], values[i], units[i], sources[i]});
  }
  return p;
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date(days);
  const std::chrono::hh_mm_ss clock(seconds - days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return buffer;
}

}  // namespace wijksim::analysis
