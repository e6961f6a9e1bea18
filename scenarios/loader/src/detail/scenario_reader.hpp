#pragma once
// Internal: reads scenario sources into a ParameterSetBuilder in the order they apply (the base
// of an `extends` chain first, each file top to bottom, then command-line overrides), keeping
// where each value came from; then checks schedule years and constraints and freezes.
// One reader serves one load; not thread-safe; throws ScenarioError at the first mistake.
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/scenarios/loader_options.hpp"
#include "wijksim/scenarios/scenario.hpp"
#include "wijksim/scenarios/source_location.hpp"

namespace wijksim::scenarios::detail {

class ScenarioReader {
 public:
  /// Throws std::invalid_argument for a null registry, an undeclared or flag horizon
  /// parameter, or a constraint with an undeclared key or no check.
  ScenarioReader(std::shared_ptr<const engine::ParameterRegistry> registry,
                 const LoaderOptions& options);

  /// Reads the file at `path` after the files it extends. `named_at` is the value that named
  /// it and `naming_key` that value's key (`extends`, `schedule[0].apply`); std::nullopt for
  /// the file the user asked for.
  void read_file(const std::filesystem::path& path, const std::optional<SourceLocation>& named_at,
                 const std::string& naming_key = "extends");
  /// Reads `text` as if it were the file `display_path`.
  void read_text(std::string_view text, const std::string& display_path);
  /// Applies LoaderOptions::overrides, after every file.
  void apply_overrides();
  /// Checks schedule years against the horizon and every constraint, then freezes.
  [[nodiscard]] Scenario finish() &&;

 private:
  /// A key of a scenario table, flattened to its dotted parameter name.
  struct Entry {
    enum class What : std::uint8_t { value, empty_key, unknown_topic };
    What what = What::value;
    std::string name;      ///< dotted parameter name
    std::string key_path;  ///< as shown in errors: the name, or "schedule[0].set.<name>"
    const toml::node* node = nullptr;
    SourceLocation key_at;
    SourceLocation value_at;
    bool is_top_level = false;  ///< a bare key at the top of a file, where reserved keys live
  };
  /// Where a parameter was last set; `order` grows in the order settings apply.
  struct Setting {
    std::uint64_t order = 0;
    SourceLocation where;
  };
  /// A validated change whose year is checked once the horizon is known.
  struct PendingChange {
    ScheduledChange change;
    std::string year_key;
    SourceLocation year_at;
    std::string year_detail;  ///< how an applied change got its year, for errors
  };
  struct ChainLink {
    std::filesystem::path identity;  ///< canonical path, to find cycles
    std::string display;
  };

  void read_document(std::string_view text, const std::string& display,
                     std::filesystem::path identity);
  void read_extends(const toml::table& root, const std::string& display);
  void read_description(const toml::table& root, const std::string& display);
  void read_schedule(const toml::table& root, const std::string& display);
  void read_schedule_entry(const toml::table& entry, const std::string& entry_path,
                           const std::string& display);
  /// A schedule entry's `apply`: the named scenario replayed from the entry's year — every
  /// parameter it (and the files it extends) sets, then its own schedule shifted by that year.
  void read_schedule_apply(const toml::node& node, double year, const std::string& label,
                           const std::string& entry_path, const SourceLocation& year_at,
                           const std::string& display);

  void collect(const toml::table& table, const std::string& prefix, const std::string& path_prefix,
               const std::string& file, bool is_document_root, std::vector<Entry>& out) const;
  /// Throws for an empty key, an unknown topic or name, or a value that is not a number or
  /// flag; otherwise returns the parameter's index and the value as written.
  [[nodiscard]] std::pair<std::uint32_t, engine::ParameterValue> resolve(const Entry& entry) const;
  /// builder.set, with the engine's type and range errors re-thrown at the entry's value.
  static void set_checked(engine::ParameterSetBuilder& builder, const Entry& entry,
                          std::uint32_t index, const engine::ParameterValue& value);
  void apply(const Entry& entry);

  void check_years() const;
  void check_constraints(const engine::ParameterSet& set,
                         const std::vector<std::optional<Setting>>& last_set,
                         const std::string& when) const;

  std::shared_ptr<const engine::ParameterRegistry> registry_;
  const LoaderOptions& options_;
  std::optional<std::uint32_t> horizon_index_;
  std::vector<std::string> topics_;  ///< every proper dotted prefix of a declared name
  engine::ParameterSetBuilder builder_;
  engine::ParameterSetBuilder scratch_;  ///< validates scheduled values; its contents are unused
  std::vector<std::optional<Setting>> last_set_;  ///< by parameter index
  std::uint64_t next_order_ = 1;
  std::vector<ChainLink> chain_;
  std::vector<PendingChange> pending_;
  std::vector<std::string> files_;
  std::string text_;
  std::string description_;
  /// Files whose reading is under way (the `extends` stack, and for a reader of an applied file
  /// every file its applying readers are reading): an `apply` that reaches one of them again
  /// would never end.
  std::vector<ChainLink> open_;
  std::vector<ChainLink> applying_;  ///< the open files of the readers that applied this one
};

}  // namespace wijksim::scenarios::detail
