#include "detail/h5_api.hpp"

#include <limits>
#include <vector>

// HDF5's macros (H5P_DEFAULT, H5T_NATIVE_DOUBLE, H5F_ACC_RDONLY, H5S_UNLIMITED ...) expand to
// old-style casts and comma expressions; they are expanded here only, under a local pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"

namespace wijksim::analysis::detail {

void quiet_hdf5() noexcept {
  thread_local const bool quiet = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  static_cast<void>(quiet);
}

namespace {
herr_t take_innermost(unsigned n, const H5E_error2_t* error, void* data) {
  // Walked upward: n == 0 is the most specific entry (where HDF5 detected the problem).
  if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(data) = error->desc;
  return 0;
}
}  // namespace

std::string take_hdf5_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_innermost, &message);
  H5Eclear2(H5E_DEFAULT);
  return message;
}

hid_t default_plist() noexcept { return H5P_DEFAULT; }
hid_t all_selection() noexcept { return H5S_ALL; }
hsize_t unlimited_extent() noexcept { return H5S_UNLIMITED; }
unsigned access_read_only() noexcept { return H5F_ACC_RDONLY; }
unsigned access_read_write() noexcept { return H5F_ACC_RDWR; }
unsigned access_create_exclusive() noexcept { return H5F_ACC_EXCL; }

hid_t native_type(ElementType type) noexcept {
  switch (type) {
    case ElementType::float64:
      return H5T_NATIVE_DOUBLE;
    case ElementType::float32:
      return H5T_NATIVE_FLOAT;
    case ElementType::int64:
      return H5T_NATIVE_INT64;
    case ElementType::int32:
      return H5T_NATIVE_INT32;
  }
  return -1;
}

hid_t file_type(ElementType type) noexcept {
  switch (type) {
    case ElementType::float64:
      return H5T_IEEE_F64LE;
    case ElementType::float32:
      return H5T_IEEE_F32LE;
    case ElementType::int64:
      return H5T_STD_I64LE;
    case ElementType::int32:
      return H5T_STD_I32LE;
  }
  return -1;
}

hid_t native_int8() noexcept { return H5T_NATIVE_INT8; }
hid_t native_uint8() noexcept { return H5T_NATIVE_UINT8; }
hid_t native_uint32() noexcept { return H5T_NATIVE_UINT32; }
hid_t native_uint64() noexcept { return H5T_NATIVE_UINT64; }
hid_t le_int8() noexcept { return H5T_STD_I8LE; }
hid_t le_uint8() noexcept { return H5T_STD_U8LE; }
hid_t le_uint32() noexcept { return H5T_STD_U32LE; }
hid_t le_uint64() noexcept { return H5T_STD_U64LE; }
hid_t c_string() noexcept { return H5T_C_S1; }
float quiet_nan_float() noexcept { return std::numeric_limits<float>::quiet_NaN(); }
double quiet_nan_double() noexcept { return std::numeric_limits<double>::quiet_NaN(); }

DatatypeHandle utf8_string_type() {
  DatatypeHandle type(check_id(H5Tcopy(H5T_C_S1), "HDF5", "cannot copy the string type"));
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "HDF5", "cannot make a vlen string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "HDF5", "cannot set UTF-8");
  return type;
}

DatatypeHandle fixed_string_type(std::size_t length) {
  DatatypeHandle type(check_id(H5Tcopy(H5T_C_S1), "HDF5", "cannot copy the string type"));
  check_status(H5Tset_size(type.get(), length), "HDF5", "cannot size a string type");
  check_status(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "HDF5", "cannot set string padding");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "HDF5", "cannot set UTF-8");
  return type;
}

void check_name(std::string_view name, const std::string& where, std::string_view what) {
  if (name.empty() || name == "." || name.find('/') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    throw OutputError(where, std::string(what) + " '" + std::string(name) +
                                 "' is not a valid name: expected a non-empty name without "
                                 "'/' that is not '.'");
  }
}

PropertyListHandle ordered_group_plist(const std::string& where) {
  PropertyListHandle plist(
      check_id(H5Pcreate(H5P_GROUP_CREATE), where, "cannot create a group property list"));
  check_status(
      H5Pset_link_creation_order(plist.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), where,
      "cannot track link creation order");
  return plist;
}

template <class E>
Extents dataset_extents(hid_t dataset, const std::string& where) {
  DataspaceHandle space(check_id<E>(H5Dget_space(dataset), where, "cannot read the dataspace"));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) fail<E>(where, "cannot read the rank");
  Extents extents;
  extents.current.resize(static_cast<std::size_t>(rank));
  extents.maximum.resize(static_cast<std::size_t>(rank));
  if (rank > 0 &&
      H5Sget_simple_extent_dims(space.get(), extents.current.data(), extents.maximum.data()) < 0) {
    fail<E>(where, "cannot read the extents");
  }
  return extents;
}

template Extents dataset_extents<OutputError>(hid_t, const std::string&);
template Extents dataset_extents<InputFileError>(hid_t, const std::string&);

}  // namespace wijksim::analysis::detail

#pragma GCC diagnostic pop
