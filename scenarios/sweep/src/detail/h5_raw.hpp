#pragma once
// Internal: the few HDF5 C-API constants the sweep uses, behind functions (HDF5's macros are
// old-style casts, which this project's warnings reject; they are expanded in h5_raw.cpp only),
// and a check that turns a failed call into an analysis::OutputError.
#include <hdf5.h>

#include <string>

namespace wijksim::sweep::detail {

[[nodiscard]] hid_t h5_default() noexcept;  // H5P_DEFAULT
[[nodiscard]] hid_t h5_all() noexcept;      // H5S_ALL
[[nodiscard]] hid_t h5_native_double() noexcept;
[[nodiscard]] hid_t h5_native_int64() noexcept;
[[nodiscard]] hid_t h5_le_double() noexcept;
[[nodiscard]] hid_t h5_le_int64() noexcept;
/// A new variable-length UTF-8 string type; the caller closes it.
[[nodiscard]] hid_t h5_utf8_string_type();
/// Link creation property list that creates missing intermediate groups; the caller closes it.
[[nodiscard]] hid_t h5_intermediate_groups();
/// The attributes whose values are object references of dimension scales.
inline constexpr const char* kDimensionList = "DIMENSION_LIST";
inline constexpr const char* kReferenceList = "REFERENCE_LIST";

/// Throws analysis::OutputError(where, problem) when `status` is negative.
void check(herr_t status, const std::string& where, const std::string& problem);
hid_t check_id(hid_t id, const std::string& where, const std::string& problem);

}  // namespace wijksim::sweep::detail
