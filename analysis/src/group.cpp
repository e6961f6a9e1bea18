#include "wijksim/analysis/group.hpp"

#include "detail/h5_api.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;
using detail::check_tri;
using detail::default_plist;

H5O_type_t object_type(const Group& group, std::string_view name) {
  const std::string child(name);
  if (!check_tri<InputFileError>(H5Lexists(group.id(), child.c_str(), default_plist()),
                                 group.location(), "cannot look up '" + child + "'")) {
    return H5O_TYPE_UNKNOWN;
  }
  H5O_info_t info;
  check_status<InputFileError>(
      H5Oget_info_by_name2(group.id(), child.c_str(), &info, H5O_INFO_BASIC, default_plist()),
      group.location(), "cannot read the object '" + child + "'");
  return info.type;
}

herr_t collect_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

Group Group::create_group(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "group");
  const std::string child(name);
  if (contains(name)) {
    throw OutputError(file_path() + ":" + child_path(name),
                      "a group or dataset of this name "
                      "already exists");
  }
  const PropertyListHandle plist = detail::ordered_group_plist(location());
  // H5Oclose closes group identifiers too, so the created group is owned as an object.
  ObjectHandle object(
      check_id(H5Gcreate2(this->id(), child.c_str(), default_plist(), plist.get(), default_plist()),
               location(), "cannot create group '" + child + "'"));
  return Group(std::move(object), file_state(), child_path(name));
}

Group Group::open_group(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "group");
  if (object_type(*this, name) != H5O_TYPE_GROUP) {
    throw InputFileError(location(), "has no group '" + std::string(name) + "'");
  }
  const std::string child(name);
  ObjectHandle object(check_id<InputFileError>(H5Oopen(id(), child.c_str(), default_plist()),
                                               location(), "cannot open group '" + child + "'"));
  return Group(std::move(object), file_state(), child_path(name));
}

Group Group::require_group(std::string_view name) const {
  return is_group(name) ? open_group(name) : create_group(name);
}

Node Group::open_dataset(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "dataset");
  if (object_type(*this, name) != H5O_TYPE_DATASET) {
    throw InputFileError(location(), "has no dataset '" + std::string(name) + "'");
  }
  const std::string child(name);
  ObjectHandle object(check_id<InputFileError>(H5Oopen(id(), child.c_str(), default_plist()),
                                               location(), "cannot open dataset '" + child + "'"));
  return Node(std::move(object), file_state(), child_path(name));
}

bool Group::contains(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "child");
  const std::string child(name);
  return check_tri<InputFileError>(H5Lexists(id(), child.c_str(), default_plist()), location(),
                                   "cannot look up '" + child + "'");
}

bool Group::is_group(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "group");
  return object_type(*this, name) == H5O_TYPE_GROUP;
}

bool Group::is_dataset(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "dataset");
  return object_type(*this, name) == H5O_TYPE_DATASET;
}

std::vector<std::string> Group::child_names() const {
  detail::quiet_hdf5();
  // Creation order when the group tracks it (groups written here do); name order otherwise.
  H5_index_t index = H5_INDEX_NAME;
  const hid_t plist_id = H5Gget_create_plist(id());
  if (plist_id >= 0) {
    const PropertyListHandle plist(plist_id);
    unsigned flags = 0;
    if (H5Pget_link_creation_order(plist.get(), &flags) >= 0 &&
        (flags & H5P_CRT_ORDER_INDEXED) != 0) {
      index = H5_INDEX_CRT_ORDER;
    }
  } else {
    static_cast<void>(detail::take_hdf5_message());
  }
  std::vector<std::string> names;
  hsize_t position = 0;
  check_status<InputFileError>(
      H5Literate(id(), index, H5_ITER_INC, &position, collect_name, &names), location(),
      "cannot list the group's children");
  return names;
}

void Group::remove(std::string_view name) const {
  detail::quiet_hdf5();
  detail::check_name(name, location(), "child");
  const std::string child(name);
  check_status(H5Ldelete(id(), child.c_str(), default_plist()), location(),
               "cannot remove '" + child + "'");
}

}  // namespace wijksim::analysis
