#pragma once
// Creation of appendable (first dimension unlimited) chunked, compressed datasets: shared by
// SeriesWriter, add_unlimited_dimension and EventTableWriter.
#include <cstdint>
#include <string_view>
#include <vector>

#include "wijksim/analysis/detail/chunked_appender.hpp"
#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/storage_options.hpp"

namespace wijksim::analysis::detail {

/// Chunk extents for a dataset of (unlimited, fixed_extents...) with `element_bytes` per
/// element: whole rows along the unlimited dimension up to `options.chunk_bytes` (and at most
/// `options.expected_rows`); when one row alone is larger, one row split along the fixed
/// dimensions, outermost first.
[[nodiscard]] std::vector<hsize_t> chunk_extents(const std::vector<hsize_t>& fixed_extents,
                                                 std::size_t element_bytes,
                                                 const StorageOptions& options);

struct AppendableSpec {
  std::string_view name;
  hid_t file_type = -1;
  DatatypeHandle memory_type;  // an owned copy
  std::vector<hsize_t> fixed_extents;
  std::size_t file_element_bytes = 0;  // for chunk sizing
  std::size_t memory_row_bytes = 0;    // bytes of one row handed to append()
  const void* fill_value = nullptr;    // in memory_type; nullptr: HDF5's default (zeros)
};

struct Appendable {
  ChunkedAppender appender;
  std::vector<std::uint64_t> chunk_shape;
};

/// Creates the dataset and its appender. Throws OutputError when the name exists or the
/// options are out of range. The caller attaches dimension scales and attributes.
[[nodiscard]] Appendable create_appendable(const Group& group, AppendableSpec spec,
                                           const StorageOptions& options);

}  // namespace wijksim::analysis::detail
