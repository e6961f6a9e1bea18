#include "wijksim/sweep/group_copy.hpp"

#include <hdf5_hl.h>

#include <map>
#include <vector>

#include "detail/h5_raw.hpp"
#include "wijksim/analysis/h5_handle.hpp"
#include "wijksim/analysis/output_error.hpp"

namespace wijksim::sweep {
namespace {

using analysis::DatasetHandle;
using analysis::DataspaceHandle;
using analysis::GroupHandle;
using detail::check;
using detail::check_id;
using detail::h5_default;

/// Path of an object opened by path (cheap: HDF5 keeps the path it was opened by).
std::string name_of(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return {};
  std::string path(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, path.data(), path.size());
  path.resize(static_cast<std::size_t>(length));
  return path;
}

struct Attachment {
  std::string dataset;  ///< relative to the copied group
  unsigned axis = 0;
  std::string scale;    ///< relative to the copied group
};

/// Objects under the copied group, found by H5Ovisit. Scales are told apart by their address
/// in the file: H5Iget_name on a scale reached through a reference searches the whole file for
/// a path (seconds in a merged sweep file), an address lookup does not.
struct Visit {
  std::vector<std::string> datasets;
  std::vector<std::string> scales;
  std::map<haddr_t, std::string> scale_at;
  std::vector<Attachment> attachments;
  std::string error;
};

struct ScaleCollector {
  Visit* visit;
  std::string dataset;
  unsigned axis;
};

herr_t collect_scale(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  auto* c = static_cast<ScaleCollector*>(data);
  H5O_info_t info;
  if (H5Oget_info2(scale, &info, H5O_INFO_BASIC) < 0) return -1;
  const auto found = c->visit->scale_at.find(info.addr);
  if (found == c->visit->scale_at.end()) {
    c->visit->error = "variable '" + c->dataset + "' uses a dimension scale outside the copied group";
    return -1;
  }
  c->visit->attachments.push_back({c->dataset, c->axis, found->second});
  return 0;
}

herr_t visit_object(hid_t group, const char* name, const H5O_info_t* info, void* data) {
  auto* v = static_cast<Visit*>(data);
  if (info->type != H5O_TYPE_DATASET) return 0;
  const DatasetHandle dataset(H5Dopen2(group, name, h5_default()));
  if (!dataset.is_open()) {
    v->error = std::string("cannot open '") + name + "'";
    return -1;
  }
  if (H5DSis_scale(dataset.get()) > 0) {
    v->scales.emplace_back(name);
    v->scale_at.emplace(info->addr, name);
  } else {
    v->datasets.emplace_back(name);
  }
  return 0;
}

/// The scales attached to each axis of `path`, in attachment order.
bool collect_attachments(hid_t group, const std::string& path, Visit& v) {
  const DatasetHandle dataset(H5Dopen2(group, path.c_str(), h5_default()));
  if (!dataset.is_open()) return false;
  const DataspaceHandle space(H5Dget_space(dataset.get()));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  for (int axis = 0; axis < rank; ++axis) {
    const auto a = static_cast<unsigned>(axis);
    if (H5DSget_num_scales(dataset.get(), a) <= 0) continue;
    ScaleCollector collector{&v, path, a};
    int index = 0;
    if (H5DSiterate_scales(dataset.get(), a, &index, collect_scale, &collector) < 0) {
      if (v.error.empty()) v.error = "cannot read the dimension scales of '" + path + "'";
      return false;
    }
  }
  return true;
}

void delete_attribute_if_present(hid_t object, const char* attribute, const std::string& where) {
  const htri_t exists = H5Aexists(object, attribute);
  check(exists < 0 ? -1 : 0, where, "cannot read its attributes");
  if (exists > 0) check(H5Adelete(object, attribute), where, std::string("cannot remove ") + attribute);
}

}  // namespace

void copy_group_with_scales(hid_t source_parent, const std::string& name, hid_t target_parent,
                            const std::string& target_name) {
  const GroupHandle source(check_id(H5Gopen2(source_parent, name.c_str(), h5_default()), name, "cannot open the group to copy"));
  const std::string source_path = name_of(source.get());
  const std::string where = source_path;

  Visit visit;
  // Name order: a fixed order whatever order the objects were written in.
  bool is_read = H5Ovisit2(source.get(), H5_INDEX_NAME, H5_ITER_INC, visit_object, &visit, H5O_INFO_BASIC) >= 0 && visit.error.empty();
  for (std::size_t i = 0; is_read && i < visit.datasets.size(); ++i) is_read = collect_attachments(source.get(), visit.datasets[i], visit);
  if (!is_read) {
    H5Eclear2(H5E_DEFAULT);
    throw analysis::OutputError(where, visit.error.empty() ? "cannot list the objects of the group to copy" : visit.error);
  }

  check(H5Ocopy(source_parent, name.c_str(), target_parent, target_name.c_str(), h5_default(), h5_default()), where,
        "cannot copy the group to '" + target_name + "'");
  const GroupHandle target(check_id(H5Gopen2(target_parent, target_name.c_str(), h5_default()), target_name, "cannot open the copy"));
  const std::string target_where = name_of(target.get());

  for (const auto& path : visit.datasets) {
    const DatasetHandle d(check_id(H5Dopen2(target.get(), path.c_str(), h5_default()), target_where + "/" + path, "cannot open the copy"));
    delete_attribute_if_present(d.get(), detail::kDimensionList, target_where + "/" + path);
  }
  for (const auto& path : visit.scales) {
    const DatasetHandle d(check_id(H5Dopen2(target.get(), path.c_str(), h5_default()), target_where + "/" + path, "cannot open the copy"));
    delete_attribute_if_present(d.get(), detail::kReferenceList, target_where + "/" + path);
  }
  for (const auto& a : visit.attachments) {
    const DatasetHandle d(check_id(H5Dopen2(target.get(), a.dataset.c_str(), h5_default()), target_where + "/" + a.dataset, "cannot open the copy"));
    const DatasetHandle s(check_id(H5Dopen2(target.get(), a.scale.c_str(), h5_default()), target_where + "/" + a.scale, "cannot open the copied scale"));
    check(H5DSattach_scale(d.get(), s.get(), a.axis), target_where + "/" + a.dataset,
          "cannot attach dimension scale '" + a.scale + "' to axis " + std::to_string(a.axis));
  }
}

}  // namespace wijksim::sweep
