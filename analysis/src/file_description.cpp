#include "wijksim/analysis/file_description.hpp"

#include <hdf5_hl.h>

#include <array>
#include <set>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;

const std::set<std::string, std::less<>> kBookkeeping = {"CLASS",          "NAME",
                                                         "REFERENCE_LIST", "DIMENSION_LIST",
                                                         "_Netcdf4Dimid",  "_Netcdf4Coordinates",
                                                         "_NCProperties"};

std::string type_name(hid_t type) {
  const std::size_t size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(8 * size);
    case H5T_FLOAT:
      return "float" + std::to_string(8 * size);
    case H5T_STRING:
      return H5Tis_variable_str(type) > 0 ? "string" : "string[" + std::to_string(size) + "]";
    case H5T_ENUM: {
      std::string text = "enum{";
      const int members = H5Tget_nmembers(type);
      for (int i = 0; i < members; ++i) {
        char* name = H5Tget_member_name(type, static_cast<unsigned>(i));
        if (i > 0) text += ",";
        text += name != nullptr ? name : "?";
        H5free_memory(name);
      }
      return text + "}";
    }
    case H5T_COMPOUND: {
      std::string text = "{";
      const int members = H5Tget_nmembers(type);
      for (int i = 0; i < members; ++i) {
        const auto index = static_cast<unsigned>(i);
        char* name = H5Tget_member_name(type, index);
        const DatatypeHandle member(H5Tget_member_type(type, index));
        if (i > 0) text += ", ";
        text += (name != nullptr ? std::string(name) : "?") + ": " +
                (member.is_open() ? type_name(member.get()) : "?");
        H5free_memory(name);
      }
      return text + "}";
    }
    case H5T_REFERENCE:
      return "reference";
    case H5T_VLEN:
      return "vlen";
    case H5T_ARRAY:
      return "array";
    case H5T_OPAQUE:
      return "opaque";
    case H5T_BITFIELD:
      return "bitfield";
    default:
      return "unknown";
  }
}

std::vector<AttributeDescription> describe_attributes(const Node& node,
                                                      const DescribeOptions& options) {
  std::vector<AttributeDescription> described;
  for (const auto& name : attribute_names(node)) {
    if (kBookkeeping.contains(name)) continue;
    std::string value;
    try {
      value = to_text(read_attribute(node, name), options.max_string_chars);
    } catch (const InputFileError&) {
      // A type this reader does not decode (compound, reference): name its type instead.
      const AttributeHandle attribute(H5Aopen(node.id(), name.c_str(), detail::default_plist()));
      const DatatypeHandle type(attribute.is_open() ? H5Aget_type(attribute.get()) : -1);
      value = "<" + (type.is_open() ? type_name(type.get()) : std::string("unreadable")) + ">";
      static_cast<void>(detail::take_hdf5_message());
    }
    described.push_back({name, std::move(value)});
  }
  return described;
}

std::string describe_filters(hid_t create_plist) {
  std::string text;
  const int count = H5Pget_nfilters(create_plist);
  for (int i = 0; i < count; ++i) {
    unsigned flags = 0;
    std::array<unsigned, 8> values{};
    std::size_t value_count = values.size();
    std::array<char, 64> name{};
    unsigned config = 0;
    const H5Z_filter_t filter =
        H5Pget_filter2(create_plist, static_cast<unsigned>(i), &flags, &value_count, values.data(),
                       name.size(), name.data(), &config);
    if (!text.empty()) text += "+";
    if (filter == H5Z_FILTER_DEFLATE) {
      text += "deflate(" + (value_count > 0 ? std::to_string(values[0]) : std::string("?")) + ")";
    } else if (filter == H5Z_FILTER_SHUFFLE) {
      text += "shuffle";
    } else if (filter == H5Z_FILTER_FLETCHER32) {
      text += "fletcher32";
    } else {
      text += name[0] != '\0' ? std::string(name.data()) : "filter " + std::to_string(filter);
    }
  }
  return text;
}

DatasetDescription describe_dataset(const Group& group, const std::string& name,
                                    const DescribeOptions& options) {
  const Node dataset = group.open_dataset(name);
  const std::string where = dataset.location();
  DatasetDescription d;
  d.name = name;
  d.path = dataset.object_path();
  const detail::Extents extents = detail::dataset_extents<InputFileError>(dataset.id(), where);
  d.shape.assign(extents.current.begin(), extents.current.end());
  for (const hsize_t maximum : extents.maximum) {
    d.max_shape.push_back(maximum == detail::unlimited_extent()
                              ? std::optional<std::uint64_t>()
                              : std::optional<std::uint64_t>(maximum));
  }
  const DatatypeHandle type(
      check_id<InputFileError>(H5Dget_type(dataset.id()), where, "cannot read the type"));
  d.dtype = type_name(type.get());
  d.dimensions = dimension_names(dataset);
  d.is_dimension_scale = H5DSis_scale(dataset.id()) > 0;
  const PropertyListHandle create(check_id<InputFileError>(H5Dget_create_plist(dataset.id()), where,
                                                           "cannot read the creation properties"));
  if (H5Pget_layout(create.get()) == H5D_CHUNKED) {
    std::vector<hsize_t> chunks(d.shape.size());
    if (H5Pget_chunk(create.get(), static_cast<int>(chunks.size()), chunks.data()) >= 0) {
      d.chunks.assign(chunks.begin(), chunks.end());
    }
  }
  d.filters = describe_filters(create.get());
  d.stored_bytes = H5Dget_storage_size(dataset.id());
  d.attributes = describe_attributes(dataset, options);
  static_cast<void>(detail::take_hdf5_message());
  return d;
}

GroupDescription describe_group(const Group& group, const std::string& name,
                                const DescribeOptions& options) {
  GroupDescription g;
  g.name = name;
  g.path = group.object_path();
  g.attributes = describe_attributes(group, options);
  for (const auto& child : group.child_names()) {
    if (group.is_group(child)) {
      g.groups.push_back(describe_group(group.open_group(child), child, options));
    } else if (group.is_dataset(child)) {
      g.datasets.push_back(describe_dataset(group, child, options));
    }
  }
  return g;
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string shape_text(const DatasetDescription& d) {
  std::string text = "(";
  for (std::size_t i = 0; i < d.shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(d.shape[i]);
    if (!d.max_shape[i]) text += "/unlimited";
  }
  return text + ")";
}

void write_attributes(std::string& out, const std::vector<AttributeDescription>& attributes,
                      const std::string& indent) {
  for (const auto& a : attributes) out += indent + "@" + a.name + " = " + a.value + "\n";
}

void write_group(std::string& out, const GroupDescription& g, const std::string& indent) {
  out += indent + (g.path == "/" ? std::string("/") : g.name + "/") + "\n";
  const std::string inner = indent + "  ";
  write_attributes(out, g.attributes, inner);
  for (const auto& d : g.datasets) {
    out += inner + d.name + "  " + d.dtype + " " + shape_text(d);
    std::vector<std::string> dims;
    bool has_dims = false;
    for (const auto& dim : d.dimensions) {
      dims.push_back(dim.empty() ? "-" : dim);
      has_dims = has_dims || !dim.empty();
    }
    if (d.is_dimension_scale) {
      out += "  dimension";
    } else if (has_dims) {
      out += "  dims (" + join(dims) + ")";
    }
    if (!d.chunks.empty()) {
      std::vector<std::string> chunks;
      for (const auto c : d.chunks) chunks.push_back(std::to_string(c));
      out += "  chunks (" + join(chunks) + ")";
    }
    if (!d.filters.empty()) out += "  " + d.filters;
    out += "  " + std::to_string(d.stored_bytes) + " bytes stored\n";
    write_attributes(out, d.attributes, inner + "  ");
  }
  for (const auto& child : g.groups) write_group(out, child, inner);
}
}  // namespace

FileDescription describe_file(const std::filesystem::path& path, const DescribeOptions& options) {
  const InputFile file(path);
  FileDescription description;
  description.path = path.string();
  std::error_code error;
  description.file_bytes = std::filesystem::file_size(path, error);
  description.format_version = file.wijksim_format_version();
  if (!description.format_version && !options.allow_foreign) file.require_wijksim_output();
  description.is_complete = file.is_complete();
  description.runs = file.runs();
  description.root = describe_group(file.root(), "/", options);
  return description;
}

std::string format_description(const FileDescription& d) {
  std::string out = d.path + "  " + std::to_string(d.file_bytes) + " bytes  ";
  out += d.format_version ? "wijksim format " + std::to_string(*d.format_version)
                          : std::string("not a wijksim output");
  out += d.is_complete ? ", complete\n" : ", INCOMPLETE (no complete mark)\n";
  if (!d.runs.empty()) {
    std::vector<std::string> runs;
    for (const auto& run : d.runs) {
      runs.push_back(run.id + (run.is_complete ? "" : " (incomplete)"));
    }
    out += "runs: " + join(runs) + "\n";
  }
  write_group(out, d.root, "");
  return out;
}

}  // namespace wijksim::analysis
