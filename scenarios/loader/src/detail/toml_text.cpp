#include "wijksim/scenarios/toml_text.hpp"

#include <sstream>

namespace wijksim::scenarios::detail {
namespace {

constexpr std::size_t kMaxQuoted = 40;

template <class T>
std::string streamed(const T& value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string text(node.as_string()->get());
      if (text.size() > kMaxQuoted) text = text.substr(0, kMaxQuoted) + "...";
      return "a string \"" + text + "\"";
    }
    case toml::node_type::integer:
      return "an integer " + std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point:
      return "a number " + engine::format_value(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::array:
      return node.is_array_of_tables() && !node.as_array()->empty() ? "an array of tables"
                                                                    : "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date " + streamed(node.as_date()->get());
    case toml::node_type::time:
      return "a time " + streamed(node.as_time()->get());
    case toml::node_type::date_time:
      return "a date-time " + streamed(node.as_date_time()->get());
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string expected_for(const engine::ParameterSpec& spec) {
  switch (spec.type) {
    case engine::ParameterType::flag:
      return "true or false";
    case engine::ParameterType::integer:
      return "an integer in [" + engine::format_value(spec.min) + ", " +
             engine::format_value(spec.max) + "]";
    case engine::ParameterType::real:
      return "a number in [" + engine::format_value(spec.min) + ", " +
             engine::format_value(spec.max) + "]";
  }
  return "a value";
}

}  // namespace wijksim::scenarios::detail
