#include "wijksim/analysis/dimension.hpp"

#include <hdf5_hl.h>

#include "detail/h5_api.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;
using detail::default_plist;

Node create_scale(const Group& group, std::string_view name, hid_t file_type, hid_t memory_type,
                  std::size_t count, const void* data, const VariableAttributes& attributes) {
  detail::quiet_hdf5();
  detail::check_name(name, group.location(), "dimension");
  const std::string key(name);
  const std::string where = group.file_path() + ":" + group.child_path(name);
  if (group.contains(name)) {
    throw OutputError(where, "cannot create dimension: a group or dataset of this name exists");
  }
  const hsize_t extent = count;
  const DataspaceHandle space(
      check_id(H5Screate_simple(1, &extent, &extent), where, "cannot make a dataspace"));
  ObjectHandle dataset(check_id(H5Dcreate2(group.id(), key.c_str(), file_type, space.get(),
                                           default_plist(), default_plist(), default_plist()),
                                where, "cannot create the dimension scale"));
  if (count > 0) {
    check_status(H5Dwrite(dataset.get(), memory_type, detail::all_selection(),
                          detail::all_selection(), default_plist(), data),
                 where, "cannot write the coordinate values");
  }
  check_status(H5DSset_scale(dataset.get(), key.c_str()), where, "cannot make a dimension scale");
  Node node(std::move(dataset), group.file_state(), group.child_path(name));
  write_variable_attributes(node, attributes);
  return node;
}

std::string base_name(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return {};
  std::string path(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, path.data(), path.size());
  path.resize(static_cast<std::size_t>(length));
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

herr_t remember_last_scale_name(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  *static_cast<std::string*>(data) = base_name(scale);
  return 0;
}

struct LengthCheck {
  hsize_t entries = 0;   // the dataset's extent along the axis
  std::string mismatch;  // set by the visitor when a scale disagrees
};

herr_t compare_with_unlimited_scale(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  auto* check = static_cast<LengthCheck*>(data);
  const DataspaceHandle space(H5Dget_space(scale));
  hsize_t current = 0;
  hsize_t maximum = 0;
  if (!space.is_open() || H5Sget_simple_extent_ndims(space.get()) != 1 ||
      H5Sget_simple_extent_dims(space.get(), &current, &maximum) < 0) {
    return -1;
  }
  if (maximum == detail::unlimited_extent() && current != check->entries) {
    check->mismatch = "has " + std::to_string(check->entries) + " entries along dimension '" +
                      base_name(scale) + "', which has " + std::to_string(current) +
                      " values; every variable along an unlimited dimension must be appended "
                      "as often as the dimension itself";
    return 1;  // stop
  }
  return 0;
}
}  // namespace

Node add_dimension(const Group& group, std::string_view name, std::span<const std::string> labels,
                   const VariableAttributes& attributes) {
  const DatatypeHandle type = detail::utf8_string_type();
  std::vector<const char*> pointers;
  pointers.reserve(labels.size());
  for (const auto& label : labels) pointers.push_back(label.c_str());
  return create_scale(group, name, type.get(), type.get(), labels.size(), pointers.data(),
                      attributes);
}

Node add_dimension(const Group& group, std::string_view name, std::span<const std::int32_t> values,
                   const VariableAttributes& attributes) {
  return create_scale(group, name, detail::file_type(ElementType::int32),
                      detail::native_type(ElementType::int32), values.size(), values.data(),
                      attributes);
}

Node add_dimension(const Group& group, std::string_view name, std::span<const std::int64_t> values,
                   const VariableAttributes& attributes) {
  return create_scale(group, name, detail::file_type(ElementType::int64),
                      detail::native_type(ElementType::int64), values.size(), values.data(),
                      attributes);
}

Node add_dimension(const Group& group, std::string_view name, std::span<const double> values,
                   const VariableAttributes& attributes) {
  return create_scale(group, name, detail::file_type(ElementType::float64),
                      detail::native_type(ElementType::float64), values.size(), values.data(),
                      attributes);
}

Node find_dimension(const Group& group, std::string_view name) {
  detail::quiet_hdf5();
  detail::check_name(name, group.location(), "dimension");
  // netCDF scoping: the group itself, then each enclosing group up to the root.
  std::string scope = group.object_path();
  while (true) {
    const std::string candidate = (scope == "/" ? "" : scope) + "/" + std::string(name);
    const htri_t exists = H5Lexists(group.id(), candidate.c_str(), default_plist());
    if (exists > 0) {
      ObjectHandle object(check_id(H5Oopen(group.id(), candidate.c_str(), default_plist()),
                                   group.location(), "cannot open '" + candidate + "'"));
      H5O_info_t info;
      if (H5Oget_info2(object.get(), &info, H5O_INFO_BASIC) >= 0 && info.type == H5O_TYPE_DATASET &&
          H5DSis_scale(object.get()) > 0) {
        return Node(std::move(object), group.file_state(), candidate);
      }
      static_cast<void>(detail::take_hdf5_message());
    } else if (exists < 0) {
      static_cast<void>(detail::take_hdf5_message());
    }
    if (scope == "/") break;
    const auto slash = scope.rfind('/');
    scope = slash == 0 ? "/" : scope.substr(0, slash);
  }
  throw OutputError(group.location(), "no dimension '" + std::string(name) +
                                          "' in this group or above it; create it with "
                                          "add_dimension or add_unlimited_dimension first");
}

DimensionExtent dimension_extent(const Node& scale) {
  const detail::Extents extents =
      detail::dataset_extents<InputFileError>(scale.id(), scale.location());
  if (extents.current.size() != 1) {
    throw InputFileError(scale.location(), "is not a 1-D dimension scale");
  }
  return {extents.current[0], extents.maximum[0] == detail::unlimited_extent()};
}

std::vector<std::string> dimension_names(const Node& dataset) {
  detail::quiet_hdf5();
  const std::string where = dataset.location();
  if (detail::check_tri<InputFileError>(H5DSis_scale(dataset.id()), where,
                                        "cannot tell whether it is a dimension scale")) {
    return {base_name(dataset.id())};
  }
  const detail::Extents extents = detail::dataset_extents<InputFileError>(dataset.id(), where);
  std::vector<std::string> names(extents.current.size());
  for (unsigned axis = 0; axis < names.size(); ++axis) {
    const int scales = H5DSget_num_scales(dataset.id(), axis);
    if (scales <= 0) {
      static_cast<void>(detail::take_hdf5_message());
      continue;
    }
    // h5netcdf takes the last scale attached to an axis; so does this.
    check_status<InputFileError>(
        H5DSiterate_scales(dataset.id(), axis, nullptr, remember_last_scale_name, &names[axis]),
        where, "cannot read the attached dimension scales");
  }
  return names;
}

void check_dimension_lengths(const Group& group) {
  detail::quiet_hdf5();
  for (const auto& name : group.child_names()) {
    if (group.is_group(name)) {
      check_dimension_lengths(group.open_group(name));
      continue;
    }
    if (!group.is_dataset(name)) continue;
    const Node dataset = group.open_dataset(name);
    const std::string where = dataset.location();
    if (detail::check_tri(H5DSis_scale(dataset.id()), where, "cannot read")) continue;
    const detail::Extents extents = detail::dataset_extents(dataset.id(), where);
    for (unsigned axis = 0; axis < extents.current.size(); ++axis) {
      if (H5DSget_num_scales(dataset.id(), axis) <= 0) {
        static_cast<void>(detail::take_hdf5_message());
        continue;
      }
      LengthCheck check{extents.current[axis], {}};
      const herr_t status =
          H5DSiterate_scales(dataset.id(), axis, nullptr, compare_with_unlimited_scale, &check);
      if (!check.mismatch.empty()) throw OutputError(where, check.mismatch);
      check_status(status, where, "cannot read the attached dimension scales");
    }
  }
}

}  // namespace wijksim::analysis
