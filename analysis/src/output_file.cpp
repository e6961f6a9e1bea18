#include "wijksim/analysis/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/detail/file_state.hpp"
#include "wijksim/analysis/dimension.hpp"

namespace wijksim::analysis {
namespace {
namespace fs = std::filesystem;
using detail::check_id;
using detail::check_status;

constexpr const char* kFormat = "wijksim";

// At exit HDF5 closes whatever is still open (H5_term_library). After a write failed for lack
// of space (ENOSPC), HDF5 1.10 leaves datasets half-closed and crashes closing them there: the
// error had been reported and the temporary file removed, yet the program died of SIGSEGV
// (tests/faults, disk full). Outputs are closed explicitly (commit, abandon), so nothing is lost
// by skipping that pass. Runs at static initialisation, before the library starts.
[[maybe_unused]] const herr_t kNoHdf5CloseAtExit = H5dont_atexit();

// Distinguishes temporary names of several outputs written by one process.
std::atomic<unsigned> temporary_counter{0};

fs::path temporary_name(const fs::path& final_path) {
  const unsigned n = temporary_counter.fetch_add(1, std::memory_order_relaxed);
  fs::path name = final_path;
  name += ".part-" + std::to_string(::getpid()) + "-" + std::to_string(n);
  return name;
}

fs::path directory_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

std::string errno_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

// Data first, then the name: a power cut after the rename must not leave a final name that
// points to blocks never written. Failure to sync a directory (some file systems refuse) is
// not an error: the rename itself is still atomic.
void sync_path(const fs::path& path, bool is_directory, const std::string& where) {
  const int fd = ::open(path.c_str(), O_RDONLY | (is_directory ? O_DIRECTORY : 0));
  if (fd < 0) {
    if (is_directory) return;
    throw OutputError(where,
                      "cannot open '" + path.string() + "' to sync it: " + errno_text(errno));
  }
  const int status = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (status != 0 && !is_directory) {
    throw OutputError(where, "cannot sync '" + path.string() + "' to disk: " + errno_text(error));
  }
}

// Renames without replacing an existing file. renameat2(RENAME_NOREPLACE) where the file
// system supports it; link + unlink (also refuses an existing target) where it does not.
// Returns 0, or the errno of the failure (EEXIST when the target exists).
int rename_no_replace(const fs::path& from, const fs::path& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  if (::link(from.c_str(), to.c_str()) != 0) return errno;
  ::unlink(from.c_str());
  return 0;
}

bool is_valid_run_id(std::string_view id) {
  if (id.empty() || id.front() == '.') return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Group open_root(hid_t file, const std::shared_ptr<detail::FileState>& state) {
  ObjectHandle root(check_id(H5Oopen(file, "/", detail::default_plist()), state->display_path,
                             "cannot open the root group"));
  return Group(std::move(root), state, "/");
}
}  // namespace

OutputFile::OutputFile(fs::path final_path, fs::path writing_path, bool overwrite,
                       bool is_appending, FileHandle file)
    : final_path_(std::move(final_path)),
      writing_path_(std::move(writing_path)),
      overwrite_(overwrite),
      is_appending_(is_appending),
      file_(std::move(file)),
      state_(std::make_shared<detail::FileState>()) {
  state_->display_path = final_path_.string();
}

OutputFile OutputFile::create(const fs::path& final_path, const OutputFileOptions& options) {
  detail::quiet_hdf5();
  const std::string where = final_path.string();
  if (final_path.filename().empty()) throw OutputError(where, "is not a file name");
  const fs::path directory = directory_of(final_path);
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw OutputError(where, "directory '" + directory.string() +
                                 "' does not exist; create it first or choose another path");
  }
  if (fs::is_directory(final_path, error)) {
    throw OutputError(where, "is a directory; give the path of a file to write");
  }
  if (fs::exists(final_path, error) && !options.overwrite) {
    throw OutputExistsError(where, "output file already exists; use --force to overwrite it");
  }
  const fs::path writing_path = temporary_name(final_path);

  const PropertyListHandle create_plist(
      check_id(H5Pcreate(H5P_FILE_CREATE), where, "cannot create a file property list"));
  check_status(
      H5Pset_link_creation_order(create_plist.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
      where, "cannot track link creation order");
  const PropertyListHandle access_plist(
      check_id(H5Pcreate(H5P_FILE_ACCESS), where, "cannot create a file access property list"));
  // STRONG: closing the file closes every object still open in it, so that commit() is never
  // silently postponed by a group handle someone kept.
  check_status(H5Pset_fclose_degree(access_plist.get(), H5F_CLOSE_STRONG), where,
               "cannot set the close degree");
  FileHandle file(check_id(H5Fcreate(writing_path.c_str(), detail::access_create_exclusive(),
                                     create_plist.get(), access_plist.get()),
                           where,
                           "cannot create the temporary file '" + writing_path.string() + "'"));
  OutputFile output(final_path, writing_path, options.overwrite, false, std::move(file));
  try {
    const Group root = output.root();
    write_attribute(root, "format", std::string(kFormat));
    write_attribute(root, "format_version", kFormatVersion);
  } catch (...) {
    output.abandon();
    throw;
  }
  return output;
}

OutputFile OutputFile::open_for_append(const fs::path& path) {
  detail::quiet_hdf5();
  const std::string where = path.string();
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    throw OutputError(where, "does not exist (or is not a regular file); nothing to append to");
  }
  if (!detail::check_tri(H5Fis_hdf5(path.c_str()), where, "cannot be read")) {
    throw OutputError(where, "is not an HDF5 file; refusing to append to it");
  }
  const PropertyListHandle access_plist(
      check_id(H5Pcreate(H5P_FILE_ACCESS), where, "cannot create a file access property list"));
  check_status(H5Pset_fclose_degree(access_plist.get(), H5F_CLOSE_STRONG), where,
               "cannot set the close degree");
  FileHandle file(check_id(H5Fopen(path.c_str(), detail::access_read_write(), access_plist.get()),
                           where, "cannot open for appending"));
  OutputFile output(path, path, false, true, std::move(file));
  const Group root = output.root();
  const bool is_ours = has_attribute(root, "format") &&
                       std::holds_alternative<std::string>(read_attribute(root, "format")) &&
                       std::get<std::string>(read_attribute(root, "format")) == kFormat;
  if (!is_ours) {
    throw OutputError(where,
                      "is an HDF5 file but not a wijksim output (no root attribute "
                      "format = \"wijksim\"); refusing to append to it");
  }
  if (has_attribute(root, "complete")) remove_attribute(root, "complete");
  output.flush();
  return output;
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      writing_path_(std::move(other.writing_path_)),
      overwrite_(other.overwrite_),
      is_appending_(other.is_appending_),
      is_committed_(other.is_committed_),
      keep_writing_path_(other.keep_writing_path_),
      file_(std::move(other.file_)),
      state_(std::move(other.state_)) {}

OutputFile& OutputFile::operator=(OutputFile&& other) noexcept {
  if (this != &other) {
    abandon();
    final_path_ = std::move(other.final_path_);
    writing_path_ = std::move(other.writing_path_);
    overwrite_ = other.overwrite_;
    is_appending_ = other.is_appending_;
    is_committed_ = other.is_committed_;
    keep_writing_path_ = other.keep_writing_path_;
    file_ = std::move(other.file_);
    state_ = std::move(other.state_);
  }
  return *this;
}

OutputFile::~OutputFile() { abandon(); }

void OutputFile::abandon() noexcept {
  if (!file_.is_open()) return;
  file_.reset();
  static_cast<void>(detail::take_hdf5_message());
  if (!is_appending_ && !keep_writing_path_) {
    std::error_code ignored;
    fs::remove(writing_path_, ignored);
  }
}

void OutputFile::check_writable(std::string_view action) const {
  if (!file_.is_open()) {
    throw OutputError(final_path_.string(), "cannot " + std::string(action) +
                                                ": the file is already committed or closed");
  }
}

Group OutputFile::root() const {
  detail::quiet_hdf5();
  check_writable("open the root group");
  return open_root(file_.get(), state_);
}

Group OutputFile::create_run(std::string_view run_id) const {
  check_writable("create a run");
  if (!is_valid_run_id(run_id)) {
    throw OutputError(final_path_.string(),
                      "run id '" + std::string(run_id) +
                          "' is not valid: use letters, digits, '.', '_' and '-', not starting "
                          "with '.'");
  }
  const Group runs = root().require_group("runs");
  if (runs.contains(run_id)) {
    throw OutputError(final_path_.string(),
                      "run '" + std::string(run_id) + "' already exists in this file" +
                          (is_run_complete(run_id) ? " and is complete" : " (incomplete)"));
  }
  return runs.create_group(run_id);
}

bool OutputFile::has_run(std::string_view run_id) const {
  check_writable("look up a run");
  if (!is_valid_run_id(run_id)) return false;
  const Group root_group = root();
  return root_group.is_group("runs") && root_group.open_group("runs").is_group(run_id);
}

bool OutputFile::is_run_complete(std::string_view run_id) const {
  if (!has_run(run_id)) return false;
  const Group run = root().open_group("runs").open_group(run_id);
  return has_attribute(run, "complete") && read_int_attribute(run, "complete") == 1;
}

void OutputFile::remove_incomplete_run(std::string_view run_id) const {
  if (!has_run(run_id)) {
    throw OutputError(final_path_.string(), "has no run '" + std::string(run_id) + "' to remove");
  }
  if (is_run_complete(run_id)) {
    throw OutputError(final_path_.string(),
                      "run '" + std::string(run_id) + "' is complete; refusing to remove it");
  }
  root().open_group("runs").remove(run_id);
}

void OutputFile::mark_complete(const Group& run) const {
  check_writable("mark a run complete");
  const std::string prefix = run.object_path() + "/";
  for (const auto& writer : state_->open_writers) {
    if (writer.starts_with(prefix)) {
      throw OutputError(run.location(), "cannot mark complete: writer '" + writer +
                                            "' is still open; close() it first");
    }
  }
  check_dimension_lengths(run);
  write_attribute(run, "complete", std::int64_t{1});
  flush();
}

void OutputFile::flush() const {
  detail::quiet_hdf5();
  check_writable("flush");
  check_status(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL), final_path_.string(),
               "cannot flush to disk");
}

void OutputFile::commit() {
  detail::quiet_hdf5();
  check_writable("commit");
  const std::string where = final_path_.string();
  if (!state_->open_writers.empty()) {
    std::string names;
    for (const auto& writer : state_->open_writers) names += (names.empty() ? "" : ", ") + writer;
    throw OutputError(where, "cannot commit: writers still open (" + names +
                                 "); close() them first, or their buffered rows are lost");
  }
  if (!state_->deferred_failure.empty()) {
    throw OutputError(where, "cannot commit: a writer failed to write its last rows: " +
                                 state_->deferred_failure);
  }
  // The mark goes in last: a reader that sees it can trust everything before it.
  write_attribute(root(), "complete", std::int64_t{1});
  flush();
  const auto discard_unfinished = [this] {
    if (is_appending_) return;
    std::error_code ignored;
    fs::remove(writing_path_, ignored);
  };
  if (file_.close() < 0) {
    discard_unfinished();
    detail::fail(where, "cannot close the file");
  }
  try {
    sync_path(writing_path_, false, where);
  } catch (...) {
    discard_unfinished();
    throw;
  }
  if (!is_appending_) {
    if (overwrite_) {
      std::error_code error;
      fs::rename(writing_path_, final_path_, error);
      if (error) {
        keep_writing_path_ = true;
        throw OutputError(where, "cannot rename the finished file '" + writing_path_.string() +
                                     "' to its final name: " + error.message() +
                                     " (the finished file is kept)");
      }
    } else if (const int error = rename_no_replace(writing_path_, final_path_); error != 0) {
      keep_writing_path_ = true;
      if (error == EEXIST) {
        throw OutputExistsError(where,
                                "output file appeared while this run was written; the "
                                "finished file is kept as '" +
                                    writing_path_.string() + "' (use --force to overwrite)");
      }
      throw OutputError(where, "cannot rename the finished file '" + writing_path_.string() +
                                   "' to its final name: " + errno_text(error) +
                                   " (the finished file is kept)");
    }
    sync_path(directory_of(final_path_), true, where);
    writing_path_ = final_path_;
  }
  is_committed_ = true;
}

}  // namespace wijksim::analysis
