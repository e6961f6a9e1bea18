#pragma once
// Appends rows to a dataset whose first dimension is unlimited, buffering them in memory and
// writing a whole chunk's worth of rows at a time (a compressed chunk written piecemeal is
// read back, decompressed and recompressed on every write). The byte-level core of
// SeriesWriter and EventTableWriter.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "wijksim/analysis/detail/background_writer.hpp"
#include "wijksim/analysis/h5_handle.hpp"
#include "wijksim/analysis/node.hpp"

namespace wijksim::analysis::detail {

class ChunkedAppender {
 public:
  ChunkedAppender() = default;
  /// `dataset`: extendible along its first dimension, chunked with `chunk_rows` rows along it
  /// and the full extent of every other dimension (or less: a row is then several whole
  /// chunks). `memory_type`: the type of the bytes handed to append(). `row_bytes`: bytes of
  /// one row in memory. Registers the writer with its file until close().
  ChunkedAppender(Node dataset, DatatypeHandle memory_type, std::vector<hsize_t> fixed_extents,
                  std::size_t row_bytes, std::size_t chunk_rows);
  ChunkedAppender(ChunkedAppender&& other) noexcept;
  ChunkedAppender& operator=(ChunkedAppender&& other) noexcept;
  ChunkedAppender(const ChunkedAppender&) = delete;
  ChunkedAppender& operator=(const ChunkedAppender&) = delete;
  /// Writes what is buffered (as close() does); a failure is recorded in the file's state so
  /// that commit() refuses to mark the file complete.
  ~ChunkedAppender();

  /// From now on, a chunk that fills is handed to `writer` (nullptr: written at once), which
  /// writes it on its own thread (compressed then when the dataset has no chunk cache). `writer`
  /// must outlive this appender. flush() and close() wait for it first.
  void write_in_background(BackgroundWriter* writer) noexcept { background_ = writer; }
  /// Appends `rows` rows of `row_bytes` bytes each. Throws OutputError when closed, or when an
  /// earlier chunk written in the background failed.
  void append(const std::byte* data, std::size_t rows);
  /// Writes the buffered rows; they stay buffered, so that the chunk they belong to is
  /// written whole again once it fills (no partial chunk is ever extended in place).
  void flush();
  /// Flushes, frees the buffer and unregisters from the file; idempotent. Throws OutputError
  /// (the writer then stays open and registered).
  void close();

  [[nodiscard]] bool is_open() const noexcept { return is_open_; }
  [[nodiscard]] std::uint64_t rows() const noexcept { return chunk_start_ + buffered_rows_; }
  [[nodiscard]] const Node& dataset() const noexcept { return dataset_; }
  [[nodiscard]] std::size_t row_bytes() const noexcept { return row_bytes_; }

 private:
  void write_buffer();
  void write_full_chunk_in_background();
  void unregister() noexcept;
  void close_or_record() noexcept;

  Node dataset_;
  DatatypeHandle memory_type_;
  std::vector<hsize_t> fixed_extents_;
  std::size_t row_bytes_ = 0;
  std::size_t chunk_rows_ = 1;
  std::vector<std::byte> buffer_;
  std::size_t buffered_rows_ = 0;
  hsize_t chunk_start_ = 0;  // first row of the chunk being filled
  hsize_t extent_ = 0;       // rows in the file
  bool is_dirty_ = false;    // buffered rows not yet in the file
  bool is_open_ = false;
  BackgroundWriter* background_ = nullptr;
};

}  // namespace wijksim::analysis::detail
