#pragma once
// The parameter registry: each parameter is declared once — name, type, unit, description,
// default, inclusive range and source — and that one declaration feeds scenario keys,
// `wijksim params` and the metadata of every output file (STYLE.md habit 3).
//
// Life cycle (describe, validate, freeze, run):
//   ParameterRegistry r;  auto drift = r.declare_real("needs.drift_rate", "1/week", ..., "S1:L40");
//   ParameterSetBuilder b(registry_ptr);  b.set("needs.drift_rate", 0.02);   // validated now
//   const ParameterSet p = std::move(b).freeze();                           // immutable
//   double rate = p.get(drift);                                             // no string lookup
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace wijksim::engine {

enum class ParameterType : std::uint8_t { real, integer, flag };
using ParameterValue = std::variant<double, std::int64_t, bool>;

[[nodiscard]] std::string_view to_string(ParameterType type) noexcept;
/// Shortest text that reads back as the same value ("0.1", "52", "true").
[[nodiscard]] std::string format_value(const ParameterValue& value);

struct ParameterSpec {
  std::string name;         ///< dotted, topic first: "informal.ask_base_probability"
  ParameterType type = ParameterType::real;
  std::string unit;         ///< "1/week", "hours/week", "fraction", "years", "count", "-"
  std::string description;  ///< one line, what it means in the model
  ParameterValue default_value;
  double min = 0.0;         ///< inclusive; ignored for flags
  double max = 0.0;         ///< inclusive; ignored for flags
  std::string source;       ///< a citation ("S0:L353") or "assumption: <reason>"
};

/// A typed handle to a declared parameter, for lookups without strings.
template <class T>
struct ParameterKey {
  std::uint32_t index = 0;
};

class ParameterRegistry {
 public:
  /// Each declare_* throws DeclarationError for a duplicate name, an empty source or unit,
  /// min > max, or a default outside [min, max].
  ParameterKey<double> declare_real(std::string name, std::string unit, std::string description,
                                    double default_value, double min, double max,
                                    std::string source);
  ParameterKey<std::int64_t> declare_integer(std::string name, std::string unit,
                                             std::string description, std::int64_t default_value,
                                             std::int64_t min, std::int64_t max,
                                             std::string source);
  ParameterKey<bool> declare_flag(std::string name, std::string description, bool default_value,
                                  std::string source);

  [[nodiscard]] std::size_t size() const noexcept { return specs_.size(); }
  [[nodiscard]] const ParameterSpec& spec(std::uint32_t index) const { return specs_.at(index); }
  [[nodiscard]] const std::vector<ParameterSpec>& specs() const noexcept { return specs_; }
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view name) const noexcept;
  /// The declared name closest to `name` (edit distance, or same last segment), or "" if
  /// none is close enough to be a plausible typo.
  [[nodiscard]] std::string closest_name(std::string_view name) const;

 private:
  std::uint32_t add(ParameterSpec spec);
  std::vector<ParameterSpec> specs_;
};

/// A resolved, immutable set of values for every declared parameter.
class ParameterSet {
 public:
  [[nodiscard]] double get(ParameterKey<double> key) const { return std::get<double>(values_.at(key.index)); }
  [[nodiscard]] std::int64_t get(ParameterKey<std::int64_t> key) const {
    return std::get<std::int64_t>(values_.at(key.index));
  }
  [[nodiscard]] bool get(ParameterKey<bool> key) const { return std::get<bool>(values_.at(key.index)); }

  [[nodiscard]] const ParameterValue& value(std::uint32_t index) const { return values_.at(index); }
  /// Value by name; throws UnknownParameterError (with a suggestion) for an unknown name.
  [[nodiscard]] const ParameterValue& value(std::string_view name) const;
  [[nodiscard]] bool is_default(std::uint32_t index) const;
  [[nodiscard]] const ParameterRegistry& registry() const noexcept { return *registry_; }

 private:
  friend class ParameterSetBuilder;
  std::shared_ptr<const ParameterRegistry> registry_;
  std::vector<ParameterValue> values_;
};

/// Collects values (starting from the defaults), validating each as it is set.
class ParameterSetBuilder {
 public:
  explicit ParameterSetBuilder(std::shared_ptr<const ParameterRegistry> registry);
  /// Starts from the values of an existing set (to derive a changed set, e.g. a scheduled
  /// policy change).
  explicit ParameterSetBuilder(const ParameterSet& start);

  /// Throws UnknownParameterError (with the closest name), ParameterTypeError (a fraction for
  /// an integer, a number for a flag, a flag for a number) or ParameterRangeError (naming the
  /// inclusive range and the value found). Integers are accepted for real parameters.
  ParameterSetBuilder& set(std::string_view name, const ParameterValue& value);
  ParameterSetBuilder& set(std::uint32_t index, const ParameterValue& value);

  [[nodiscard]] const ParameterValue& current(std::uint32_t index) const { return values_.at(index); }
  [[nodiscard]] ParameterSet freeze() &&;

 private:
  std::shared_ptr<const ParameterRegistry> registry_;
  std::vector<ParameterValue> values_;
};

}  // namespace wijksim::engine
