#pragma once
// How an appendable dataset (series, panel, event table) is chunked and compressed.
#include <cstddef>
#include <cstdint>

namespace wijksim::analysis {

struct StorageOptions {
  /// Target uncompressed bytes per chunk. 64–256 KiB keeps deflate efficient and lets a
  /// reader fetch one variable without decompressing much else.
  std::size_t chunk_bytes = 128 * 1024;
  /// Deflate (gzip) level, 0 (off) to 9. Level 4 is near the best ratio at a fraction of the
  /// time of level 9 on series like these.
  int deflate_level = 4;
  /// Byte shuffle before deflate: groups the high bytes of numbers together, which usually
  /// makes slowly varying series compress several times better.
  bool shuffle = true;
  /// Rows (ticks, events) the writer expects in all; 0 when unknown. Caps the chunk's length
  /// along the appended dimension, so that a 520-tick run does not buffer a 32768-tick chunk.
  std::uint64_t expected_rows = 0;
};

}  // namespace wijksim::analysis
