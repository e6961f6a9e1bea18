#pragma once
// Event logs (referrals, care episodes, incidents, project transitions) as a 1-D extendible
// table of a compound type, appended in whole chunks. h5py reads it as a numpy structured
// array (`f["runs/r1/events/incidents"][:]`), pandas as `pd.DataFrame(that)`.
//
// Event tables are HDF5, not netCDF: compound types have no netCDF meaning. Keep them in a
// subgroup of the run (`<run>/events/`), so that xarray opening the run group does not meet
// them.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/detail/chunked_appender.hpp"
#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/output_error.hpp"
#include "wijksim/analysis/storage_options.hpp"

namespace wijksim::analysis {

enum class FieldType {
  int8,
  uint8,
  int32,
  uint32,
  int64,
  float64,
  fixed_string,  ///< `char[length]`, NUL-padded UTF-8 (h5py: bytes)
  enumeration,   ///< `std::uint8_t` (or an enum of that underlying type) with labels
};

/// One field of an event record: its name, its byte offset in the caller's struct
/// (`offsetof(Incident, tick)`) and its type.
struct EventField {
  std::string name{};
  std::size_t offset = 0;
  FieldType type = FieldType::int64;
  std::size_t string_length = 0;      ///< bytes, for fixed_string
  std::vector<std::string> labels{};  ///< value i is labels[i], for enumeration (at most 256)

  /// A numeric field whose type follows `T` (int8_t, uint8_t, int32_t, uint32_t, int64_t,
  /// double, or an enum whose underlying type is one of those integers).
  template <class T>
  [[nodiscard]] static EventField of(std::string name, std::size_t offset);
  [[nodiscard]] static EventField string(std::string name, std::size_t offset, std::size_t length) {
    return {std::move(name), offset, FieldType::fixed_string, length, {}};
  }
  [[nodiscard]] static EventField enumeration(std::string name, std::size_t offset,
                                              std::vector<std::string> labels) {
    return {std::move(name), offset, FieldType::enumeration, 0, std::move(labels)};
  }
};

struct EventTableSpec {
  std::string name{};
  std::size_t record_size = 0;  ///< sizeof the caller's record struct
  std::vector<EventField> fields{};
  VariableAttributes attributes{};  ///< `description` says what one row is
};

/// Writer of one event table. Records are the caller's trivially copyable structs; the file
/// stores the fields packed (no padding), in the order given.
/// @code
///   struct Incident { std::int32_t tick; std::uint8_t kind; std::int64_t household; double cost;
///   }; EventTableWriter incidents(events, {"incidents", sizeof(Incident), {
///       EventField::of<std::int32_t>("tick", offsetof(Incident, tick)),
///       EventField::enumeration("kind", offsetof(Incident, kind), {"eviction", "placement"}),
///       EventField::of<std::int64_t>("household", offsetof(Incident, household)),
///       EventField::of<double>("cost", offsetof(Incident, cost))}});
///   incidents.append(Incident{12, 0, 4711, 5400.0});
///   incidents.close();
/// @endcode
class EventTableWriter {
 public:
  /// Throws OutputError when a field lies outside the record, overlaps another, repeats a
  /// name, has no length (string) or no / too many / repeated labels (enumeration), or when
  /// the name exists in `group`.
  EventTableWriter(const Group& group, const EventTableSpec& spec,
                   const StorageOptions& options = {});

  /// Appends one record; OutputError when sizeof(Record) is not the declared record size.
  template <class Record>
  void append(const Record& record) {
    append(std::span<const Record>(&record, 1));
  }
  template <class Record>
  void append(std::span<const Record> records) {
    static_assert(std::is_trivially_copyable_v<Record>, "records are copied as bytes");
    check_record_size(sizeof(Record));
    append_bytes(reinterpret_cast<const std::byte*>(records.data()), records.size());
  }
  /// Appends `count` records laid out as declared (record_size bytes each).
  void append_bytes(const std::byte* records, std::size_t count) {
    appender_.append(records, count);
  }
  /// Full chunks are written by `writer` on its thread (detail/background_writer.hpp); it
  /// must outlive this writer.
  void write_in_background(detail::BackgroundWriter* writer) noexcept { appender_.write_in_background(writer); }
  void flush() { appender_.flush(); }
  /// Writes the remaining records and releases the buffer; idempotent.
  void close() { appender_.close(); }

  [[nodiscard]] bool is_open() const noexcept { return appender_.is_open(); }
  [[nodiscard]] std::uint64_t rows() const noexcept { return appender_.rows(); }
  [[nodiscard]] std::uint64_t chunk_rows() const noexcept { return chunk_rows_; }
  [[nodiscard]] const Node& dataset() const noexcept { return appender_.dataset(); }

 private:
  void check_record_size(std::size_t size) const;

  detail::ChunkedAppender appender_;
  std::size_t record_size_ = 0;
  std::uint64_t chunk_rows_ = 0;
};

template <class T>
EventField EventField::of(std::string name, std::size_t offset) {
  using U = typename std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>,
                                        std::type_identity<T>>::type;
  FieldType type = FieldType::int64;
  if constexpr (std::is_same_v<U, std::int8_t>) {
    type = FieldType::int8;
  } else if constexpr (std::is_same_v<U, std::uint8_t>) {
    type = FieldType::uint8;
  } else if constexpr (std::is_same_v<U, std::int32_t>) {
    type = FieldType::int32;
  } else if constexpr (std::is_same_v<U, std::uint32_t>) {
    type = FieldType::uint32;
  } else if constexpr (std::is_same_v<U, std::int64_t>) {
    type = FieldType::int64;
  } else {
    static_assert(std::is_same_v<U, double>, "unsupported event field type");
    type = FieldType::float64;
  }
  return {std::move(name), offset, type, 0, {}};
}

}  // namespace wijksim::analysis
