#pragma once
// A description of an HDF5 output — groups, datasets (shape, type, dimensions, chunking,
// compression) and attributes with their values — for `wijksim inspect` and for tests.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "wijksim/analysis/input_file.hpp"

namespace wijksim::analysis {

struct AttributeDescription {
  std::string name;
  std::string value;  ///< to_text() of the value, or "<compound>" etc. for other types
};

struct DatasetDescription {
  std::string name;
  std::string path;
  std::vector<std::uint64_t> shape;
  /// Maximum extent per axis; empty optional for an unlimited axis.
  std::vector<std::optional<std::uint64_t>> max_shape;
  std::string dtype;  ///< "float64", "int32", "string", "string[16]", "enum{a,b}", "{f: t, ...}"
  std::vector<std::string> dimensions;  ///< attached dimension per axis ("" where none)
  std::vector<std::uint64_t> chunks;    ///< empty when not chunked
  std::string filters;                  ///< "shuffle+deflate(4)"; empty when none
  std::uint64_t stored_bytes = 0;       ///< bytes the data take in the file (compressed)
  bool is_dimension_scale = false;
  std::vector<AttributeDescription> attributes;
};

struct GroupDescription {
  std::string name;
  std::string path;
  std::vector<AttributeDescription> attributes;
  std::vector<GroupDescription> groups;
  std::vector<DatasetDescription> datasets;
};

struct FileDescription {
  std::string path;
  std::uint64_t file_bytes = 0;
  std::optional<std::int64_t> format_version;  ///< empty for a foreign HDF5 file
  bool is_complete = false;
  std::vector<RunEntry> runs;
  GroupDescription root;
};

struct DescribeOptions {
  /// Longer string attributes (a scenario's text) are cut to this many characters.
  std::size_t max_string_chars = 60;
  /// Describe HDF5 files that wijksim did not write instead of refusing them.
  bool allow_foreign = false;
};

/// Describes the file at `path`. Throws InputFileError (naming the path) when it is missing,
/// empty, not HDF5, truncated or damaged, or (unless allowed) not a wijksim output.
/// Bookkeeping attributes of dimension scales and netCDF (CLASS, NAME, REFERENCE_LIST,
/// DIMENSION_LIST, _Netcdf4*) are left out: `dimensions` and `is_dimension_scale` say it.
[[nodiscard]] FileDescription describe_file(const std::filesystem::path& path,
                                            const DescribeOptions& options = {});

/// The description as an indented listing, one object per line, attributes under it.
[[nodiscard]] std::string format_description(const FileDescription& description);

}  // namespace wijksim::analysis
