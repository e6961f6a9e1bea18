#pragma once
// An HDF5 group: navigation and creation of children.
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/node.hpp"

namespace wijksim::analysis {

/// An open group. Child names are single path components: non-empty, without '/', not "."
/// (an OutputError names the offending name otherwise). Groups created here track link
/// creation order, so listings (and netCDF tools) show children in the order written.
class Group : public Node {
 public:
  using Node::Node;

  /// Throws OutputError when `name` already exists.
  [[nodiscard]] Group create_group(std::string_view name) const;
  /// Throws InputFileError when there is no group `name`.
  [[nodiscard]] Group open_group(std::string_view name) const;
  /// Opens `name`, creating it when missing.
  [[nodiscard]] Group require_group(std::string_view name) const;
  /// Throws InputFileError when there is no dataset `name`.
  [[nodiscard]] Node open_dataset(std::string_view name) const;

  [[nodiscard]] bool contains(std::string_view name) const;
  [[nodiscard]] bool is_group(std::string_view name) const;
  [[nodiscard]] bool is_dataset(std::string_view name) const;
  /// Names of the children in creation order when the group tracks it, else in name order.
  [[nodiscard]] std::vector<std::string> child_names() const;
  /// Unlinks `name` (its space in the file is not reclaimed; h5repack does that).
  void remove(std::string_view name) const;
};

}  // namespace wijksim::analysis
