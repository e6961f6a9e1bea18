#include "wijksim/analysis/event_table_writer.hpp"

#include <algorithm>
#include <set>

#include "detail/appendable.hpp"
#include "detail/h5_api.hpp"

namespace wijksim::analysis {
namespace {
using detail::check_id;
using detail::check_status;

std::size_t field_bytes(const EventField& field) {
  switch (field.type) {
    case FieldType::int8:
    case FieldType::uint8:
    case FieldType::enumeration:
      return 1;
    case FieldType::int32:
    case FieldType::uint32:
      return 4;
    case FieldType::int64:
    case FieldType::float64:
      return 8;
    case FieldType::fixed_string:
      return field.string_length;
  }
  return 0;
}

// The field's type in memory (`is_file` false) or in the file (little-endian, `is_file` true).
DatatypeHandle field_type(const EventField& field, bool is_file, const std::string& where) {
  const auto copy = [&](hid_t predefined) {
    return DatatypeHandle(check_id(H5Tcopy(predefined), where, "cannot copy a type"));
  };
  switch (field.type) {
    case FieldType::int8:
      return copy(is_file ? detail::le_int8() : detail::native_int8());
    case FieldType::uint8:
      return copy(is_file ? detail::le_uint8() : detail::native_uint8());
    case FieldType::int32:
      return copy(is_file ? detail::file_type(ElementType::int32)
                          : detail::native_type(ElementType::int32));
    case FieldType::uint32:
      return copy(is_file ? detail::le_uint32() : detail::native_uint32());
    case FieldType::int64:
      return copy(is_file ? detail::file_type(ElementType::int64)
                          : detail::native_type(ElementType::int64));
    case FieldType::float64:
      return copy(is_file ? detail::file_type(ElementType::float64)
                          : detail::native_type(ElementType::float64));
    case FieldType::fixed_string:
      return detail::fixed_string_type(field.string_length);
    case FieldType::enumeration: {
      DatatypeHandle type(
          check_id(H5Tenum_create(is_file ? detail::le_uint8() : detail::native_uint8()), where,
                   "cannot make an enumeration type"));
      for (std::size_t i = 0; i < field.labels.size(); ++i) {
        const auto value = static_cast<std::uint8_t>(i);
        check_status(H5Tenum_insert(type.get(), field.labels[i].c_str(), &value), where,
                     "cannot add enumeration label '" + field.labels[i] + "'");
      }
      return type;
    }
  }
  throw OutputError(where, "unknown field type");
}

void validate(const EventTableSpec& spec, const std::string& where) {
  if (spec.fields.empty()) throw OutputError(where, "an event table needs at least one field");
  if (spec.record_size == 0) throw OutputError(where, "record size of 0 bytes");
  std::set<std::string> names;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end) in the record
  for (const auto& field : spec.fields) {
    const std::string what = "field '" + field.name + "'";
    detail::check_name(field.name, where, "field");
    if (!names.insert(field.name).second) throw OutputError(where, what + " is declared twice");
    if (field.type == FieldType::fixed_string && field.string_length == 0) {
      throw OutputError(where, what + ": a fixed-length string needs a length > 0");
    }
    if (field.type == FieldType::enumeration) {
      if (field.labels.empty() || field.labels.size() > 256) {
        throw OutputError(where, what + ": an enumeration needs 1 to 256 labels, found " +
                                     std::to_string(field.labels.size()));
      }
      const std::set<std::string> unique(field.labels.begin(), field.labels.end());
      if (unique.size() != field.labels.size()) {
        throw OutputError(where, what + ": enumeration labels repeat");
      }
    }
    const std::size_t end = field.offset + field_bytes(field);
    if (end > spec.record_size) {
      throw OutputError(where, what + " ends at byte " + std::to_string(end) +
                                   ", beyond the record size " + std::to_string(spec.record_size));
    }
    spans.emplace_back(field.offset, end);
  }
  std::sort(spans.begin(), spans.end());
  for (std::size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].first < spans[i - 1].second) {
      throw OutputError(where, "fields overlap at byte " + std::to_string(spans[i].first));
    }
  }
}
}  // namespace

EventTableWriter::EventTableWriter(const Group& group, const EventTableSpec& spec,
                                   const StorageOptions& options)
    : record_size_(spec.record_size) {
  detail::quiet_hdf5();
  detail::check_name(spec.name, group.location(), "event table");
  const std::string where = group.file_path() + ":" + group.child_path(spec.name);
  validate(spec, where);

  DatatypeHandle memory(
      check_id(H5Tcreate(H5T_COMPOUND, spec.record_size), where, "cannot make the record type"));
  std::size_t packed = 0;
  for (const auto& field : spec.fields) packed += field_bytes(field);
  const DatatypeHandle file(
      check_id(H5Tcreate(H5T_COMPOUND, packed), where, "cannot make the file record type"));
  std::size_t file_offset = 0;
  for (const auto& field : spec.fields) {
    const DatatypeHandle in_memory = field_type(field, false, where);
    const DatatypeHandle in_file = field_type(field, true, where);
    check_status(H5Tinsert(memory.get(), field.name.c_str(), field.offset, in_memory.get()), where,
                 "cannot add field '" + field.name + "'");
    check_status(H5Tinsert(file.get(), field.name.c_str(), file_offset, in_file.get()), where,
                 "cannot add field '" + field.name + "'");
    file_offset += field_bytes(field);
  }

  detail::Appendable made = detail::create_appendable(
      group, {spec.name, file.get(), std::move(memory), {}, packed, spec.record_size, nullptr},
      options);
  write_variable_attributes(made.appender.dataset(), spec.attributes);
  appender_ = std::move(made.appender);
  chunk_rows_ = made.chunk_shape.at(0);
}

void EventTableWriter::check_record_size(std::size_t size) const {
  if (size != record_size_) {
    throw OutputError(dataset().location(), "cannot append a record of " + std::to_string(size) +
                                                " bytes: the table was declared with records of " +
                                                std::to_string(record_size_) + " bytes");
  }
}

}  // namespace wijksim::analysis
