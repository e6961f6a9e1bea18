#include "wijksim/engine/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/text_distance.hpp"

namespace wijksim::engine {
namespace {

std::string format_number(double v) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

std::string range_text(const ParameterSpec& spec) {
  if (spec.type == ParameterType::integer) {
    return "an integer in [" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
  }
  return "a number in [" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
}

std::string item(const ParameterSpec& spec) {
  return "parameter '" + spec.name + "'" + (spec.unit.empty() || spec.unit == "-" ? "" : " (" + spec.unit + ")");
}

std::string_view last_segment(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(dot + 1);
}

}  // namespace

std::string_view to_string(ParameterType type) noexcept {
  switch (type) {
    case ParameterType::real: return "real";
    case ParameterType::integer: return "integer";
    case ParameterType::flag: return "flag";
  }
  return "?";
}

std::string format_value(const ParameterValue& value) {
  if (const auto* d = std::get_if<double>(&value)) return format_number(*d);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  return std::get<bool>(value) ? "true" : "false";
}

std::uint32_t ParameterRegistry::add(ParameterSpec spec) {
  if (find(spec.name)) throw DeclarationError("parameter '" + spec.name + "' declared twice");
  if (spec.name.empty()) throw DeclarationError("a parameter needs a name");
  if (spec.source.empty()) {
    throw DeclarationError("parameter '" + spec.name +
                           "' has no source: give a citation (S3:L226) or 'assumption: why'");
  }
  if (spec.unit.empty()) throw DeclarationError("parameter '" + spec.name + "' has no unit ('-' if none)");
  if (spec.type != ParameterType::flag) {
    const double d = spec.type == ParameterType::real
                         ? std::get<double>(spec.default_value)
                         : static_cast<double>(std::get<std::int64_t>(spec.default_value));
    if (!(spec.min <= spec.max)) {
      throw DeclarationError("parameter '" + spec.name + "': min " + format_number(spec.min) +
                             " > max " + format_number(spec.max));
    }
    if (!(d >= spec.min && d <= spec.max)) {
      throw DeclarationError("parameter '" + spec.name + "': default " + format_number(d) +
                             " outside its own range [" + format_number(spec.min) + ", " +
                             format_number(spec.max) + "]");
    }
  }
  specs_.push_back(std::move(spec));
  return static_cast<std::uint32_t>(specs_.size() - 1);
}

ParameterKey<double> ParameterRegistry::declare_real(std::string name, std::string unit,
                                                     std::string description, double default_value,
                                                     double min, double max, std::string source) {
  return {add(ParameterSpec{std::move(name), ParameterType::real, std::move(unit),
                            std::move(description), default_value, min, max, std::move(source)})};
}

ParameterKey<std::int64_t> ParameterRegistry::declare_integer(std::string name, std::string unit,
                                                              std::string description,
                                                              std::int64_t default_value,
                                                              std::int64_t min, std::int64_t max,
                                                              std::string source) {
  return {add(ParameterSpec{std::move(name), ParameterType::integer, std::move(unit),
                            std::move(description), default_value, static_cast<double>(min),
                            static_cast<double>(max), std::move(source)})};
}

ParameterKey<bool> ParameterRegistry::declare_flag(std::string name, std::string description,
                                                   bool default_value, std::string source) {
  return {add(ParameterSpec{std::move(name), ParameterType::flag, "-", std::move(description),
                            default_value, 0.0, 1.0, std::move(source)})};
}

std::optional<std::uint32_t> ParameterRegistry::find(std::string_view name) const noexcept {
  for (std::uint32_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].name == name) return i;
  }
  return std::nullopt;
}

std::string ParameterRegistry::closest_name(std::string_view name) const {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 4) + 1;
  for (const auto& spec : specs_) {
    const std::size_t d = edit_distance(name, spec.name);
    if (d < best_distance) {
      best_distance = d;
      best = spec.name;
    }
  }
  if (best.empty()) {  // right key under the wrong topic: same last segment
    for (const auto& spec : specs_) {
      if (last_segment(spec.name) == last_segment(name)) return spec.name;
    }
  }
  return best;
}

const ParameterValue& ParameterSet::value(std::string_view name) const {
  const auto index = registry_->find(name);
  if (!index) throw UnknownParameterError(std::string(name), registry_->closest_name(name));
  return values_[*index];
}

bool ParameterSet::is_default(std::uint32_t index) const {
  return values_.at(index) == registry_->spec(index).default_value;
}

ParameterSetBuilder::ParameterSetBuilder(std::shared_ptr<const ParameterRegistry> registry)
    : registry_(std::move(registry)) {
  values_.reserve(registry_->size());
  for (const auto& spec : registry_->specs()) values_.push_back(spec.default_value);
}

ParameterSetBuilder::ParameterSetBuilder(const ParameterSet& start)
    : registry_(start.registry_), values_(start.values_) {}

ParameterSetBuilder& ParameterSetBuilder::set(std::string_view name, const ParameterValue& value) {
  const auto index = registry_->find(name);
  if (!index) throw UnknownParameterError(std::string(name), registry_->closest_name(name));
  return set(*index, value);
}

ParameterSetBuilder& ParameterSetBuilder::set(std::uint32_t index, const ParameterValue& value) {
  const ParameterSpec& spec = registry_->spec(index);
  const bool is_flag = std::holds_alternative<bool>(value);
  switch (spec.type) {
    case ParameterType::flag:
      if (!is_flag) throw ParameterTypeError(item(spec), "true or false", format_value(value));
      values_[index] = value;
      return *this;
    case ParameterType::integer: {
      if (is_flag) throw ParameterTypeError(item(spec), range_text(spec), format_value(value));
      std::int64_t v = 0;
      if (const auto* d = std::get_if<double>(&value)) {
        if (!std::isfinite(*d) || std::trunc(*d) != *d || std::fabs(*d) > 9.0e15) {
          throw ParameterTypeError(item(spec), "an integer", format_value(value));
        }
        v = static_cast<std::int64_t>(*d);
      } else {
        v = std::get<std::int64_t>(value);
      }
      if (static_cast<double>(v) < spec.min || static_cast<double>(v) > spec.max) {
        throw ParameterRangeError(item(spec), range_text(spec), std::to_string(v));
      }
      values_[index] = v;
      return *this;
    }
    case ParameterType::real: {
      if (is_flag) throw ParameterTypeError(item(spec), range_text(spec), format_value(value));
      const double v = std::holds_alternative<double>(value)
                           ? std::get<double>(value)
                           : static_cast<double>(std::get<std::int64_t>(value));
      if (!(v >= spec.min && v <= spec.max)) {  // also refuses NaN
        throw ParameterRangeError(item(spec), range_text(spec), format_number(v));
      }
      values_[index] = v;
      return *this;
    }
  }
  return *this;
}

ParameterSet ParameterSetBuilder::freeze() && {
  ParameterSet set;
  set.registry_ = std::move(registry_);
  set.values_ = std::move(values_);
  return set;
}

}  // namespace wijksim::engine
