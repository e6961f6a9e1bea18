#include "wijksim/analysis/attributes.hpp"

#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "detail/h5_api.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;
using detail::default_plist;

std::string where_attribute(const Node& target, std::string_view name) {
  return target.location() + " attribute '" + std::string(name) + "'";
}

DataspaceHandle make_space(std::size_t count, bool scalar, const std::string& where) {
  if (scalar)
    return DataspaceHandle(check_id(H5Screate(H5S_SCALAR), where, "cannot make a dataspace"));
  const hsize_t extent = count;
  return DataspaceHandle(
      check_id(H5Screate_simple(1, &extent, nullptr), where, "cannot make a dataspace"));
}

void write_raw(const Node& target, std::string_view name, hid_t file_type, hid_t memory_type,
               std::size_t count, bool scalar, const void* data) {
  const std::string where = where_attribute(target, name);
  const std::string key(name);
  if (detail::check_tri(H5Aexists(target.id(), key.c_str()), where, "cannot look up")) {
    check_status(H5Adelete(target.id(), key.c_str()), where, "cannot replace");
  }
  const DataspaceHandle space = make_space(count, scalar, where);
  const AttributeHandle attribute(
      check_id(H5Acreate2(target.id(), key.c_str(), file_type, space.get(), default_plist(),
                          default_plist()),
               where, "cannot create"));
  if (count > 0) check_status(H5Awrite(attribute.get(), memory_type, data), where, "cannot write");
}

void write_strings(const Node& target, std::string_view name,
                   const std::vector<std::string>& values, bool scalar) {
  const DatatypeHandle type = detail::utf8_string_type();
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  write_raw(target, name, type.get(), type.get(), values.size(), scalar, pointers.data());
}

struct AttributeShape {
  bool scalar = true;
  std::size_t count = 1;
};

AttributeShape shape_of(hid_t attribute, const std::string& where) {
  const DataspaceHandle space(
      check_id<InputFileError>(H5Aget_space(attribute), where, "cannot read the dataspace"));
  const H5S_class_t space_class = H5Sget_simple_extent_type(space.get());
  if (space_class == H5S_SCALAR) return {};
  if (space_class == H5S_NULL) return {false, 0};
  if (H5Sget_simple_extent_ndims(space.get()) != 1) {
    throw InputFileError(where, "is not a scalar or 1-D attribute");
  }
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) detail::fail<InputFileError>(where, "cannot read the size");
  return {false, static_cast<std::size_t>(points)};
}

std::vector<std::string> read_strings(hid_t attribute, hid_t stored_type, std::size_t count,
                                      const std::string& where) {
  std::vector<std::string> values;
  values.reserve(count);
  const htri_t is_variable = H5Tis_variable_str(stored_type);
  if (is_variable < 0) detail::fail<InputFileError>(where, "cannot read the string type");
  if (is_variable > 0) {
    // Read with the stored type as memory type: strings have no byte order, and this keeps
    // the stored character set (HDF5 does not convert between ASCII and UTF-8).
    std::vector<char*> pointers(std::max<std::size_t>(count, 1), nullptr);
    check_status<InputFileError>(H5Aread(attribute, stored_type, pointers.data()), where,
                                 "cannot read");
    for (std::size_t i = 0; i < count; ++i) {
      values.emplace_back(pointers[i] != nullptr ? pointers[i] : "");
    }
    const DataspaceHandle space(H5Aget_space(attribute));
    H5Dvlen_reclaim(stored_type, space.get(), default_plist(), pointers.data());
    return values;
  }
  const std::size_t size = H5Tget_size(stored_type);
  if (size == 0) detail::fail<InputFileError>(where, "cannot read the string size");
  std::vector<char> buffer(size * std::max<std::size_t>(count, 1), '\0');
  check_status<InputFileError>(H5Aread(attribute, stored_type, buffer.data()), where,
                               "cannot read");
  for (std::size_t i = 0; i < count; ++i) {
    const char* begin = buffer.data() + i * size;
    values.emplace_back(begin, std::find(begin, begin + size, '\0'));
  }
  return values;
}

template <class T>
std::vector<T> read_numbers(hid_t attribute, hid_t memory_type, std::size_t count,
                            const std::string& where) {
  std::vector<T> values(std::max<std::size_t>(count, 1));
  check_status<InputFileError>(H5Aread(attribute, memory_type, values.data()), where,
                               "cannot read");
  values.resize(count);
  return values;
}
}  // namespace

void write_attribute(const Node& target, std::string_view name, const AttributeValue& value) {
  detail::quiet_hdf5();
  detail::check_name(name, target.location(), "attribute");
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) {
          write_strings(target, name, {v}, true);
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          write_strings(target, name, v, false);
        } else if constexpr (std::is_same_v<V, double>) {
          write_raw(target, name, detail::file_type(ElementType::float64),
                    detail::native_type(ElementType::float64), 1, true, &v);
        } else if constexpr (std::is_same_v<V, std::int64_t>) {
          write_raw(target, name, detail::file_type(ElementType::int64),
                    detail::native_type(ElementType::int64), 1, true, &v);
        } else if constexpr (std::is_same_v<V, std::uint64_t>) {
          write_raw(target, name, detail::le_uint64(), detail::native_uint64(), 1, true, &v);
        } else if constexpr (std::is_same_v<V, std::vector<double>>) {
          write_raw(target, name, detail::file_type(ElementType::float64),
                    detail::native_type(ElementType::float64), v.size(), false, v.data());
        } else {
          static_assert(std::is_same_v<V, std::vector<std::int64_t>>);
          write_raw(target, name, detail::file_type(ElementType::int64),
                    detail::native_type(ElementType::int64), v.size(), false, v.data());
        }
      },
      value);
}

AttributeValue read_attribute(const Node& target, std::string_view name) {
  detail::quiet_hdf5();
  const std::string where = where_attribute(target, name);
  if (!has_attribute(target, name)) throw InputFileError(where, "does not exist");
  const std::string key(name);
  const AttributeHandle attribute(check_id<InputFileError>(
      H5Aopen(target.id(), key.c_str(), default_plist()), where, "cannot open"));
  const DatatypeHandle stored(
      check_id<InputFileError>(H5Aget_type(attribute.get()), where, "cannot read the type"));
  const AttributeShape shape = shape_of(attribute.get(), where);
  switch (H5Tget_class(stored.get())) {
    case H5T_STRING: {
      auto values = read_strings(attribute.get(), stored.get(), shape.count, where);
      if (shape.scalar) return values.at(0);
      return values;
    }
    case H5T_FLOAT: {
      auto values = read_numbers<double>(attribute.get(), detail::native_type(ElementType::float64),
                                         shape.count, where);
      if (shape.scalar) return values.at(0);
      return values;
    }
    case H5T_INTEGER: {
      const bool is_unsigned_64 =
          H5Tget_sign(stored.get()) == H5T_SGN_NONE && H5Tget_size(stored.get()) >= 8;
      if (is_unsigned_64 && shape.scalar) {
        return read_numbers<std::uint64_t>(attribute.get(), detail::native_uint64(), 1, where)
            .at(0);
      }
      auto values = read_numbers<std::int64_t>(
          attribute.get(), detail::native_type(ElementType::int64), shape.count, where);
      if (shape.scalar) return values.at(0);
      return values;
    }
    default:
      throw InputFileError(where,
                           "has a type this reader does not handle (not a number or "
                           "string)");
  }
}

bool has_attribute(const Node& target, std::string_view name) {
  detail::quiet_hdf5();
  const std::string key(name);
  return detail::check_tri<InputFileError>(H5Aexists(target.id(), key.c_str()),
                                           where_attribute(target, name), "cannot look up");
}

namespace {
herr_t collect_attribute(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/,
                         void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}
}  // namespace

std::vector<std::string> attribute_names(const Node& target) {
  detail::quiet_hdf5();
  std::vector<std::string> names;
  hsize_t position = 0;
  check_status<InputFileError>(
      H5Aiterate2(target.id(), H5_INDEX_NAME, H5_ITER_INC, &position, collect_attribute, &names),
      target.location(), "cannot list attributes");
  return names;
}

void remove_attribute(const Node& target, std::string_view name) {
  detail::quiet_hdf5();
  const std::string key(name);
  check_status(H5Adelete(target.id(), key.c_str()), where_attribute(target, name), "cannot remove");
}

std::int64_t read_int_attribute(const Node& target, std::string_view name) {
  const AttributeValue value = read_attribute(target, name);
  if (const auto* v = std::get_if<std::int64_t>(&value)) return *v;
  if (const auto* u = std::get_if<std::uint64_t>(&value)) {
    if (*u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(*u);
  }
  throw InputFileError(where_attribute(target, name), "is not a scalar integer");
}

std::string read_string_attribute(const Node& target, std::string_view name) {
  AttributeValue value = read_attribute(target, name);
  if (auto* v = std::get_if<std::string>(&value)) return std::move(*v);
  throw InputFileError(where_attribute(target, name), "is not a scalar string");
}

namespace {
// Appends `text` with control characters escaped (a listing keeps one attribute a line), cut
// after `max_chars` bytes at a UTF-8 character boundary.
void append_cut(std::string& out, std::string_view text, std::size_t max_chars) {
  std::size_t end = std::min(text.size(), max_chars);
  while (end < text.size() && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end;  // do not split a multi-byte character
  }
  for (const char c : text.substr(0, end)) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20U) {
      out += '?';
    } else {
      out += c;
    }
  }
  if (end < text.size()) out += "… (" + std::to_string(text.size()) + " chars)";
}

// Ten significant digits: short to read, and enough to recognise a parameter's value.
std::string number_text(double value) {
  char buffer[32];
  const int n = std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string("?");
}
}  // namespace

std::string to_text(const AttributeValue& value, std::size_t max_chars) {
  return std::visit(
      [max_chars](const auto& v) -> std::string {
        using V = std::decay_t<decltype(v)>;
        std::string out;
        if constexpr (std::is_same_v<V, std::string>) {
          out += '"';
          append_cut(out, v, max_chars);
          out += '"';
        } else if constexpr (std::is_same_v<V, double>) {
          out = number_text(v);
        } else if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, std::uint64_t>) {
          out = std::to_string(v);
        } else {
          out += '[';  // not `out = "["`: GCC 12 -Wrestrict false positive (PR 105651)
          bool is_cut = false;
          for (std::size_t i = 0; i < v.size(); ++i) {
            std::string item;
            if constexpr (std::is_same_v<V, std::vector<std::string>>) {
              item.reserve(v[i].size() + 2);
              item += '"';
              item += v[i];
              item += '"';
            } else if constexpr (std::is_same_v<V, std::vector<double>>) {
              item = number_text(v[i]);
            } else {
              item = std::to_string(v[i]);
            }
            if (i > 0 && out.size() + item.size() > max_chars) {
              is_cut = true;
              break;
            }
            if (i > 0) out += ", ";
            out += item;
          }
          if (is_cut) out += ", …";
          out += "]";
          if (is_cut) out += " (" + std::to_string(v.size()) + " values)";
        }
        return out;
      },
      value);
}

void write_variable_attributes(const Node& target, const VariableAttributes& attributes) {
  if (!attributes.units.empty()) write_attribute(target, "units", attributes.units);
  if (!attributes.long_name.empty()) write_attribute(target, "long_name", attributes.long_name);
  if (!attributes.description.empty()) {
    write_attribute(target, "description", attributes.description);
  }
}

}  // namespace wijksim::analysis
