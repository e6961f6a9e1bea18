#include "wijksim/analysis/detail/chunked_appender.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <utility>

#include "detail/h5_api.hpp"
#include "wijksim/analysis/detail/file_state.hpp"

namespace wijksim::analysis::detail {

ChunkedAppender::ChunkedAppender(Node dataset, DatatypeHandle memory_type,
                                 std::vector<hsize_t> fixed_extents, std::size_t row_bytes,
                                 std::size_t chunk_rows)
    : dataset_(std::move(dataset)),
      memory_type_(std::move(memory_type)),
      fixed_extents_(std::move(fixed_extents)),
      row_bytes_(row_bytes),
      chunk_rows_(std::max<std::size_t>(chunk_rows, 1)),
      buffer_(row_bytes_ * chunk_rows_),
      is_open_(true) {
  if (dataset_.file_state()) dataset_.file_state()->open_writers.insert(dataset_.object_path());
}

ChunkedAppender::ChunkedAppender(ChunkedAppender&& other) noexcept
    : dataset_(std::move(other.dataset_)),
      memory_type_(std::move(other.memory_type_)),
      fixed_extents_(std::move(other.fixed_extents_)),
      row_bytes_(other.row_bytes_),
      chunk_rows_(other.chunk_rows_),
      buffer_(std::move(other.buffer_)),
      buffered_rows_(other.buffered_rows_),
      chunk_start_(other.chunk_start_),
      extent_(other.extent_),
      is_dirty_(other.is_dirty_),
      is_open_(std::exchange(other.is_open_, false)),
      background_(other.background_) {}

ChunkedAppender& ChunkedAppender::operator=(ChunkedAppender&& other) noexcept {
  if (this != &other) {
    close_or_record();
    dataset_ = std::move(other.dataset_);
    memory_type_ = std::move(other.memory_type_);
    fixed_extents_ = std::move(other.fixed_extents_);
    row_bytes_ = other.row_bytes_;
    chunk_rows_ = other.chunk_rows_;
    buffer_ = std::move(other.buffer_);
    buffered_rows_ = other.buffered_rows_;
    chunk_start_ = other.chunk_start_;
    extent_ = other.extent_;
    is_dirty_ = other.is_dirty_;
    is_open_ = std::exchange(other.is_open_, false);
    background_ = other.background_;
  }
  return *this;
}

ChunkedAppender::~ChunkedAppender() { close_or_record(); }

void ChunkedAppender::close_or_record() noexcept {
  if (!is_open_) return;
  try {
    close();
  } catch (const std::exception& error) {
    const auto& state = dataset_.file_state();
    if (state && state->deferred_failure.empty()) state->deferred_failure = error.what();
    unregister();
  }
}

void ChunkedAppender::unregister() noexcept {
  if (!is_open_) return;
  is_open_ = false;
  const auto& state = dataset_.file_state();
  if (!state) return;
  const auto it = state->open_writers.find(dataset_.object_path());
  if (it != state->open_writers.end()) state->open_writers.erase(it);
}

void ChunkedAppender::append(const std::byte* data, std::size_t rows) {
  if (!is_open_) {
    throw OutputError(dataset_.location(), "cannot append: the writer is closed");
  }
  while (rows > 0) {
    const std::size_t take = std::min(rows, chunk_rows_ - buffered_rows_);
    std::memcpy(buffer_.data() + buffered_rows_ * row_bytes_, data, take * row_bytes_);
    buffered_rows_ += take;
    data += take * row_bytes_;
    rows -= take;
    is_dirty_ = true;
    if (buffered_rows_ == chunk_rows_) {
      if (background_ != nullptr) {
        write_full_chunk_in_background();
      } else {
        write_buffer();
      }
      chunk_start_ += chunk_rows_;
      buffered_rows_ = 0;
    }
  }
}

namespace {

/// Writes rows [start, start + rows) of `dataset` from `data`, extending it first when
/// `extend`. Any thread (one at a time per file); throws OutputError naming `location`.
void write_rows(hid_t dataset, hid_t memory_type, const std::vector<hsize_t>& fixed_extents,
                hsize_t start_row, std::size_t rows, bool extend, const std::byte* data,
                const std::string& location) {
  quiet_hdf5();
  const auto fail_here = [&location](std::string_view problem) { fail(location, std::string(problem)); };
  std::vector<hsize_t> extent{start_row + rows};
  extent.insert(extent.end(), fixed_extents.begin(), fixed_extents.end());
  if (extend && H5Dset_extent(dataset, extent.data()) < 0) fail_here("cannot extend the dataset");
  std::vector<hsize_t> start{start_row};
  start.resize(extent.size(), 0);
  std::vector<hsize_t> count{rows};
  count.insert(count.end(), fixed_extents.begin(), fixed_extents.end());
  const DataspaceHandle file_space(H5Dget_space(dataset));
  if (!file_space.is_open()) fail_here("cannot read the dataspace");
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                          nullptr) < 0) {
    fail_here("cannot select the rows to write");
  }
  const DataspaceHandle memory_space(
      H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr));
  if (!memory_space.is_open()) fail_here("cannot make a memory dataspace");
  if (H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), default_plist(), data) < 0) {
    fail_here("cannot write " + std::to_string(rows) + " rows");
  }
}

}  // namespace

void ChunkedAppender::write_buffer() {
  const hsize_t end = chunk_start_ + buffered_rows_;
  write_rows(dataset_.id(), memory_type_.get(), fixed_extents_, chunk_start_, buffered_rows_, end > extent_,
             buffer_.data(), dataset_.location());
  extent_ = std::max(extent_, end);
  is_dirty_ = false;
}

void ChunkedAppender::write_full_chunk_in_background() {
  // The job owns the rows and copies of what it needs; the dataset and the memory type stay
  // open until this appender is closed, which waits for the writer first.
  std::vector<std::byte> rows(buffer_.size());
  rows.swap(buffer_);
  const hsize_t end = chunk_start_ + chunk_rows_;
  background_->submit([dataset = dataset_.id(), memory_type = memory_type_.get(), fixed = fixed_extents_,
                       start = chunk_start_, count = chunk_rows_, extend = end > extent_, rows = std::move(rows),
                       location = dataset_.location()] {
    write_rows(dataset, memory_type, fixed, start, count, extend, rows.data(), location);
  });
  extent_ = std::max(extent_, end);
  is_dirty_ = false;
}

void ChunkedAppender::flush() {
  if (!is_open_) return;
  if (background_ != nullptr) background_->drain();
  if (is_dirty_ && buffered_rows_ > 0) write_buffer();
}

void ChunkedAppender::close() {
  if (!is_open_) return;
  flush();
  unregister();
  buffer_ = {};  // the dataset stays open, so that attributes can still be added
}

}  // namespace wijksim::analysis::detail
