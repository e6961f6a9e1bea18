#include "detail/scenario_reader.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "detail/suggest.hpp"
#include "wijksim/scenarios/toml_text.hpp"
#include "wijksim/engine/error.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

namespace wijksim::scenarios::detail {
namespace {

using Kind = ScenarioErrorKind;
namespace fs = std::filesystem;

constexpr std::string_view kExtends = "extends";
constexpr std::string_view kDescription = "description";
constexpr std::string_view kSchedule = "schedule";
const std::vector<std::string> kReservedKeys{"extends", "description", "schedule"};
constexpr std::string_view kApply = "apply";
const std::vector<std::string> kScheduleFields{"year", "label", "set", "apply"};

SourceLocation at(const toml::source_region& region, const std::string& file) {
  return SourceLocation{file, region.begin.line, region.begin.column};
}

std::string did_you_mean(const std::string& suggestion) {
  return suggestion.empty() ? std::string{} : "did you mean '" + suggestion + "'?";
}

std::string display_key(std::string_view key) {
  return key.empty() ? std::string("\"\"") : std::string(key);
}

std::string join_key(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? display_key(key) : prefix + "." + display_key(key);
}

/// "Error while parsing key-value pair: expected '='" -> "a syntax error while parsing ...".
std::string syntax_found(std::string_view description) {
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (description.substr(0, kPrefix.size()) == kPrefix) {
    return "a syntax error while parsing " + std::string(description.substr(kPrefix.size()));
  }
  return "a syntax error: " + std::string(description);
}

fs::path identity_of(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (!ec) return canonical;
  fs::path absolute = fs::absolute(path, ec);
  return ec ? path.lexically_normal() : absolute.lexically_normal();
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

bool by_position(const SourceLocation& a, const SourceLocation& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

ScenarioReader::ScenarioReader(std::shared_ptr<const engine::ParameterRegistry> registry,
                               const LoaderOptions& options)
    : registry_(registry ? std::move(registry)
                         : throw std::invalid_argument("scenario loader: registry is null")),
      options_(options),
      builder_(registry_),
      scratch_(registry_),
      last_set_(registry_->size()) {
  if (!options_.horizon_parameter.empty()) {
    horizon_index_ = registry_->find(options_.horizon_parameter);
    if (!horizon_index_ || registry_->spec(*horizon_index_).type == engine::ParameterType::flag) {
      throw std::invalid_argument("scenario loader: horizon parameter '" +
                                  options_.horizon_parameter +
                                  "' is not a declared integer or real parameter");
    }
  }
  for (const auto& constraint : options_.constraints) {
    if (!constraint.check) {
      throw std::invalid_argument("scenario loader: constraint '" + constraint.description +
                                  "' has no check");
    }
    for (const auto& key : constraint.keys) {
      if (!registry_->find(key)) {
        throw std::invalid_argument("scenario loader: constraint '" + constraint.description +
                                    "' names undeclared parameter '" + key + "'");
      }
    }
  }
  std::set<std::string> topics;
  for (const auto& spec : registry_->specs()) {
    for (auto dot = spec.name.find('.'); dot != std::string::npos;
         dot = spec.name.find('.', dot + 1)) {
      topics.insert(spec.name.substr(0, dot));
    }
  }
  topics_.assign(topics.begin(), topics.end());
}

void ScenarioReader::read_file(const fs::path& path,
                               const std::optional<SourceLocation>& named_at,
                               const std::string& naming_key) {
  const std::string display = path.string();
  const fs::path identity = identity_of(path);
  const SourceLocation where = named_at.value_or(SourceLocation{display, 0, 0});
  const std::string key = named_at ? naming_key : std::string{};
  const std::string subject = named_at ? " at '" + display + "'" : std::string{};

  const auto applied_again = std::find_if(applying_.begin(), applying_.end(), [&](const ChainLink& link) {
    return link.identity == identity;
  });
  if (applied_again != applying_.end()) {
    throw ScenarioError(Kind::cycle, where, key,
                        "an 'apply' whose scenario does not lead back to a file it is applied from",
                        "a cycle back to " + applied_again->display + ", which is still being read");
  }
  const auto cycle_start = std::find_if(chain_.begin(), chain_.end(), [&](const ChainLink& link) {
    return link.identity == identity;
  });
  if (cycle_start != chain_.end()) {
    std::string chain;
    for (auto link = cycle_start; link != chain_.end(); ++link) chain += link->display + " -> ";
    throw ScenarioError(Kind::cycle, where, key, "a chain of 'extends' that ends in a base file",
                        "a cycle: " + chain + display);
  }

  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    throw ScenarioError(Kind::file, where, key, "a readable scenario file",
                        named_at ? "no file" + subject : "no such file");
  }
  if (fs::is_directory(status)) {
    throw ScenarioError(Kind::file, where, key, "a readable scenario file",
                        "a directory" + subject);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    throw ScenarioError(Kind::file, where, key, "a readable scenario file",
                        "a file that cannot be read" + subject);
  }
  // A scenario is a small text file: read at most kMaxScenarioBytes, so that a device named by
  // mistake (`extends = "/dev/zero"`: tests/fuzz/regressions/) is refused instead of filling memory.
  constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20U;
  std::string contents;
  std::array<char, 65536> chunk{};
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    contents.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (contents.size() > kMaxScenarioBytes) {
      throw ScenarioError(Kind::file, where, key, "a scenario file of at most 16 MiB",
                          "a larger file, or a device" + subject);
    }
  }
  read_document(contents, display, identity);
}

void ScenarioReader::read_text(std::string_view text, const std::string& display_path) {
  read_document(text, display_path, identity_of(display_path));
}

void ScenarioReader::read_document(std::string_view text, const std::string& display,
                                   fs::path identity) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(display));
  } catch (const toml::parse_error& e) {
    throw ScenarioError(Kind::syntax, at(e.source(), display), {}, "valid TOML",
                        syntax_found(e.description()));
  }

  open_.push_back(ChainLink{identity, display});
  chain_.push_back(ChainLink{std::move(identity), display});
  read_extends(root, display);
  chain_.pop_back();

  files_.push_back(display);
  text_ += "# ==== scenario file: " + display + " ====\n";
  text_ += text;
  if (!text.empty() && text.back() != '\n') text_ += '\n';

  read_description(root, display);

  std::vector<Entry> entries;
  collect(root, {}, {}, display, true, entries);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return by_position(a.key_at, b.key_at); });
  for (const auto& entry : entries) apply(entry);

  read_schedule(root, display);
  open_.pop_back();
}

void ScenarioReader::read_extends(const toml::table& root, const std::string& display) {
  const toml::node* node = root.get(kExtends);
  if (node == nullptr) return;
  const SourceLocation where = at(node->source(), display);
  const auto* text = node->as_string();
  if (text == nullptr) {
    throw ScenarioError(Kind::wrong_type, where, std::string(kExtends),
                        "a path to a scenario file, as a string", describe(*node));
  }
  if (text->get().empty()) {
    throw ScenarioError(Kind::file, where, std::string(kExtends), "a path to a scenario file",
                        "an empty string");
  }
  const fs::path parent =
      (fs::path(display).parent_path() / fs::path(text->get())).lexically_normal();
  read_file(parent, where);
}

void ScenarioReader::read_description(const toml::table& root, const std::string& display) {
  const toml::node* node = root.get(kDescription);
  if (node == nullptr) return;
  const auto* text = node->as_string();
  if (text == nullptr) {
    throw ScenarioError(Kind::wrong_type, at(node->source(), display), std::string(kDescription),
                        "a string", describe(*node));
  }
  description_ = text->get();
}

void ScenarioReader::collect(const toml::table& table, const std::string& prefix,
                             const std::string& path_prefix, const std::string& file,
                             bool is_document_root, std::vector<Entry>& out) const {
  for (auto&& [key, node] : table) {
    const std::string_view name_part = key.str();
    if (is_document_root && prefix.empty() &&
        (name_part == kExtends || name_part == kDescription || name_part == kSchedule)) {
      continue;
    }
    Entry entry;
    entry.name = join_key(prefix, name_part);
    entry.key_path = path_prefix.empty() ? entry.name : path_prefix + "." + entry.name;
    entry.node = &node;
    entry.key_at = at(key.source(), file);
    entry.value_at = at(node.source(), file);
    entry.is_top_level = is_document_root && prefix.empty();
    if (name_part.empty()) {
      entry.what = Entry::What::empty_key;
      out.push_back(std::move(entry));
      continue;
    }
    const auto* sub = node.as_table();
    if (sub != nullptr && !registry_->find(entry.name)) {
      const bool is_topic = std::binary_search(topics_.begin(), topics_.end(), entry.name);
      if (sub->empty() && !is_topic) {
        entry.what = Entry::What::unknown_topic;
        out.push_back(std::move(entry));
      } else {
        collect(*sub, entry.name, path_prefix, file, is_document_root, out);
      }
      continue;
    }
    out.push_back(std::move(entry));
  }
}

std::pair<std::uint32_t, engine::ParameterValue> ScenarioReader::resolve(const Entry& entry) const {
  switch (entry.what) {
    case Entry::What::empty_key:
      throw ScenarioError(Kind::unknown_key, entry.key_at, entry.key_path,
                          "a non-empty parameter name", "an empty key");
    case Entry::What::unknown_topic:
      throw ScenarioError(Kind::unknown_key, entry.key_at, entry.key_path,
                          "a declared parameter topic", "an unknown name",
                          did_you_mean(closest_of(entry.name, topics_)));
    case Entry::What::value:
      break;
  }
  const auto index = registry_->find(entry.name);
  if (!index) {
    if (std::binary_search(topics_.begin(), topics_.end(), entry.name)) {
      throw ScenarioError(Kind::wrong_type, entry.value_at, entry.key_path,
                          "a table of '" + entry.name + "' parameters", describe(*entry.node));
    }
    std::string suggestion = registry_->closest_name(entry.name);
    std::string expected = "a declared parameter name";
    if (entry.is_top_level) {
      const std::string reserved = closest_of(entry.name, kReservedKeys);
      if (!reserved.empty() && (suggestion.empty() || edit_distance(entry.name, reserved) <=
                                                          edit_distance(entry.name, suggestion))) {
        suggestion = reserved;
      }
      expected = "a declared parameter name or 'extends', 'description', 'schedule'";
    }
    throw ScenarioError(Kind::unknown_key, entry.key_at, entry.key_path, expected,
                        "an unknown name", did_you_mean(suggestion));
  }
  const toml::node& node = *entry.node;
  if (const auto* v = node.as_integer()) return {*index, v->get()};
  if (const auto* v = node.as_floating_point()) return {*index, v->get()};
  if (const auto* v = node.as_boolean()) return {*index, v->get()};
  throw ScenarioError(Kind::wrong_type, entry.value_at, entry.key_path,
                      expected_for(registry_->spec(*index)), describe(node));
}

void ScenarioReader::set_checked(engine::ParameterSetBuilder& builder, const Entry& entry,
                                 std::uint32_t index, const engine::ParameterValue& value) {
  try {
    builder.set(index, value);
  } catch (const engine::ParameterRangeError& e) {
    throw ScenarioError(Kind::out_of_range, entry.value_at, entry.key_path, e.expected(), e.found(),
                        e.hint());
  } catch (const engine::InputError& e) {
    throw ScenarioError(Kind::wrong_type, entry.value_at, entry.key_path, e.expected(), e.found(),
                        e.hint());
  }
}

void ScenarioReader::apply(const Entry& entry) {
  const auto [index, value] = resolve(entry);
  set_checked(builder_, entry, index, value);
  last_set_[index] = Setting{next_order_++, entry.key_at};
}

void ScenarioReader::read_schedule(const toml::table& root, const std::string& display) {
  const toml::node* node = root.get(kSchedule);
  if (node == nullptr) return;
  const auto* entries = node->as_array();
  if (entries == nullptr || !(entries->empty() || entries->is_array_of_tables())) {
    throw ScenarioError(Kind::wrong_type, at(node->source(), display), std::string(kSchedule),
                        "an array of tables ([[schedule]] entries)", describe(*node));
  }
  for (std::size_t i = 0; i < entries->size(); ++i) {
    read_schedule_entry(*entries->get(i)->as_table(),
                        std::string(kSchedule) + "[" + std::to_string(i) + "]", display);
  }
}

void ScenarioReader::read_schedule_entry(const toml::table& entry, const std::string& entry_path,
                                         const std::string& display) {
  const SourceLocation entry_at = at(entry.source(), display);

  std::vector<std::pair<SourceLocation, std::string>> unknown;
  for (auto&& [key, node] : entry) {
    const std::string field(key.str());
    if (std::find(kScheduleFields.begin(), kScheduleFields.end(), field) == kScheduleFields.end()) {
      unknown.emplace_back(at(key.source(), display), field);
    }
  }
  if (!unknown.empty()) {
    const auto& [where, field] = *std::min_element(
        unknown.begin(), unknown.end(),
        [](const auto& a, const auto& b) { return by_position(a.first, b.first); });
    throw ScenarioError(Kind::unknown_key, where, entry_path + "." + display_key(field),
                        "one of 'year', 'label', 'set', 'apply'", "an unknown name",
                        did_you_mean(closest_of(field, kScheduleFields)));
  }

  const toml::node* year_node = entry.get("year");
  if (year_node == nullptr) {
    throw ScenarioError(Kind::missing_key, entry_at, entry_path + ".year",
                        "a 'year' (years from the start of the run) in every schedule entry",
                        "no 'year'");
  }
  double year = 0.0;
  if (const auto* v = year_node->as_integer()) {
    year = static_cast<double>(v->get());
  } else if (const auto* f = year_node->as_floating_point()) {
    year = f->get();
  } else {
    throw ScenarioError(Kind::wrong_type, at(year_node->source(), display), entry_path + ".year",
                        "a number of years from the start of the run", describe(*year_node));
  }

  std::string label;
  if (const toml::node* label_node = entry.get("label")) {
    const auto* text = label_node->as_string();
    if (text == nullptr) {
      throw ScenarioError(Kind::wrong_type, at(label_node->source(), display),
                          entry_path + ".label", "a string", describe(*label_node));
    }
    label = text->get();
  }

  const toml::node* apply_node = entry.get(kApply);
  const toml::node* set_node = entry.get("set");
  if (set_node == nullptr && apply_node == nullptr) {
    throw ScenarioError(Kind::missing_key, entry_at, entry_path + ".set",
                        "a table 'set' of the parameters to change, or 'apply' naming a scenario file",
                        "no 'set'");
  }
  // The applied file's values first, so that the entry's own `set` wins.
  if (apply_node != nullptr) {
    read_schedule_apply(*apply_node, year, label, entry_path, at(year_node->source(), display), display);
  }
  if (set_node == nullptr) return;
  const auto* set_table = set_node->as_table();
  if (set_table == nullptr) {
    throw ScenarioError(Kind::wrong_type, at(set_node->source(), display), entry_path + ".set",
                        "a table of the parameters to change", describe(*set_node));
  }
  if (set_table->empty()) {
    throw ScenarioError(Kind::missing_key, at(set_node->source(), display), entry_path + ".set",
                        "at least one parameter to change", "an empty table");
  }

  std::vector<Entry> changes;
  collect(*set_table, {}, entry_path + ".set", display, false, changes);
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Entry& a, const Entry& b) { return by_position(a.key_at, b.key_at); });
  for (const auto& change : changes) {
    const auto [index, value] = resolve(change);
    if (index == horizon_index_) {
      throw ScenarioError(Kind::inconsistent, change.key_at, change.key_path,
                          "a parameter that may change during a run",
                          "the run's length, which fixes the horizon of the schedule");
    }
    set_checked(scratch_, change, index, value);
    pending_.push_back(
        PendingChange{ScheduledChange{year, label, index, scratch_.current(index), change.key_at},
                      entry_path + ".year", at(year_node->source(), display), {}});
  }
}

void ScenarioReader::read_schedule_apply(const toml::node& node, double year, const std::string& label,
                                         const std::string& entry_path, const SourceLocation& year_at,
                                         const std::string& display) {
  const std::string key = entry_path + "." + std::string(kApply);
  const SourceLocation where = at(node.source(), display);
  const auto* text = node.as_string();
  if (text == nullptr) {
    throw ScenarioError(Kind::wrong_type, where, key, "a path to a scenario file, as a string",
                        describe(node));
  }
  if (text->get().empty()) {
    throw ScenarioError(Kind::file, where, key, "a path to a scenario file", "an empty string");
  }
  // The applied scenario is read on its own (from the defaults, no overrides, no horizon, no
  // constraints: those are checked on this scenario once its whole schedule is known).
  LoaderOptions applied_options;
  applied_options.horizon_parameter.clear();
  ScenarioReader applied(registry_, applied_options);
  applied.applying_ = applying_;
  applied.applying_.insert(applied.applying_.end(), open_.begin(), open_.end());
  const fs::path path = (fs::path(display).parent_path() / fs::path(text->get())).lexically_normal();
  applied.read_file(path, where, key);

  text_ += "# ==== applied from year " + engine::format_value(year) + " by " + key + " of " +
           display + " ====\n";
  text_ += applied.text_;
  const std::string by = "applied from year " + engine::format_value(year) + " by '" + key + "' of " + display;
  const auto refuse_horizon = [&](std::uint32_t index, const SourceLocation& at_place) {
    if (index != horizon_index_) return;
    throw ScenarioError(Kind::inconsistent, at_place, registry_->spec(index).name,
                        "a parameter that may change during a run",
                        "the run's length, which fixes the horizon of the schedule", "set in a file " + by);
  };
  // Its start values, in the order its chain set them (its base first, each file top to bottom).
  std::vector<std::uint32_t> start_indices;
  for (std::uint32_t index = 0; index < applied.last_set_.size(); ++index) {
    if (applied.last_set_[index]) start_indices.push_back(index);
  }
  std::sort(start_indices.begin(), start_indices.end(), [&](std::uint32_t a, std::uint32_t b) {
    return applied.last_set_[a]->order < applied.last_set_[b]->order;
  });
  for (const std::uint32_t index : start_indices) {
    const SourceLocation& set_at = applied.last_set_[index]->where;
    refuse_horizon(index, set_at);
    pending_.push_back(PendingChange{
        ScheduledChange{year, label, index, applied.builder_.current(index), set_at},
        entry_path + ".year", year_at, {}});
  }
  // Then its schedule, shifted: its year y happens in year `year` + y of this run.
  std::vector<PendingChange> later = std::move(applied.pending_);
  std::stable_sort(later.begin(), later.end(),
                   [](const auto& a, const auto& b) { return a.change.year < b.change.year; });
  for (PendingChange& change : later) {
    refuse_horizon(change.change.parameter_index, change.change.where);
    const double own_year = change.change.year;
    change.change.year += year;
    if (!label.empty()) change.change.label = label;
    change.year_detail = " (year " + engine::format_value(own_year) + " of " + change.year_at.to_string() + ", " + by + ")";
    change.year_key = entry_path + ".year";
    change.year_at = year_at;
    pending_.push_back(std::move(change));
  }
}

void ScenarioReader::apply_overrides() {
  const std::string file(kCommandLine);
  if (!options_.overrides.empty()) text_ += "# ==== " + file + " ====\n";
  for (const auto& argument : options_.overrides) {
    const SourceLocation where{file, 0, 0};
    const auto equals = argument.find('=');
    if (equals == std::string::npos) {
      throw ScenarioError(Kind::syntax, where, {}, "an override 'key=value'", "'" + argument + "'");
    }
    const std::string_view argument_view(argument);
    const std::string key(trim(argument_view.substr(0, equals)));
    const std::string value_text(trim(argument_view.substr(equals + 1)));

    // The value is TOML ("0.5", "true", "[1, 2]"); other text is taken as a string, which
    // every parameter refuses with "found a string ...".
    toml::table parsed;
    const toml::node* value = nullptr;
    try {
      parsed = toml::parse("v = " + value_text, std::string_view(file));
      if (parsed.size() == 1) value = parsed.get("v");
    } catch (const toml::parse_error&) {
      value = nullptr;
    }
    const toml::value<std::string> as_string(value_text);
    if (value == nullptr) value = &as_string;

    Entry entry;
    entry.what = key.empty() ? Entry::What::empty_key : Entry::What::value;
    entry.name = display_key(key);
    entry.key_path = entry.name;
    entry.node = value;
    entry.key_at = where;
    entry.value_at = where;
    apply(entry);
    text_ += key + " = " + value_text + "\n";
  }
}

void ScenarioReader::check_years() const {
  double horizon = std::numeric_limits<double>::infinity();
  std::string expected = "a year from the start of the run, at least 0";
  if (horizon_index_) {
    const engine::ParameterValue& value = builder_.current(*horizon_index_);
    horizon = std::holds_alternative<double>(value)
                  ? std::get<double>(value)
                  : static_cast<double>(std::get<std::int64_t>(value));
    // A change at the horizon itself would take effect after the last simulated week: it
    // could never apply, so it is refused like one beyond it.
    expected = "a year in [0, " + engine::format_value(horizon) + ") (before the horizon, '" +
               options_.horizon_parameter + "')";
  }
  for (const auto& pending : pending_) {
    const double year = pending.change.year;
    if (!(year >= 0.0 && year < horizon)) {
      throw ScenarioError(Kind::out_of_range, pending.year_at, pending.year_key, expected,
                          engine::format_value(year) + pending.year_detail);
    }
  }
}

void ScenarioReader::check_constraints(const engine::ParameterSet& set,
                                       const std::vector<std::optional<Setting>>& last_set,
                                       const std::string& when) const {
  for (const auto& constraint : options_.constraints) {
    const std::optional<std::string> violation = constraint.check(set);
    if (!violation) continue;

    const Setting* latest = nullptr;
    std::string latest_key = constraint.keys.empty() ? std::string{} : constraint.keys.front();
    std::string values;
    for (const auto& key : constraint.keys) {
      const std::uint32_t index = *registry_->find(key);
      const auto& setting = last_set[index];
      if (!values.empty()) values += "; ";
      values += key + " = " + engine::format_value(set.value(index)) +
                (setting ? " set at " + setting->where.to_string() : std::string(" (default)"));
      if (setting && (latest == nullptr || setting->order > latest->order)) {
        latest = &*setting;
        latest_key = key;
      }
    }
    const SourceLocation where =
        latest != nullptr
            ? latest->where
            : SourceLocation{files_.empty() ? std::string(kCommandLine) : files_.back(), 0, 0};
    throw ScenarioError(Kind::inconsistent, where, latest_key, constraint.description,
                        *violation + when, values);
  }
}

Scenario ScenarioReader::finish() && {
  check_years();

  engine::ParameterSet start = engine::ParameterSetBuilder(builder_).freeze();
  check_constraints(start, last_set_, {});

  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const auto& a, const auto& b) { return a.change.year < b.change.year; });

  if (!options_.constraints.empty()) {
    engine::ParameterSetBuilder during(builder_);
    std::vector<std::optional<Setting>> last_set = last_set_;
    std::uint64_t order = next_order_;
    for (std::size_t i = 0; i < pending_.size();) {
      const double year = pending_[i].change.year;
      std::string when = " from year " + engine::format_value(year);
      for (; i < pending_.size() && pending_[i].change.year == year; ++i) {
        const ScheduledChange& change = pending_[i].change;
        during.set(change.parameter_index, change.value);
        last_set[change.parameter_index] = Setting{order++, change.where};
        if (!change.label.empty() && when.find("'" + change.label + "'") == std::string::npos) {
          when += " ('" + change.label + "')";
        }
      }
      check_constraints(engine::ParameterSetBuilder(during).freeze(), last_set,
                        when + " of the schedule");
    }
  }

  Scenario scenario;
  scenario.parameters = std::move(start);
  scenario.schedule.reserve(pending_.size());
  for (auto& pending : pending_) scenario.schedule.push_back(std::move(pending.change));
  scenario.files = std::move(files_);
  scenario.text = std::move(text_);
  scenario.description = std::move(description_);
  for (std::uint32_t i = 0; i < last_set_.size(); ++i) {
    if (last_set_[i]) scenario.where_set.emplace(registry_->spec(i).name, last_set_[i]->where);
  }
  return scenario;
}

}  // namespace wijksim::scenarios::detail
