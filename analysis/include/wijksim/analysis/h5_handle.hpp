#pragma once
// Owning wrappers of HDF5 identifiers (hid_t): each closes its identifier exactly once.
// A handle whose identifier HDF5 already invalidated (a file closed with H5F_CLOSE_STRONG
// closes every object in it) is released without a second close.
#include <hdf5.h>

#include <utility>

namespace wijksim::analysis {

/// Move-only owner of one HDF5 identifier, closed by `Close`. Never wrap a predefined
/// identifier (H5T_NATIVE_DOUBLE, H5P_DEFAULT): HDF5 owns those.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  static constexpr hid_t kInvalid = -1;

  Handle() noexcept = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, kInvalid)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, kInvalid);
    }
    return *this;
  }
  ~Handle() { reset(); }

  [[nodiscard]] hid_t get() const noexcept { return id_; }
  [[nodiscard]] bool is_open() const noexcept { return id_ >= 0; }

  /// Closes now; returns HDF5's status (negative on failure; closing a file writes its
  /// metadata, so that failure matters). The handle is empty afterwards either way.
  herr_t close() noexcept {
    herr_t status = 0;
    if (id_ >= 0 && H5Iis_valid(id_) > 0) status = Close(id_);
    id_ = kInvalid;
    return status;
  }
  void reset() noexcept { static_cast<void>(close()); }

 private:
  hid_t id_ = kInvalid;
};

using FileHandle = Handle<H5Fclose>;
using GroupHandle = Handle<H5Gclose>;
using DatasetHandle = Handle<H5Dclose>;
using DataspaceHandle = Handle<H5Sclose>;
using DatatypeHandle = Handle<H5Tclose>;
using PropertyListHandle = Handle<H5Pclose>;
using AttributeHandle = Handle<H5Aclose>;
/// Any object opened with H5Oopen (group, dataset or named datatype).
using ObjectHandle = Handle<H5Oclose>;

}  // namespace wijksim::analysis
