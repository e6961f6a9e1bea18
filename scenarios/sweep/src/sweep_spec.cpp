#include "wijksim/sweep/sweep_spec.hpp"

#include <toml++/toml.h>

#include "wijksim/scenarios/toml_text.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "wijksim/engine/text_distance.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

namespace wijksim::sweep {
namespace {

namespace fs = std::filesystem;
using scenarios::ScenarioError;
using scenarios::SourceLocation;
using Kind = scenarios::ScenarioErrorKind;

constexpr const char* kReference = "reference";
constexpr std::size_t kMaxRuns = 10'000'000;

const std::vector<std::string> kTopKeys{"description", "seed", "replicates", "scenario", "design", "set", "arm", "parameter"};
const std::vector<std::string> kDesignKeys{"kind", "points", "base_points", "seed"};
const std::vector<std::string> kArmKeys{"name", "scenario", "set"};
const std::vector<std::string> kParameterKeys{"name", "also", "values", "from", "to", "step", "count",
                                              "distribution", "min", "max", "mean", "sd"};

/// The candidate closest to `name` within max(2, |name| / 4) edits, as the loader suggests.
std::string closest_of(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 4) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = engine::edit_distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& suggestion) {
  return suggestion.empty() ? std::string{} : "did you mean '" + suggestion + "'?";
}


std::string number_text(double v) { return engine::format_value(v); }

/// Reads one spec; throws at the first mistake, in the order keys are written.
class SpecReader {
 public:
  SpecReader(std::string_view text, const fs::path& display) : display_(display.string()), dir_(display.parent_path()) {
    spec_.path = display;
    spec_.text = std::string(text);
    try {
      root_ = toml::parse(text, std::string_view(display_));
    } catch (const toml::parse_error& e) {
      throw ScenarioError(Kind::syntax, at(e.source()), {}, "valid TOML", std::string("a syntax error: ") + std::string(e.description()));
    }
  }

  SweepSpec read() && {
    check_keys(root_, "", kTopKeys);
    if (const auto* node = root_.get("description")) spec_.description = string_of(*node, "description", "a string");
    if (const auto* node = root_.get("seed")) spec_.seed = static_cast<std::uint64_t>(integer_of(*node, "seed", 0, std::numeric_limits<std::int64_t>::max()));
    if (const auto* node = root_.get("replicates")) spec_.replicates = static_cast<int>(integer_of(*node, "replicates", 1, 100'000));
    std::string base_scenario = kReference;
    SourceLocation base_at{display_, 0, 0};
    if (const auto* node = root_.get("scenario")) {
      base_scenario = string_of(*node, "scenario", "a scenario file relative to the spec, or \"reference\"");
      base_at = at(node->source());
    }
    read_design();
    std::vector<SpecOverride> common;
    if (const auto* node = root_.get("set")) common = read_set(*node, "set");
    read_arms(base_scenario, base_at, common);
    read_parameters();
    check_size();
    return std::move(spec_);
  }

 private:
  [[nodiscard]] SourceLocation at(const toml::source_region& region) const {
    return SourceLocation{display_, region.begin.line, region.begin.column};
  }

  void check_keys(const toml::table& table, const std::string& prefix, const std::vector<std::string>& allowed) const {
    for (auto&& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      throw ScenarioError(Kind::unknown_key, at(key.source()), prefix + name,
                          "one of " + list_text(allowed), "an unknown key", did_you_mean(closest_of(name, allowed)));
    }
  }

  static std::string list_text(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : ", ") + names[i];
    return text;
  }

  std::string string_of(const toml::node& node, const std::string& key, const std::string& expected) const {
    const auto* s = node.as_string();
    if (s == nullptr) throw ScenarioError(Kind::wrong_type, at(node.source()), key, expected, scenarios::detail::describe(node));
    return std::string(s->get());
  }

  std::int64_t integer_of(const toml::node& node, const std::string& key, std::int64_t min, std::int64_t max) const {
    const auto* i = node.as_integer();
    const std::string expected = "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    if (i == nullptr) throw ScenarioError(Kind::wrong_type, at(node.source()), key, expected, scenarios::detail::describe(node));
    if (i->get() < min || i->get() > max) throw ScenarioError(Kind::out_of_range, at(node.source()), key, expected, scenarios::detail::describe(node));
    return i->get();
  }

  double number_of(const toml::node& node, const std::string& key) const {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point(); f != nullptr && std::isfinite(f->get())) return f->get();
    throw ScenarioError(Kind::wrong_type, at(node.source()), key, "a finite number", scenarios::detail::describe(node));
  }

  const toml::table& table_of(const toml::node& node, const std::string& key) const {
    const auto* t = node.as_table();
    if (t == nullptr) throw ScenarioError(Kind::wrong_type, at(node.source()), key, "a table", scenarios::detail::describe(node));
    return *t;
  }

  void read_design() {
    const toml::node* node = root_.get("design");
    if (node == nullptr) {
      throw ScenarioError(Kind::missing_key, SourceLocation{display_, 1, 1}, "design",
                          "a [design] table with kind = \"grid\", \"lhs\" or \"saltelli\"", "none");
    }
    const toml::table& design = table_of(*node, "design");
    check_keys(design, "design.", kDesignKeys);
    const toml::node* kind = design.get("kind");
    if (kind == nullptr) {
      throw ScenarioError(Kind::missing_key, at(design.source()), "design.kind", "kind = \"grid\", \"lhs\" or \"saltelli\"", "none");
    }
    const std::string k = string_of(*kind, "design.kind", "\"grid\", \"lhs\" or \"saltelli\"");
    const std::vector<std::string> kinds{"grid", "lhs", "saltelli"};
    if (k == "grid") {
      spec_.design = DesignKind::grid;
    } else if (k == "lhs") {
      spec_.design = DesignKind::lhs;
    } else if (k == "saltelli") {
      spec_.design = DesignKind::saltelli;
    } else {
      throw ScenarioError(Kind::unknown_key, at(kind->source()), "design.kind", "\"grid\", \"lhs\" or \"saltelli\"",
                          scenarios::detail::describe(*kind), did_you_mean(closest_of(k, kinds)));
    }
    const auto refuse = [&](const char* key, const char* why) {
      if (const auto* n = design.get(key)) {
        throw ScenarioError(Kind::unknown_key, at(n->source()), std::string("design.") + key, why, "it in a " + k + " design");
      }
    };
    const auto require = [&](const char* key, const char* what) -> const toml::node& {
      const auto* n = design.get(key);
      if (n == nullptr) throw ScenarioError(Kind::missing_key, at(design.source()), std::string("design.") + key, what, "none");
      return *n;
    };
    spec_.lhs_seed = spec_.seed;
    switch (spec_.design) {
      case DesignKind::grid:
        refuse("points", "no points in a grid (every combination of levels runs)");
        refuse("base_points", "base_points only in a saltelli design");
        refuse("seed", "no seed in a grid");
        break;
      case DesignKind::lhs:
        refuse("base_points", "base_points only in a saltelli design (lhs takes points)");
        spec_.lhs_points = static_cast<std::size_t>(integer_of(require("points", "points = the number of points drawn"), "design.points", 1, 1'000'000));
        if (const auto* s = design.get("seed")) spec_.lhs_seed = static_cast<std::uint64_t>(integer_of(*s, "design.seed", 0, std::numeric_limits<std::int64_t>::max()));
        break;
      case DesignKind::saltelli:
        refuse("points", "base_points in a saltelli design (runs base_points × (parameters + 2) points)");
        refuse("seed", "no seed in a saltelli design (a Sobol sequence)");
        spec_.saltelli_base_points = static_cast<std::size_t>(
            integer_of(require("base_points", "base_points = N (N × (parameters + 2) points)"), "design.base_points", 1, 1'000'000));
        break;
    }
  }

  /// Flattens a [set] table into overrides, each key checked against the registry.
  std::vector<SpecOverride> read_set(const toml::node& node, const std::string& prefix) const {
    std::vector<SpecOverride> out;
    collect_set(table_of(node, prefix), "", prefix, out);
    std::stable_sort(out.begin(), out.end(), [](const SpecOverride& a, const SpecOverride& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    return out;
  }

  void collect_set(const toml::table& table, const std::string& name_prefix, const std::string& key_prefix,
                   std::vector<SpecOverride>& out) const {
    for (auto&& [key, node] : table) {
      const std::string name = name_prefix.empty() ? std::string(key.str()) : name_prefix + "." + std::string(key.str());
      if (const auto* sub = node.as_table()) {
        collect_set(*sub, name, key_prefix, out);
        continue;
      }
      const auto& registry = registry_();
      const auto index = registry.find(name);
      if (!index) {
        throw ScenarioError(Kind::unknown_key, at(key.source()), key_prefix + "." + name, "a declared parameter name",
                            "an unknown name", did_you_mean(registry.closest_name(name)));
      }
      std::string text;
      if (const auto* i = node.as_integer()) {
        text = std::to_string(i->get());
      } else if (const auto* f = node.as_floating_point()) {
        text = number_text(f->get());
      } else if (const auto* b = node.as_boolean()) {
        text = b->get() ? "true" : "false";
      } else {
        throw ScenarioError(Kind::wrong_type, at(node.source()), key_prefix + "." + name,
                            "a number or true/false", scenarios::detail::describe(node));
      }
      out.push_back({name, text, at(node.source())});
    }
  }

  void read_arms(const std::string& base_scenario, const SourceLocation& base_at, const std::vector<SpecOverride>& common) {
    const toml::node* node = root_.get("arm");
    if (node == nullptr) {
      spec_.arms.push_back(make_arm("base", base_scenario, base_at, common));
      return;
    }
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables() || array->empty()) {
      throw ScenarioError(Kind::wrong_type, at(node->source()), "arm", "[[arm]] tables, each with a name", scenarios::detail::describe(*node));
    }
    std::set<std::string> names;
    for (std::size_t a = 0; a < array->size(); ++a) {
      const std::string key = "arm[" + std::to_string(a) + "]";
      const toml::table& table = *array->get(a)->as_table();
      check_keys(table, key + ".", kArmKeys);
      const toml::node* name_node = table.get("name");
      if (name_node == nullptr) throw ScenarioError(Kind::missing_key, at(table.source()), key + ".name", "a name for the arm", "none");
      const std::string name = string_of(*name_node, key + ".name", "a name of letters, digits, '_' or '-'");
      const bool is_valid = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
      });
      if (!is_valid) throw ScenarioError(Kind::wrong_type, at(name_node->source()), key + ".name", "a name of letters, digits, '_' or '-' (at most 64)", scenarios::detail::describe(*name_node));
      if (!names.insert(name).second) throw ScenarioError(Kind::inconsistent, at(name_node->source()), key + ".name", "a name no other arm has", "\"" + name + "\" again");
      std::string scenario = base_scenario;
      SourceLocation scenario_at = base_at;
      if (const auto* s = table.get("scenario")) {
        scenario = string_of(*s, key + ".scenario", "a scenario file relative to the spec, or \"reference\"");
        scenario_at = at(s->source());
      }
      std::vector<SpecOverride> overrides = common;
      if (const auto* s = table.get("set")) {
        auto own = read_set(*s, key + ".set");
        overrides.insert(overrides.end(), own.begin(), own.end());
      }
      spec_.arms.push_back(make_arm(name, scenario, scenario_at, overrides));
    }
  }

  SweepArm make_arm(std::string name, const std::string& scenario, const SourceLocation& where, std::vector<SpecOverride> overrides) const {
    SweepArm arm;
    arm.name = std::move(name);
    arm.scenario = scenario;
    arm.overrides = std::move(overrides);
    if (scenario != kReference) {
      if (scenario.empty()) throw ScenarioError(Kind::file, where, "scenario", "a scenario file or \"reference\"", "an empty string");
      // Absolute and canonical, so that the scenario text (and the spec hash) do not depend on
      // the folder the command was started from.
      std::error_code ec;
      fs::path file = fs::weakly_canonical(fs::absolute(dir_ / fs::path(scenario), ec), ec);
      arm.scenario_file = ec ? (dir_ / fs::path(scenario)).lexically_normal() : file;
    }
    return arm;
  }

  void read_parameters() {
    const toml::node* node = root_.get("parameter");
    if (node == nullptr) {
      throw ScenarioError(Kind::missing_key, SourceLocation{display_, 1, 1}, "parameter",
                          "at least one [[parameter]] table with a name and its values", "none");
    }
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables() || array->empty()) {
      throw ScenarioError(Kind::wrong_type, at(node->source()), "parameter", "[[parameter]] tables", scenarios::detail::describe(*node));
    }
    std::set<std::string> seen;
    for (std::size_t p = 0; p < array->size(); ++p) {
      SweptParameter parameter = read_parameter(*array->get(p)->as_table(), "parameter[" + std::to_string(p) + "]");
      std::vector<std::string> names{parameter.name};
      names.insert(names.end(), parameter.also.begin(), parameter.also.end());
      for (const auto& n : names) {
        if (!seen.insert(n).second) {
          throw ScenarioError(Kind::inconsistent, parameter.where, "parameter[" + std::to_string(p) + "]",
                              "each parameter swept once", "'" + n + "' again");
        }
      }
      spec_.parameters.push_back(std::move(parameter));
    }
    if (spec_.design == DesignKind::saltelli && spec_.parameters.size() > 32) {
      throw ScenarioError(Kind::out_of_range, at(node->source()), "parameter", "at most 32 parameters in a saltelli design",
                          std::to_string(spec_.parameters.size()));
    }
  }

  const engine::ParameterSpec& declared(const toml::node& node, const std::string& key) const {
    const std::string name = string_of(node, key, "a declared parameter name");
    const auto& registry = registry_();
    const auto index = registry.find(name);
    if (!index) {
      throw ScenarioError(Kind::unknown_key, at(node.source()), key, "a declared parameter name",
                          "an unknown name \"" + name + "\"", did_you_mean(registry.closest_name(name)));
    }
    return registry.spec(*index);
  }

  SweptParameter read_parameter(const toml::table& table, const std::string& key) const {
    check_keys(table, key + ".", kParameterKeys);
    SweptParameter p;
    p.where = at(table.source());
    const toml::node* name_node = table.get("name");
    if (name_node == nullptr) throw ScenarioError(Kind::missing_key, p.where, key + ".name", "the name of a declared parameter", "none");
    const engine::ParameterSpec& spec = declared(*name_node, key + ".name");
    p.name = spec.name;
    p.type = spec.type;
    p.where = at(name_node->source());
    if (const auto* also = table.get("also")) {
      const auto* list = also->as_array();
      if (list == nullptr) throw ScenarioError(Kind::wrong_type, at(also->source()), key + ".also", "an array of parameter names", scenarios::detail::describe(*also));
      for (std::size_t i = 0; i < list->size(); ++i) {
        const engine::ParameterSpec& other = declared(*list->get(i), key + ".also[" + std::to_string(i) + "]");
        if (other.type != spec.type) {
          throw ScenarioError(Kind::inconsistent, at(list->get(i)->source()), key + ".also[" + std::to_string(i) + "]",
                              "a parameter of the same type as '" + spec.name + "' (" + std::string(engine::to_string(spec.type)) + ")",
                              "'" + other.name + "' (" + std::string(engine::to_string(other.type)) + ")");
        }
        p.also.push_back(other.name);
      }
    }
    const auto get = [&](const char* k) { return table.get(k); };
    const auto check_value = [&](double v, const toml::node& node, const std::string& k) {
      const bool is_integer = spec.type == engine::ParameterType::integer;
      const std::string expected = (is_integer ? "an integer in [" : "a number in [") + number_text(spec.min) + ", " + number_text(spec.max) +
                                   "] (declared range of " + spec.name + ")";
      if (is_integer && std::trunc(v) != v) throw ScenarioError(Kind::wrong_type, at(node.source()), k, expected, scenarios::detail::describe(node));
      if (v < spec.min || v > spec.max) throw ScenarioError(Kind::out_of_range, at(node.source()), k, expected, scenarios::detail::describe(node));
    };
    const toml::node* values = get("values");
    const toml::node* from = get("from");
    const toml::node* distribution = get("distribution");
    const int forms = (values != nullptr) + (from != nullptr || get("to") != nullptr) + (distribution != nullptr);
    if (forms != 1) {
      throw ScenarioError(forms == 0 ? Kind::missing_key : Kind::inconsistent, p.where, key,
                          "exactly one of: values = [...], from/to (with step or count), distribution",
                          forms == 0 ? "none" : "more than one");
    }
    const auto refuse_others = [&](std::initializer_list<const char*> keys, const std::string& why) {
      for (const char* k : keys) {
        if (const auto* n = get(k)) throw ScenarioError(Kind::inconsistent, at(n->source()), key + "." + k, why, "'" + std::string(k) + "'");
      }
    };
    if (spec.type == engine::ParameterType::flag && values == nullptr) {
      throw ScenarioError(Kind::wrong_type, p.where, key, "values = [true, false] for a flag", "a range or distribution");
    }
    if (values != nullptr) {
      refuse_others({"step", "count", "min", "max", "mean", "sd"}, "nothing else with values = [...]");
      const auto* list = values->as_array();
      if (list == nullptr || list->empty()) throw ScenarioError(Kind::wrong_type, at(values->source()), key + ".values", "a non-empty array", scenarios::detail::describe(*values));
      for (std::size_t i = 0; i < list->size(); ++i) {
        const toml::node& v = *list->get(i);
        const std::string k = key + ".values[" + std::to_string(i) + "]";
        if (spec.type == engine::ParameterType::flag) {
          const auto* b = v.as_boolean();
          if (b == nullptr) throw ScenarioError(Kind::wrong_type, at(v.source()), k, "true or false", scenarios::detail::describe(v));
          p.levels.push_back(b->get() ? 1.0 : 0.0);
        } else {
          const double x = number_of(v, k);
          check_value(x, v, k);
          p.levels.push_back(x);
        }
      }
      p.form = ValueForm::levels;
      return p;
    }
    if (from != nullptr || get("to") != nullptr) {
      refuse_others({"min", "max", "mean", "sd"}, "from/to with step or count only");
      const toml::node* to = get("to");
      if (from == nullptr || to == nullptr) {
        throw ScenarioError(Kind::missing_key, p.where, key + (from == nullptr ? ".from" : ".to"), "both from and to", "only one");
      }
      p.low = number_of(*from, key + ".from");
      p.high = number_of(*to, key + ".to");
      check_value(p.low, *from, key + ".from");
      check_value(p.high, *to, key + ".to");
      if (p.high < p.low) throw ScenarioError(Kind::inconsistent, at(to->source()), key + ".to", "at least from (" + number_text(p.low) + ")", number_text(p.high));
      const toml::node* step = get("step");
      const toml::node* count = get("count");
      if (step != nullptr && count != nullptr) throw ScenarioError(Kind::inconsistent, at(count->source()), key + ".count", "step or count, not both", "both");
      if (step != nullptr) {
        const double s = number_of(*step, key + ".step");
        if (!(s > 0.0)) throw ScenarioError(Kind::out_of_range, at(step->source()), key + ".step", "a number above 0", scenarios::detail::describe(*step));
        if (spec.type == engine::ParameterType::integer && std::trunc(s) != s) throw ScenarioError(Kind::wrong_type, at(step->source()), key + ".step", "an integer step for an integer parameter", scenarios::detail::describe(*step));
        const double n = std::floor((p.high - p.low) / s + 1e-9);
        if (n > 1e6) throw ScenarioError(Kind::out_of_range, at(step->source()), key + ".step", "at most 1,000,000 levels", number_text(n + 1) + " levels");
        for (std::size_t i = 0; i <= static_cast<std::size_t>(n); ++i) p.levels.push_back(std::min(p.high, p.low + static_cast<double>(i) * s));
        p.form = ValueForm::levels;
      } else if (count != nullptr) {
        const auto c = static_cast<std::size_t>(integer_of(*count, key + ".count", 1, 1'000'000));
        for (std::size_t i = 0; i < c; ++i) {
          double v = c == 1 ? p.low : p.low + (p.high - p.low) * static_cast<double>(i) / static_cast<double>(c - 1);
          if (spec.type == engine::ParameterType::integer) v = std::round(v);
          if (p.levels.empty() || p.levels.back() != v) p.levels.push_back(v);
        }
        p.form = ValueForm::levels;
      } else {
        p.form = ValueForm::uniform;
      }
      return p;
    }
    // A distribution.
    refuse_others({"step", "count"}, "no step or count with a distribution");
    const std::string d = string_of(*distribution, key + ".distribution", "\"uniform\", \"loguniform\" or \"normal\"");
    const std::vector<std::string> kinds{"uniform", "loguniform", "normal"};
    const auto bound = [&](const char* k, double fallback) {
      const toml::node* n = get(k);
      if (n == nullptr) return fallback;
      const double v = number_of(*n, key + "." + k);
      check_value(v, *n, key + "." + k);
      return v;
    };
    if (d == "uniform" || d == "loguniform") {
      refuse_others({"mean", "sd"}, "min and max with a " + d + " distribution");
      for (const char* k : {"min", "max"}) {
        if (get(k) == nullptr) throw ScenarioError(Kind::missing_key, at(distribution->source()), key + "." + k, std::string(k) + " of the " + d + " distribution", "none");
      }
      p.low = bound("min", spec.min);
      p.high = bound("max", spec.max);
      p.form = d == "uniform" ? ValueForm::uniform : ValueForm::log_uniform;
      if (p.form == ValueForm::log_uniform && !(p.low > 0.0)) {
        throw ScenarioError(Kind::out_of_range, at(get("min")->source()), key + ".min", "a number above 0 for loguniform", number_text(p.low));
      }
    } else if (d == "normal") {
      for (const char* k : {"mean", "sd"}) {
        if (get(k) == nullptr) throw ScenarioError(Kind::missing_key, at(distribution->source()), key + "." + k, std::string(k) + " of the normal distribution", "none");
      }
      p.mean = number_of(*get("mean"), key + ".mean");
      p.sd = number_of(*get("sd"), key + ".sd");
      if (!(p.sd > 0.0)) throw ScenarioError(Kind::out_of_range, at(get("sd")->source()), key + ".sd", "a number above 0", scenarios::detail::describe(*get("sd")));
      p.low = bound("min", spec.min);
      p.high = bound("max", spec.max);
      p.form = ValueForm::normal;
    } else {
      throw ScenarioError(Kind::unknown_key, at(distribution->source()), key + ".distribution", "\"uniform\", \"loguniform\" or \"normal\"",
                          scenarios::detail::describe(*distribution), did_you_mean(closest_of(d, kinds)));
    }
    if (p.high < p.low) throw ScenarioError(Kind::inconsistent, at(distribution->source()), key + ".max", "at least min (" + number_text(p.low) + ")", number_text(p.high));
    return p;
  }

  void check_size() const {
    double points = 1.0;
    switch (spec_.design) {
      case DesignKind::grid:
        for (const auto& p : spec_.parameters) {
          if (p.form != ValueForm::levels) {
            throw ScenarioError(Kind::inconsistent, p.where, p.name, "levels in a grid: values = [...], or from/to with step or count",
                                "a continuous range or distribution (use design kind \"lhs\" or \"saltelli\")");
          }
          points *= static_cast<double>(p.levels.size());
        }
        break;
      case DesignKind::lhs:
        points = static_cast<double>(spec_.lhs_points);
        break;
      case DesignKind::saltelli:
        points = static_cast<double>(spec_.saltelli_base_points) * static_cast<double>(spec_.parameters.size() + 2);
        break;
    }
    const double runs = points * static_cast<double>(spec_.arms.size()) * spec_.replicates;
    if (runs > static_cast<double>(kMaxRuns)) {
      throw ScenarioError(Kind::out_of_range, SourceLocation{display_, 0, 0}, "design",
                          "at most " + std::to_string(kMaxRuns) + " runs (points × arms × replicates)", number_text(runs) + " runs");
    }
  }

  static const engine::ParameterRegistry& registry_() { return *scenarios::model_parameters().registry(); }

  std::string display_;
  fs::path dir_;
  toml::table root_;
  SweepSpec spec_;
};

}  // namespace

std::string_view to_string(DesignKind kind) noexcept {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::lhs:
      return "lhs";
    case DesignKind::saltelli:
      return "saltelli";
  }
  return "?";
}

SweepSpec parse_sweep_spec(std::string_view text, const fs::path& display_path) {
  return SpecReader(text, display_path).read();
}

SweepSpec load_sweep_spec(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw ScenarioError(Kind::file, SourceLocation{path.string(), 0, 0}, {}, "a sweep spec file (TOML)", "a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(Kind::file, SourceLocation{path.string(), 0, 0}, {}, "a readable sweep spec file (TOML)", "no such file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_sweep_spec(text.str(), path);
}

}  // namespace wijksim::sweep
