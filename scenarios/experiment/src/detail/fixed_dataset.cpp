#include "detail/fixed_dataset.hpp"

#include <hdf5.h>
#include <hdf5_hl.h>

#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/output_error.hpp"

namespace wijksim::scenarios::detail {

namespace wa = wijksim::analysis;

namespace {

/// Creates a fixed-size dataset `name` in `group` along the named dimensions (which must exist,
/// see add_dimension), writes `data` (row-major, `memory_type`) and attaches the dimension
/// scales, as netCDF-4 readers (xarray's h5netcdf) expect.
wa::Node write_fixed(const wa::Group& group, const std::string& name, const std::vector<std::string>& dimensions,
                     hid_t file_type, hid_t memory_type, const void* data, const wa::VariableAttributes& attributes) {
  std::vector<hsize_t> shape;
  std::vector<wa::Node> scales;
  for (const auto& d : dimensions) {
    scales.push_back(wa::find_dimension(group, d));
    shape.push_back(wa::dimension_extent(scales.back()).length);
  }
  const std::string where = group.location() + "/" + name;
  wa::DataspaceHandle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr));
  if (!space.is_open()) throw wa::OutputError(where, "cannot make the dataspace");
  const hid_t id = H5Dcreate2(group.id(), name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) throw wa::OutputError(where, "cannot create the dataset");
  wa::Node node(wa::ObjectHandle(id), group.file_state(), group.child_path(name));
  if (H5Dwrite(id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) throw wa::OutputError(where, "cannot write the values");
  for (std::size_t axis = 0; axis < scales.size(); ++axis) {
    if (H5DSattach_scale(id, scales[axis].id(), static_cast<unsigned>(axis)) < 0) {
      throw wa::OutputError(where, "cannot attach dimension '" + dimensions[axis] + "'");
    }
  }
  wa::write_variable_attributes(node, attributes);
  return node;
}

}  // namespace

wa::Node write_doubles(const wa::Group& group, const std::string& name, const std::vector<std::string>& dimensions,
                       const std::vector<double>& values, const wa::VariableAttributes& attributes) {
  return write_fixed(group, name, dimensions, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.data(), attributes);
}

wa::Node write_strings(const wa::Group& group, const std::string& name, const std::vector<std::string>& dimensions,
                       const std::vector<std::string>& values, const wa::VariableAttributes& attributes) {
  wa::DatatypeHandle type(H5Tcopy(H5T_C_S1));
  if (!type.is_open() || H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), H5T_CSET_UTF8) < 0) {
    throw wa::OutputError(group.location() + "/" + name, "cannot make the string type");
  }
  std::vector<const char*> pointers;
  for (const auto& v : values) pointers.push_back(v.c_str());
  return write_fixed(group, name, dimensions, type.get(), type.get(), pointers.data(), attributes);
}

}  // namespace wijksim::scenarios::detail
