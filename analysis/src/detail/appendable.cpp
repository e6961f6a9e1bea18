#include "detail/appendable.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

#include "detail/h5_api.hpp"

namespace wijksim::analysis::detail {
namespace {
hsize_t product(std::vector<hsize_t>::const_iterator begin,
                std::vector<hsize_t>::const_iterator end) {
  return std::accumulate(begin, end, hsize_t{1}, std::multiplies<>());
}

// The cache holds at least two chunks (and never less than HDF5's default of 1 MiB): a chunk
// that does not fit is read back, decompressed and recompressed on every partial write.
// w0 = 1: fully written chunks are evicted (compressed and written) first.
constexpr std::size_t kCacheSlots = 521;  // a prime well above the chunks the cache holds
constexpr std::size_t kMinimumCacheBytes = std::size_t{1} << 20;
}  // namespace

std::vector<hsize_t> chunk_extents(const std::vector<hsize_t>& fixed_extents,
                                   std::size_t element_bytes, const StorageOptions& options) {
  const hsize_t target_elements =
      std::max<hsize_t>(1, options.chunk_bytes / std::max<std::size_t>(element_bytes, 1));
  const hsize_t row_elements = product(fixed_extents.begin(), fixed_extents.end());
  std::vector<hsize_t> chunk{1};
  if (row_elements <= target_elements) {
    hsize_t rows = target_elements / std::max<hsize_t>(row_elements, 1);
    if (options.expected_rows > 0) rows = std::min<hsize_t>(rows, options.expected_rows);
    chunk[0] = std::max<hsize_t>(rows, 1);
    chunk.insert(chunk.end(), fixed_extents.begin(), fixed_extents.end());
    return chunk;
  }
  // One row is more than a chunk: split it, outermost fixed dimension first.
  bool is_split = false;
  for (auto it = fixed_extents.begin(); it != fixed_extents.end(); ++it) {
    if (is_split) {
      chunk.push_back(*it);
      continue;
    }
    const hsize_t inner = product(std::next(it), fixed_extents.end());
    if (inner <= target_elements) {
      chunk.push_back(std::clamp<hsize_t>(target_elements / inner, 1, *it));
      is_split = true;
    } else {
      chunk.push_back(1);
    }
  }
  return chunk;
}

Appendable create_appendable(const Group& group, AppendableSpec spec,
                             const StorageOptions& options) {
  quiet_hdf5();
  check_name(spec.name, group.location(), "dataset");
  const std::string key(spec.name);
  const std::string where = group.file_path() + ":" + group.child_path(spec.name);
  if (options.deflate_level < 0 || options.deflate_level > 9) {
    throw OutputError(where, "deflate level " + std::to_string(options.deflate_level) +
                                 " is out of range: expected 0 (off) to 9");
  }
  if (options.chunk_bytes == 0) throw OutputError(where, "chunk size of 0 bytes: expected > 0");
  if (group.contains(spec.name)) {
    throw OutputError(where, "cannot create dataset: a group or dataset of this name exists");
  }

  const std::vector<hsize_t> chunk =
      chunk_extents(spec.fixed_extents, spec.file_element_bytes, options);
  std::vector<hsize_t> current{0};
  current.insert(current.end(), spec.fixed_extents.begin(), spec.fixed_extents.end());
  std::vector<hsize_t> maximum = current;
  maximum[0] = unlimited_extent();
  const int rank = static_cast<int>(current.size());
  const DataspaceHandle space(check_id(H5Screate_simple(rank, current.data(), maximum.data()),
                                       where, "cannot make a dataspace"));

  const PropertyListHandle create(
      check_id(H5Pcreate(H5P_DATASET_CREATE), where, "cannot make a property list"));
  check_status(H5Pset_chunk(create.get(), rank, chunk.data()), where, "cannot set chunking");
  if (options.shuffle) check_status(H5Pset_shuffle(create.get()), where, "cannot set shuffle");
  if (options.deflate_level > 0) {
    check_status(H5Pset_deflate(create.get(), static_cast<unsigned>(options.deflate_level)), where,
                 "cannot set deflate (is HDF5 built with zlib?)");
  }
  if (spec.fill_value != nullptr) {
    check_status(H5Pset_fill_value(create.get(), spec.memory_type.get(), spec.fill_value), where,
                 "cannot set the fill value");
  }

  const std::size_t chunk_bytes =
      static_cast<std::size_t>(product(chunk.begin(), chunk.end())) * spec.file_element_bytes;
  const PropertyListHandle access(
      check_id(H5Pcreate(H5P_DATASET_ACCESS), where, "cannot make a property list"));
  check_status(H5Pset_chunk_cache(access.get(), kCacheSlots,
                                  options.cache_chunks ? std::max(2 * chunk_bytes, kMinimumCacheBytes) : 0, 1.0),
               where, "cannot size the chunk cache");

  ObjectHandle dataset(check_id(H5Dcreate2(group.id(), key.c_str(), spec.file_type, space.get(),
                                           default_plist(), create.get(), access.get()),
                                where, "cannot create the dataset"));
  Node node(std::move(dataset), group.file_state(), group.child_path(spec.name));
  return Appendable{
      ChunkedAppender(std::move(node), std::move(spec.memory_type), std::move(spec.fixed_extents),
                      spec.memory_row_bytes, static_cast<std::size_t>(chunk[0])),
      std::vector<std::uint64_t>(chunk.begin(), chunk.end())};
}

}  // namespace wijksim::analysis::detail
