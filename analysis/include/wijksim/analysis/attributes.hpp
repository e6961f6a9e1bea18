#pragma once
// Attributes on groups and datasets: the metadata of an output (units, provenance, marks).
// Strings are variable-length UTF-8; numbers little-endian. h5py and xarray read them as
// str, numpy scalars and 1-D numpy arrays.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "wijksim/analysis/node.hpp"

namespace wijksim::analysis {

/// The value of an attribute. A plain `int` argument becomes `std::int64_t`; a `std::size_t`
/// becomes `std::uint64_t` (kept for seeds, which use all 64 bits).
using AttributeValue =
    std::variant<std::string, double, std::int64_t, std::uint64_t, std::vector<std::string>,
                 std::vector<double>, std::vector<std::int64_t>>;

/// Writes (or replaces) attribute `name` on `target`. Throws OutputError.
/// @code
///   write_attribute(run, "seed", std::uint64_t{42});
///   write_attribute(series.dataset(), "units", "hours per week");
/// @endcode
void write_attribute(const Node& target, std::string_view name, const AttributeValue& value);

/// Reads attribute `name`. Integers of any width become std::int64_t (unsigned 64-bit ones
/// std::uint64_t), floats double, strings (fixed or variable length) std::string; a 1-D
/// attribute becomes a vector even with one element. Throws InputFileError when the attribute
/// is missing or of another type (compound, reference, ...).
[[nodiscard]] AttributeValue read_attribute(const Node& target, std::string_view name);

[[nodiscard]] bool has_attribute(const Node& target, std::string_view name);
/// Names in the order HDF5 lists them (name order).
[[nodiscard]] std::vector<std::string> attribute_names(const Node& target);
void remove_attribute(const Node& target, std::string_view name);

/// Reads an integer attribute; InputFileError when missing or not an integer.
[[nodiscard]] std::int64_t read_int_attribute(const Node& target, std::string_view name);
/// Reads a string attribute; InputFileError when missing or not a string.
[[nodiscard]] std::string read_string_attribute(const Node& target, std::string_view name);

/// The value as short text for listings: strings quoted, arrays in brackets; anything longer
/// than `max_chars` is cut and ends in "…" with the full length noted.
[[nodiscard]] std::string to_text(const AttributeValue& value, std::size_t max_chars = 80);

/// The netCDF / CF descriptive attributes of a variable. Empty ones are not written.
struct VariableAttributes {
  std::string units{};        ///< UDUNITS-style where possible ("hours per week", "EUR", "1")
  std::string long_name{};    ///< human-readable name, shown by xarray in plots
  std::string description{};  ///< what is counted and when, for readers of the file
};

void write_variable_attributes(const Node& target, const VariableAttributes& attributes);

}  // namespace wijksim::analysis
