#include "wijksim/analysis/read_series.hpp"

#include <algorithm>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/dimension.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;
}  // namespace

template <SeriesElement T>
Series<T> read_series(const Group& group, std::string_view name) {
  detail::quiet_hdf5();
  const Node dataset = group.open_dataset(name);
  const std::string where = dataset.location();
  const DatatypeHandle stored(
      check_id<InputFileError>(H5Dget_type(dataset.id()), where, "cannot read the type"));
  const H5T_class_t type_class = H5Tget_class(stored.get());
  if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) {
    throw InputFileError(where, "is not numeric; cannot read it as " +
                                    std::string(element_type_name(element_type_of<T>())));
  }
  if (type_class == H5T_FLOAT && std::is_integral_v<T>) {
    throw InputFileError(where, "holds floating-point values; reading it as " +
                                    std::string(element_type_name(element_type_of<T>())) +
                                    " would cut them");
  }
  Series<T> series;
  const detail::Extents extents = detail::dataset_extents<InputFileError>(dataset.id(), where);
  series.shape.assign(extents.current.begin(), extents.current.end());
  series.dimensions = dimension_names(dataset);
  std::uint64_t count = 1;
  for (const auto n : series.shape) count *= n;
  series.values.resize(static_cast<std::size_t>(count));
  if (count > 0) {
    check_status<InputFileError>(
        H5Dread(dataset.id(), detail::native_type(element_type_of<T>()), detail::all_selection(),
                detail::all_selection(), detail::default_plist(), series.values.data()),
        where, "cannot read the values (damaged file?)");
  }
  return series;
}

std::vector<std::string> read_strings(const Group& group, std::string_view name) {
  detail::quiet_hdf5();
  const Node dataset = group.open_dataset(name);
  const std::string where = dataset.location();
  const DatatypeHandle stored(
      check_id<InputFileError>(H5Dget_type(dataset.id()), where, "cannot read the type"));
  if (H5Tget_class(stored.get()) != H5T_STRING) {
    throw InputFileError(where, "does not hold strings");
  }
  const detail::Extents extents = detail::dataset_extents<InputFileError>(dataset.id(), where);
  if (extents.current.size() != 1) throw InputFileError(where, "is not 1-D");
  const auto count = static_cast<std::size_t>(extents.current[0]);
  std::vector<std::string> values;
  values.reserve(count);
  if (count == 0) return values;
  const htri_t is_variable = H5Tis_variable_str(stored.get());
  if (is_variable < 0) detail::fail<InputFileError>(where, "cannot read the string type");
  if (is_variable > 0) {
    std::vector<char*> pointers(count, nullptr);
    check_status<InputFileError>(
        H5Dread(dataset.id(), stored.get(), detail::all_selection(), detail::all_selection(),
                detail::default_plist(), pointers.data()),
        where, "cannot read the strings");
    for (char* p : pointers) values.emplace_back(p != nullptr ? p : "");
    const DataspaceHandle space(H5Dget_space(dataset.id()));
    H5Dvlen_reclaim(stored.get(), space.get(), detail::default_plist(), pointers.data());
    return values;
  }
  const std::size_t size = H5Tget_size(stored.get());
  std::vector<char> buffer(size * count, '\0');
  check_status<InputFileError>(
      H5Dread(dataset.id(), stored.get(), detail::all_selection(), detail::all_selection(),
              detail::default_plist(), buffer.data()),
      where, "cannot read the strings");
  for (std::size_t i = 0; i < count; ++i) {
    const char* begin = buffer.data() + i * size;
    values.emplace_back(begin, std::find(begin, begin + size, '\0'));
  }
  return values;
}

template Series<double> read_series<double>(const Group&, std::string_view);
template Series<float> read_series<float>(const Group&, std::string_view);
template Series<std::int64_t> read_series<std::int64_t>(const Group&, std::string_view);
template Series<std::int32_t> read_series<std::int32_t>(const Group&, std::string_view);

}  // namespace wijksim::analysis
