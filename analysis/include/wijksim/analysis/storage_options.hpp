#pragma once
// How an appendable dataset (series, panel, event table) is chunked and compressed.
#include <cstddef>
#include <cstdint>

namespace wijksim::analysis {

struct StorageOptions {
  /// Target uncompressed bytes per chunk. 64–256 KiB keeps deflate efficient and lets a
  /// reader fetch one variable without decompressing much else.
  std::size_t chunk_bytes = 128 * 1024;
  /// Deflate (gzip) level, 0 (off) to 9. Level 1: after the byte shuffle these series compress
  /// nearly as well as at level 4 (reference run: 0.92 MB against 0.89 MB) in two thirds of the
  /// time, and compression is most of what closing a run's file costs (`wijksim bench output`).
  int deflate_level = 1;
  /// Byte shuffle before deflate: groups the high bytes of numbers together, which usually
  /// makes slowly varying series compress several times better.
  bool shuffle = true;
  /// Rows (ticks, events) the writer expects in all; 0 when unknown. Caps the chunk's length
  /// along the appended dimension, so that a 520-tick run does not buffer a 32768-tick chunk.
  std::uint64_t expected_rows = 0;
  /// Keep written chunks in HDF5's chunk cache (at least two chunks, at least 1 MiB), so that
  /// they are compressed when evicted or when the file is flushed. false: no cache — a full
  /// chunk is compressed and written by the call that writes it (a recorder's writer thread,
  /// beside the run, instead of at the end), but a partial chunk flushed again and again would
  /// be read back and recompressed each time (appenders write it once, on close).
  bool cache_chunks = true;
};

}  // namespace wijksim::analysis
