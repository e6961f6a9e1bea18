#include "wijksim/analysis/input_file.hpp"

#include <system_error>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/detail/file_state.hpp"

namespace wijksim::analysis {
namespace fs = std::filesystem;

InputFile::InputFile(const fs::path& path)
    : path_(path), state_(std::make_shared<detail::FileState>()) {
  detail::quiet_hdf5();
  const std::string where = path.string();
  state_->display_path = where;
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) throw InputFileError(where, "no such file");
  if (fs::is_directory(status)) throw InputFileError(where, "is a directory, not an HDF5 file");
  if (!fs::is_regular_file(status)) throw InputFileError(where, "is not a regular file");
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) throw InputFileError(where, "cannot be read: " + error.message());
  if (size == 0) throw InputFileError(where, "is empty (0 bytes), not an HDF5 file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0) detail::fail<InputFileError>(where, "cannot be read");
  if (is_hdf5 == 0) {
    throw InputFileError(where, "is not an HDF5 file (no HDF5 signature found)");
  }
  file_ = FileHandle(H5Fopen(path.c_str(), detail::access_read_only(), detail::default_plist()));
  if (!file_.is_open()) {
    detail::fail<InputFileError>(where,
                                 "is an HDF5 file but cannot be opened: truncated or "
                                 "damaged (was it copied while being written?)");
  }
}

Group InputFile::root() const {
  detail::quiet_hdf5();
  ObjectHandle root(detail::check_id<InputFileError>(
      H5Oopen(file_.get(), "/", detail::default_plist()), path_.string(),
      "cannot open the root group (damaged file?)"));
  return Group(std::move(root), state_, "/");
}

std::optional<std::int64_t> InputFile::wijksim_format_version() const {
  const Group top = root();
  if (!has_attribute(top, "format") || !has_attribute(top, "format_version")) return {};
  const AttributeValue format = read_attribute(top, "format");
  const auto* text = std::get_if<std::string>(&format);
  if (text == nullptr || *text != "wijksim") return {};
  return read_int_attribute(top, "format_version");
}

void InputFile::require_wijksim_output() const {
  if (!wijksim_format_version()) {
    throw InputFileError(path_.string(),
                         "is an HDF5 file but not a wijksim output (no root attributes "
                         "format = \"wijksim\" and format_version)");
  }
}

bool InputFile::is_complete() const { return analysis::is_complete(root()); }

std::vector<RunEntry> InputFile::runs() const {
  const Group top = root();
  std::vector<RunEntry> entries;
  if (!top.is_group("runs")) return entries;
  const Group runs_group = top.open_group("runs");
  for (const auto& name : runs_group.child_names()) {
    if (!runs_group.is_group(name)) continue;
    entries.push_back({name, analysis::is_complete(runs_group.open_group(name))});
  }
  return entries;
}

Group InputFile::open_run(std::string_view id) const {
  const Group top = root();
  if (!top.is_group("runs") || !top.open_group("runs").is_group(id)) {
    throw InputFileError(path_.string(), "has no run '" + std::string(id) + "'");
  }
  return top.open_group("runs").open_group(id);
}

bool is_complete(const Node& node) {
  if (!has_attribute(node, "complete")) return false;
  const AttributeValue value = read_attribute(node, "complete");
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i == 1;
  if (const auto* u = std::get_if<std::uint64_t>(&value)) return *u == 1;
  return false;
}

}  // namespace wijksim::analysis
