#pragma once
// Private helpers of the HDF5 layer: HDF5's macros behind functions (they are old-style
// casts, which this project's warnings reject), error capture, and small checks. The macros
// are expanded in h5_api.cpp only.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/element_type.hpp"
#include "wijksim/analysis/h5_handle.hpp"
#include "wijksim/analysis/node.hpp"
#include "wijksim/analysis/output_error.hpp"

namespace wijksim::analysis::detail {

/// Switches off HDF5's printing of error stacks for the calling thread (in a thread-safe HDF5
/// the setting is per thread). Every public entry point calls it; cheap after the first call.
void quiet_hdf5() noexcept;

/// Innermost (most specific) description on the calling thread's HDF5 error stack, then
/// clears the stack. Empty when the stack is empty.
[[nodiscard]] std::string take_hdf5_message();

/// Throws `E` for `where`, with the innermost HDF5 message of the failure that just happened.
template <class E = OutputError>
[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw E(where, problem, take_hdf5_message());
}

/// Returns `id` when it is valid, else throws `E` naming `where` and `problem`.
template <class E = OutputError>
hid_t check_id(hid_t id, const std::string& where, std::string_view problem) {
  if (id < 0) fail<E>(where, std::string(problem));
  return id;
}
template <class E = OutputError>
void check_status(herr_t status, const std::string& where, std::string_view problem) {
  if (status < 0) fail<E>(where, std::string(problem));
}
/// HDF5's tri-state answers (true, false, negative on failure).
template <class E = OutputError>
bool check_tri(htri_t answer, const std::string& where, std::string_view problem) {
  if (answer < 0) fail<E>(where, std::string(problem));
  return answer > 0;
}

[[nodiscard]] hid_t default_plist() noexcept;       // H5P_DEFAULT
[[nodiscard]] hid_t all_selection() noexcept;       // H5S_ALL
[[nodiscard]] hsize_t unlimited_extent() noexcept;  // H5S_UNLIMITED
[[nodiscard]] unsigned access_read_only() noexcept;
[[nodiscard]] unsigned access_read_write() noexcept;
[[nodiscard]] unsigned access_create_exclusive() noexcept;

/// Predefined memory types (owned by HDF5: never close them).
[[nodiscard]] hid_t native_type(ElementType type) noexcept;
/// Predefined little-endian file types (owned by HDF5).
[[nodiscard]] hid_t file_type(ElementType type) noexcept;
[[nodiscard]] hid_t native_int8() noexcept;
[[nodiscard]] hid_t native_uint8() noexcept;
[[nodiscard]] hid_t native_uint32() noexcept;
[[nodiscard]] hid_t native_uint64() noexcept;
[[nodiscard]] hid_t le_int8() noexcept;
[[nodiscard]] hid_t le_uint8() noexcept;
[[nodiscard]] hid_t le_uint32() noexcept;
[[nodiscard]] hid_t le_uint64() noexcept;
[[nodiscard]] hid_t c_string() noexcept;  // H5T_C_S1
[[nodiscard]] float quiet_nan_float() noexcept;
[[nodiscard]] double quiet_nan_double() noexcept;

/// Variable-length UTF-8 string type (memory and file alike).
[[nodiscard]] DatatypeHandle utf8_string_type();
/// Fixed-length, NUL-padded UTF-8 string type of `length` bytes.
[[nodiscard]] DatatypeHandle fixed_string_type(std::size_t length);

/// Throws OutputError unless `name` can be a single HDF5 link name.
void check_name(std::string_view name, const std::string& where, std::string_view what);

/// A group creation property list that tracks and indexes link creation order.
[[nodiscard]] PropertyListHandle ordered_group_plist(const std::string& where);

/// Extents of a dataset's dataspace (rank 0 for a scalar).
struct Extents {
  std::vector<hsize_t> current, maximum;
};
template <class E = OutputError>
[[nodiscard]] Extents dataset_extents(hid_t dataset, const std::string& where);

}  // namespace wijksim::analysis::detail
