#pragma once
// Opening an output file for reading (the reader behind `wijksim inspect`), with a clear
// error for each way a file can be wrong: missing, a directory, empty, not HDF5, truncated or
// damaged, or HDF5 written by something else.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/h5_handle.hpp"

namespace wijksim::analysis {

namespace detail {
struct FileState;
}

/// A run group's id and whether its `complete` mark is set.
struct RunEntry {
  std::string id;
  bool is_complete = false;
};

/// An HDF5 file open read-only. Objects opened from it keep it open after it is destroyed.
class InputFile {
 public:
  /// Throws InputFileError naming `path` when it is missing, a directory, empty, not an HDF5
  /// file, or cannot be opened (truncated, damaged: the message carries HDF5's reason).
  explicit InputFile(const std::filesystem::path& path);

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] Group root() const;

  /// Root attribute `format_version` when the root says `format = "wijksim"`; empty for an
  /// HDF5 file written by something else.
  [[nodiscard]] std::optional<std::int64_t> wijksim_format_version() const;
  /// Throws InputFileError unless this is a wijksim output.
  void require_wijksim_output() const;
  /// Root mark `complete = 1`: the file was committed (and not reopened for appending since).
  [[nodiscard]] bool is_complete() const;
  /// Run groups under /runs, in the order they were written.
  [[nodiscard]] std::vector<RunEntry> runs() const;
  /// Throws InputFileError when there is no run `id`.
  [[nodiscard]] Group open_run(std::string_view id) const;

 private:
  std::filesystem::path path_;
  FileHandle file_;
  std::shared_ptr<detail::FileState> state_;
};

/// True when `node` carries the attribute `complete` with the value 1.
[[nodiscard]] bool is_complete(const Node& node);

}  // namespace wijksim::analysis
