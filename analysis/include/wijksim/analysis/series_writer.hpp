#pragma once
// Time series (and panels) appended tick by tick: an extendible dataset whose first dimension
// is unlimited (tick) followed by fixed dimensions, chunked and compressed (shuffle +
// deflate), with a chunk cache sized to its chunks, rows buffered in memory and written a
// whole chunk at a time.
//
//   (tick)                         a city-wide number per tick
//   (tick, domain)                 per life domain
//   (tick, neighbourhood, domain)  per neighbourhood and domain
//   (tick, resident, domain)       a panel of sampled residents (chunked within a tick too)
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/detail/chunked_appender.hpp"
#include "wijksim/analysis/element_type.hpp"
#include "wijksim/analysis/group.hpp"
#include "wijksim/analysis/storage_options.hpp"

namespace wijksim::analysis {

struct SeriesSpec {
  std::string name{};
  /// Dimension names, first the unlimited one (tick), then fixed ones; each must exist in the
  /// group or above it (add_dimension, add_unlimited_dimension).
  std::vector<std::string> dimensions{};
  VariableAttributes attributes{};
};

/// Writer of one series. Float series get the fill value NaN (HDF5 fill value and netCDF
/// `_FillValue`), so a NaN written means "no value"; integer series have no `_FillValue`
/// (xarray would otherwise turn counts into floats).
///
/// The destructor writes buffered rows but cannot report failure; call close() to see errors
/// (OutputFile::commit() refuses while a writer is open, and reports a failed destructor).
/// @code
///   auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {.units = "weeks"});
///   add_dimension(run, "domain", domains);
///   SeriesWriter<double> hours(run, {"care_hours", {"tick", "domain"}, {.units = "h/week"}});
///   for (...) { tick.append(t); hours.append(per_domain); }
///   hours.close(); tick.close();
/// @endcode
template <SeriesElement T>
class SeriesWriter {
 public:
  /// Creates dataset `spec.name` in `group`. Throws OutputError when the name exists, a
  /// dimension is missing, the first dimension is not unlimited, a later one is unlimited or
  /// empty, or the options are out of range.
  SeriesWriter(const Group& group, const SeriesSpec& spec, const StorageOptions& options = {});
  /// Internal: wraps an appender made by add_unlimited_dimension().
  SeriesWriter(detail::ChunkedAppender appender, std::vector<std::uint64_t> chunk_shape,
               std::size_t values_per_tick);

  /// Appends whole ticks: `values.size()` must be a multiple of values_per_tick(), each tick's
  /// values in row-major order of the fixed dimensions. Throws OutputError otherwise.
  void append(std::span<const T> values);
  /// Appends one tick of a series whose only dimension is tick.
  void append(T value);
  /// Full chunks are written by `writer` on its thread (detail/background_writer.hpp); it
  /// must outlive this writer.
  void write_in_background(detail::BackgroundWriter* writer) noexcept { appender_.write_in_background(writer); }
  /// Writes buffered ticks to the file (they stay buffered until their chunk fills).
  void flush() { appender_.flush(); }
  /// Writes the remaining ticks and releases the buffer; idempotent.
  void close() { appender_.close(); }

  [[nodiscard]] bool is_open() const noexcept { return appender_.is_open(); }
  [[nodiscard]] std::uint64_t ticks() const noexcept { return appender_.rows(); }
  /// Product of the fixed dimensions' lengths (1 for a (tick) series).
  [[nodiscard]] std::size_t values_per_tick() const noexcept { return values_per_tick_; }
  /// Chunk extents, first along tick.
  [[nodiscard]] const std::vector<std::uint64_t>& chunk_shape() const noexcept {
    return chunk_shape_;
  }
  /// The dataset, for more attributes.
  [[nodiscard]] const Node& dataset() const noexcept { return appender_.dataset(); }

 private:
  detail::ChunkedAppender appender_;
  std::vector<std::uint64_t> chunk_shape_;
  std::size_t values_per_tick_ = 1;
};

/// Creates the unlimited dimension `name` (tick) in `group` — an extendible 1-D dimension
/// scale — and returns the writer of its coordinate values, one per tick. Every series along
/// it must be appended as often as it (OutputFile::mark_complete checks).
///
/// Time units: use a plain unit ("weeks"), and say "since start of run" in `long_name`:
/// xarray tries to decode any "<unit> since <date>" as dates, fails on a reference that is
/// not a date, and then refuses to open the group.
template <SeriesElement T>
[[nodiscard]] SeriesWriter<T> add_unlimited_dimension(const Group& group, std::string_view name,
                                                      const VariableAttributes& attributes,
                                                      const StorageOptions& options = {});

/// Uncompressed bytes of `rows` ticks of a series (or panel) with the given fixed extents:
/// rows × product(fixed_extents) × element size. The file is usually several times smaller
/// (shuffle + deflate); the padding of the last chunk is extra but compresses to almost
/// nothing. For the command line to show what a panel will cost before a run.
[[nodiscard]] std::uint64_t expected_bytes(ElementType type,
                                           std::span<const std::uint64_t> fixed_extents,
                                           std::uint64_t rows) noexcept;

extern template class SeriesWriter<double>;
extern template class SeriesWriter<float>;
extern template class SeriesWriter<std::int64_t>;
extern template class SeriesWriter<std::int32_t>;

}  // namespace wijksim::analysis
