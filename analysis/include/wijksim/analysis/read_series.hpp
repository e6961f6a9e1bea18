#pragma once
// Reading datasets back in C++: numeric arrays of any rank with their dimension names, and
// string coordinates.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/element_type.hpp"
#include "wijksim/analysis/group.hpp"

namespace wijksim::analysis {

/// A dataset read whole: its shape, the dimension attached to each axis ("" where none) and
/// its values in row-major order.
template <SeriesElement T>
struct Series {
  std::vector<std::uint64_t> shape;
  std::vector<std::string> dimensions;
  std::vector<T> values;

  /// Value at a (tick, i, j, ...) index; no bounds check beyond the vector's.
  [[nodiscard]] const T& at(std::initializer_list<std::uint64_t> index) const {
    std::uint64_t flat = 0;
    std::size_t axis = 0;
    for (const std::uint64_t i : index) flat = flat * shape.at(axis++) + i;
    return values.at(static_cast<std::size_t>(flat));
  }
};

/// Reads numeric dataset `name` of `group`, converting to T. Integers read as floats are
/// converted; floats are not read as integers (InputFileError: the values would be cut).
/// Throws InputFileError when the dataset is missing or not numeric.
template <SeriesElement T>
[[nodiscard]] Series<T> read_series(const Group& group, std::string_view name);

/// Reads a 1-D string dataset (a coordinate such as `domain`). InputFileError when missing,
/// not 1-D or not strings.
[[nodiscard]] std::vector<std::string> read_strings(const Group& group, std::string_view name);

extern template Series<double> read_series<double>(const Group&, std::string_view);
extern template Series<float> read_series<float>(const Group&, std::string_view);
extern template Series<std::int64_t> read_series<std::int64_t>(const Group&, std::string_view);
extern template Series<std::int32_t> read_series<std::int32_t>(const Group&, std::string_view);

}  // namespace wijksim::analysis
