#include "wijksim/analysis/node.hpp"

#include <utility>

#include "wijksim/analysis/detail/file_state.hpp"

namespace wijksim::analysis {

Node::Node(ObjectHandle handle, std::shared_ptr<detail::FileState> file, std::string object_path)
    : handle_(std::move(handle)), file_(std::move(file)), object_path_(std::move(object_path)) {}

const std::string& Node::file_path() const noexcept {
  static const std::string kUnknown = "(no file)";
  return file_ ? file_->display_path : kUnknown;
}

std::string Node::location() const { return file_path() + ":" + object_path_; }

std::string Node::child_path(std::string_view name) const {
  std::string path = object_path_;
  if (path.empty() || path.back() != '/') path += '/';
  path += name;
  return path;
}

}  // namespace wijksim::analysis
