#pragma once
// An open HDF5 object (group or dataset) together with the names an error message needs.
#include <memory>
#include <string>
#include <string_view>

#include "wijksim/analysis/h5_handle.hpp"
#include "wijksim/analysis/output_error.hpp"

namespace wijksim::analysis {

namespace detail {
struct FileState;
}

/// An open group or dataset. Copying is cheap in intent but not allowed; move it, or reopen
/// by path. The file stays usable as long as the OutputFile / InputFile that opened it does
/// (an OutputFile's commit() closes every object still open in it).
class Node {
 public:
  Node() = default;
  Node(ObjectHandle handle, std::shared_ptr<detail::FileState> file, std::string object_path);

  [[nodiscard]] hid_t id() const noexcept { return handle_.get(); }
  [[nodiscard]] bool is_open() const noexcept { return handle_.is_open(); }
  /// Absolute path inside the file ("/runs/r1/care_hours").
  [[nodiscard]] const std::string& object_path() const noexcept { return object_path_; }
  /// The file as the user named it (the final name for an output being written).
  [[nodiscard]] const std::string& file_path() const noexcept;
  /// "<file>:<object path>", the form error messages use.
  [[nodiscard]] std::string location() const;
  /// Absolute path of a child named `name` of this object.
  [[nodiscard]] std::string child_path(std::string_view name) const;
  [[nodiscard]] const std::shared_ptr<detail::FileState>& file_state() const noexcept {
    return file_;
  }

 private:
  ObjectHandle handle_;
  std::shared_ptr<detail::FileState> file_;
  std::string object_path_;
};

}  // namespace wijksim::analysis
