#include "detail/h5_raw.hpp"

#include "wijksim/analysis/output_error.hpp"

// HDF5's constants are macros with old-style casts; expanded here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wsign-conversion"

namespace wijksim::sweep::detail {

hid_t h5_default() noexcept { return H5P_DEFAULT; }
hid_t h5_all() noexcept { return H5S_ALL; }
hid_t h5_native_double() noexcept { return H5T_NATIVE_DOUBLE; }
hid_t h5_native_int64() noexcept { return H5T_NATIVE_INT64; }
hid_t h5_le_double() noexcept { return H5T_IEEE_F64LE; }
hid_t h5_le_int64() noexcept { return H5T_STD_I64LE; }

hid_t h5_utf8_string_type() {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

hid_t h5_intermediate_groups() {
  const hid_t plist = H5Pcreate(H5P_LINK_CREATE);
  H5Pset_create_intermediate_group(plist, 1);
  return plist;
}

void check(herr_t status, const std::string& where, const std::string& problem) {
  if (status < 0) {
    H5Eclear2(H5E_DEFAULT);
    throw analysis::OutputError(where, problem);
  }
}

hid_t check_id(hid_t id, const std::string& where, const std::string& problem) {
  check(id < 0 ? -1 : 0, where, problem);
  return id;
}

}  // namespace wijksim::sweep::detail

#pragma GCC diagnostic pop
