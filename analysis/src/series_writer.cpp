#include "wijksim/analysis/series_writer.hpp"

#include <hdf5_hl.h>

#include <cmath>
#include <limits>

#include "detail/appendable.hpp"
#include "detail/h5_api.hpp"
#include "wijksim/analysis/dimension.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;

template <SeriesElement T>
DatatypeHandle memory_type_copy(const std::string& where) {
  return DatatypeHandle(
      check_id(H5Tcopy(detail::native_type(element_type_of<T>())), where, "cannot copy a type"));
}

// netCDF's `_FillValue` must have the variable's own type, so it is written here rather than
// through write_attribute (which writes doubles as float64).
template <SeriesElement T>
void write_fill_value_attribute(const Node& dataset, const T& fill) {
  const std::string where = dataset.location() + " attribute '_FillValue'";
  const DataspaceHandle space(check_id(H5Screate(H5S_SCALAR), where, "cannot make a dataspace"));
  const AttributeHandle attribute(
      check_id(H5Acreate2(dataset.id(), "_FillValue", detail::file_type(element_type_of<T>()),
                          space.get(), detail::default_plist(), detail::default_plist()),
               where, "cannot create"));
  check_status(H5Awrite(attribute.get(), detail::native_type(element_type_of<T>()), &fill), where,
               "cannot write");
}
}  // namespace

template <SeriesElement T>
SeriesWriter<T>::SeriesWriter(const Group& group, const SeriesSpec& spec,
                              const StorageOptions& options) {
  detail::quiet_hdf5();
  detail::check_name(spec.name, group.location(), "series");
  const std::string where = group.file_path() + ":" + group.child_path(spec.name);
  if (spec.dimensions.empty()) {
    throw OutputError(where, "a series needs at least its unlimited dimension (tick)");
  }
  std::vector<Node> scales;
  std::vector<hsize_t> fixed;
  for (std::size_t i = 0; i < spec.dimensions.size(); ++i) {
    Node scale = find_dimension(group, spec.dimensions[i]);
    const DimensionExtent extent = dimension_extent(scale);
    if (i == 0 && !extent.is_unlimited) {
      throw OutputError(where, "first dimension '" + spec.dimensions[i] +
                                   "' is fixed; a series' first dimension must be unlimited "
                                   "(tick, from add_unlimited_dimension)");
    }
    if (i > 0 && extent.is_unlimited) {
      throw OutputError(where, "dimension '" + spec.dimensions[i] +
                                   "' is unlimited; only the first dimension may be");
    }
    if (i > 0 && extent.length == 0) {
      throw OutputError(where, "dimension '" + spec.dimensions[i] + "' has no values");
    }
    if (i > 0) fixed.push_back(extent.length);
    scales.push_back(std::move(scale));
  }
  values_per_tick_ = 1;
  for (const hsize_t n : fixed) values_per_tick_ *= static_cast<std::size_t>(n);

  const T nan_fill = std::numeric_limits<T>::quiet_NaN();
  constexpr bool kIsFloat = std::is_floating_point_v<T>;
  detail::Appendable made = detail::create_appendable(
      group,
      {spec.name, detail::file_type(element_type_of<T>()), memory_type_copy<T>(where), fixed,
       sizeof(T), sizeof(T) * values_per_tick_, kIsFloat ? &nan_fill : nullptr},
      options);
  const Node& dataset = made.appender.dataset();
  for (unsigned axis = 0; axis < scales.size(); ++axis) {
    check_status(H5DSattach_scale(dataset.id(), scales[axis].id(), axis), where,
                 "cannot attach dimension '" + spec.dimensions[axis] + "'");
  }
  write_variable_attributes(dataset, spec.attributes);
  if constexpr (kIsFloat) write_fill_value_attribute<T>(dataset, nan_fill);
  appender_ = std::move(made.appender);
  chunk_shape_ = std::move(made.chunk_shape);
}

template <SeriesElement T>
SeriesWriter<T>::SeriesWriter(detail::ChunkedAppender appender,
                              std::vector<std::uint64_t> chunk_shape, std::size_t values_per_tick)
    : appender_(std::move(appender)),
      chunk_shape_(std::move(chunk_shape)),
      values_per_tick_(values_per_tick) {}

template <SeriesElement T>
void SeriesWriter<T>::append(std::span<const T> values) {
  if (values.size() % values_per_tick_ != 0) {
    throw OutputError(dataset().location(), "cannot append " + std::to_string(values.size()) +
                                                " values: expected a multiple of " +
                                                std::to_string(values_per_tick_) +
                                                " (the values of one tick)");
  }
  appender_.append(reinterpret_cast<const std::byte*>(values.data()),
                   values.size() / values_per_tick_);
}

template <SeriesElement T>
void SeriesWriter<T>::append(T value) {
  append(std::span<const T>(&value, 1));
}

template <SeriesElement T>
SeriesWriter<T> add_unlimited_dimension(const Group& group, std::string_view name,
                                        const VariableAttributes& attributes,
                                        const StorageOptions& options) {
  detail::quiet_hdf5();
  const std::string where = group.file_path() + ":" + group.child_path(name);
  detail::Appendable made = detail::create_appendable(group,
                                                      {name,
                                                       detail::file_type(element_type_of<T>()),
                                                       memory_type_copy<T>(where),
                                                       {},
                                                       sizeof(T),
                                                       sizeof(T),
                                                       nullptr},
                                                      options);
  const std::string key(name);
  check_status(H5DSset_scale(made.appender.dataset().id(), key.c_str()), where,
               "cannot make a dimension scale");
  write_variable_attributes(made.appender.dataset(), attributes);
  return SeriesWriter<T>(std::move(made.appender), std::move(made.chunk_shape), 1);
}

std::uint64_t expected_bytes(ElementType type, std::span<const std::uint64_t> fixed_extents,
                             std::uint64_t rows) noexcept {
  std::uint64_t bytes = element_bytes(type) * rows;
  for (const std::uint64_t n : fixed_extents) bytes *= n;
  return bytes;
}

template class SeriesWriter<double>;
template class SeriesWriter<float>;
template class SeriesWriter<std::int64_t>;
template class SeriesWriter<std::int32_t>;

template SeriesWriter<double> add_unlimited_dimension<double>(const Group&, std::string_view,
                                                              const VariableAttributes&,
                                                              const StorageOptions&);
template SeriesWriter<float> add_unlimited_dimension<float>(const Group&, std::string_view,
                                                            const VariableAttributes&,
                                                            const StorageOptions&);
template SeriesWriter<std::int64_t> add_unlimited_dimension<std::int64_t>(const Group&,
                                                                          std::string_view,
                                                                          const VariableAttributes&,
                                                                          const StorageOptions&);
template SeriesWriter<std::int32_t> add_unlimited_dimension<std::int32_t>(const Group&,
                                                                          std::string_view,
                                                                          const VariableAttributes&,
                                                                          const StorageOptions&);

}  // namespace wijksim::analysis
