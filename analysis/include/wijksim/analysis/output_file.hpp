#pragma once
// An output file that never looks whole unless it is: written under a temporary name in the
// destination's directory and renamed to its final name by commit(), after the root
// attribute `complete = 1` has been written last and the data are on disk. A process killed
// part-way leaves at most `<final>.part-<pid>-<n>`, never a file under the final name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/h5_handle.hpp"

namespace wijksim::analysis {

namespace detail {
struct FileState;
}

struct OutputFileOptions {
  /// Replace a file that already has the final name (the command line's --force). Without it,
  /// create() refuses such a file, and commit() refuses one that appeared meanwhile.
  bool overwrite = false;
};

/// An HDF5 output being written. Layout conventions (analysis/SCHEMA.md): root attributes
/// `format = "wijksim"`, `format_version`, `complete`; one group per run under `/runs/<id>`,
/// each with its own `complete` mark.
///
/// Not thread-safe; use a file and everything opened from it on one thread at a time.
/// @code
///   auto file = OutputFile::create("out/run.h5", {.overwrite = force});
///   Group run = file.create_run("r1");
///   ... write series, tables and provenance, close() every writer ...
///   file.mark_complete(run);
///   file.commit();  // now, and only now, out/run.h5 exists
/// @endcode
class OutputFile {
 public:
  static constexpr std::int64_t kFormatVersion = 1;

  /// Starts a new file that commit() will move to `final_path`. Throws OutputExistsError when
  /// the final name exists and `options.overwrite` is false, OutputError when its directory
  /// does not exist or the temporary file cannot be created.
  [[nodiscard]] static OutputFile create(const std::filesystem::path& final_path,
                                         const OutputFileOptions& options = {});

  /// Opens an existing wijksim output to add run groups (sweep shards: one file, many runs,
  /// each with its own `complete` mark). Writes in place: the root `complete` mark is removed
  /// at once and written again by commit(), so a file whose appending was cut short reads as
  /// incomplete (its completed runs keep their own marks). Throws OutputError when the file is
  /// missing, not HDF5, or not a wijksim output.
  [[nodiscard]] static OutputFile open_for_append(const std::filesystem::path& path);

  OutputFile(OutputFile&& other) noexcept;
  OutputFile& operator=(OutputFile&& other) noexcept;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  /// Without commit(): closes the file and deletes the temporary file (for a file opened for
  /// appending: closes it, leaving it without its root `complete` mark).
  ~OutputFile();

  [[nodiscard]] Group root() const;

  /// Creates `/runs/<run_id>`. Run ids use letters, digits, '.', '_' and '-' and do not start
  /// with '.'; OutputError otherwise, or when the run exists.
  [[nodiscard]] Group create_run(std::string_view run_id) const;
  [[nodiscard]] bool has_run(std::string_view run_id) const;
  [[nodiscard]] bool is_run_complete(std::string_view run_id) const;
  /// Removes an incomplete run (a shard resuming after a crash); refuses a complete one.
  void remove_incomplete_run(std::string_view run_id) const;

  /// Marks a run group complete: checks that every dataset in it has as many entries along
  /// each unlimited dimension as that dimension has values (check_dimension_lengths), writes
  /// `complete = 1` on the group and flushes the file. Throws OutputError when a writer under
  /// the group is still open or the lengths disagree.
  void mark_complete(const Group& run) const;

  /// Writes HDF5's caches to the file. Rows buffered in open writers are not included: those
  /// are written by the writers' own flush().
  void flush() const;

  /// Writes the root `complete = 1` attribute last, flushes, closes, syncs to disk and renames
  /// the temporary file to the final name (atomic on POSIX file systems). Throws OutputError
  /// when a writer is still open or failed, and OutputExistsError when, without overwrite,
  /// a file of the final name appeared since create() (the finished temporary file is then
  /// kept and named in the message). Objects still open from this file are closed.
  void commit();

  [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_path_; }
  /// Where the data are being written: the temporary name until commit().
  [[nodiscard]] const std::filesystem::path& writing_path() const noexcept { return writing_path_; }
  [[nodiscard]] bool is_committed() const noexcept { return is_committed_; }

 private:
  OutputFile(std::filesystem::path final_path, std::filesystem::path writing_path, bool overwrite,
             bool is_appending, FileHandle file);
  void check_writable(std::string_view action) const;
  void abandon() noexcept;

  std::filesystem::path final_path_;
  std::filesystem::path writing_path_;
  bool overwrite_ = false;
  bool is_appending_ = false;
  bool is_committed_ = false;
  bool keep_writing_path_ = false;
  FileHandle file_;
  std::shared_ptr<detail::FileState> state_;
};

}  // namespace wijksim::analysis
