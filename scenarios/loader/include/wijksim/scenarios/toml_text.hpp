#pragma once
// How the loader words TOML values and declarations in its errors (shared with the sweep-spec
// loader, scenarios/sweep, so both say "found ..." the same way). Needs toml++ (Debian's
// libtomlplusplus-dev): link tomlplusplus::tomlplusplus.
#include <toml++/toml.h>

#include <string>

#include "wijksim/engine/parameters.hpp"

namespace wijksim::scenarios::detail {

/// What a value is, for "found ...": `a string "abc"`, `an array`, `a table`, `an integer 3`,
/// `a number 0.5`, `true`, `a date 2024-01-01`. Long strings are cut to 40 characters.
[[nodiscard]] std::string describe(const toml::node& node);

/// What a parameter accepts, worded as engine::ParameterSetBuilder words it:
/// "a number in [0, 1]", "an integer in [1, 100]", "true or false".
[[nodiscard]] std::string expected_for(const engine::ParameterSpec& spec);

}  // namespace wijksim::scenarios::detail
