#pragma once
// Dimensions as HDF5 dimension scales, following the netCDF-4 conventions that xarray's
// h5netcdf engine reads: a dimension is a 1-D dataset named after it, made a scale with
// H5DSset_scale(name) (a coordinate variable: its values label the dimension), and every
// axis of every data variable has the scale of its dimension attached (H5DSattach_scale).
// A dimension is visible in its group and the groups below it (netCDF scoping).
//
// Fixed dimensions (domain, payer, neighbourhood, incident_kind) are created here with
// their labels or values. The unlimited dimension a run appends along (tick) is created
// with add_unlimited_dimension() (series_writer.hpp), which returns the writer of its values.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/group.hpp"

namespace wijksim::analysis {

/// Creates the fixed dimension `name` in `group` with the given coordinate values and
/// attributes (`units`, `long_name`, `description`); returns the scale dataset so that more
/// attributes can be added. Throws OutputError when `name` exists or is not a valid name.
/// @code
///   add_dimension(run, "domain", std::vector<std::string>{"finances", "housing"},
///                 {.long_name = "life domain"});
/// @endcode
Node add_dimension(const Group& group, std::string_view name, std::span<const std::string> labels,
                   const VariableAttributes& attributes = {});
Node add_dimension(const Group& group, std::string_view name, std::span<const std::int32_t> values,
                   const VariableAttributes& attributes = {});
Node add_dimension(const Group& group, std::string_view name, std::span<const std::int64_t> values,
                   const VariableAttributes& attributes = {});
Node add_dimension(const Group& group, std::string_view name, std::span<const double> values,
                   const VariableAttributes& attributes = {});

/// Opens the scale of dimension `name` as seen from `group`: in `group` itself or the nearest
/// group above it. Throws OutputError when there is none.
[[nodiscard]] Node find_dimension(const Group& group, std::string_view name);

/// Current length of a dimension scale and whether it is unlimited.
struct DimensionExtent {
  std::uint64_t length = 0;
  bool is_unlimited = false;
};
[[nodiscard]] DimensionExtent dimension_extent(const Node& scale);

/// Names of the dimensions attached to each axis of `dataset` (the scale dataset's name, as
/// h5netcdf reads it); an empty string for an axis without a scale. For a scale itself, its
/// own name.
[[nodiscard]] std::vector<std::string> dimension_names(const Node& dataset);

/// Checks that every dataset in `group` and below has, along each axis attached to an
/// unlimited dimension, as many entries as that dimension's scale: xarray refuses a group where
/// they differ. Throws OutputError naming the first dataset, dimension and both lengths.
void check_dimension_lengths(const Group& group);

}  // namespace wijksim::analysis
