#pragma once
// Typed errors of the HDF5 layer. Every message names the file (and the object in it, where
// there is one) and, when HDF5 reported the failure, the innermost message of HDF5's error
// stack: the part that says what HDF5 actually found ("file signature not found", "truncated
// file: eof = 1000 ..."). HDF5's own printing to stderr is switched off by this layer.
#include <string>

#include "wijksim/engine/error.hpp"

namespace wijksim::analysis {

/// Writing or reading an output file failed, or the layer was used against its contract
/// (appending a row of the wrong length, committing with a writer still open).
class OutputError : public engine::Error {
 public:
  /// `path`: the file as the user named it, optionally followed by ":<object path>".
  /// `problem`: what went wrong and, where possible, what to do about it.
  /// `hdf5_message`: innermost HDF5 error message; empty when HDF5 was not involved.
  OutputError(std::string path, std::string problem, std::string hdf5_message = {});

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }
  [[nodiscard]] const std::string& hdf5_message() const noexcept { return hdf5_message_; }

 private:
  std::string path_, problem_, hdf5_message_;
};

/// The output file already exists and overwriting was not asked for (`--force`).
class OutputExistsError : public OutputError {
 public:
  using OutputError::OutputError;
};

/// A file given to be read is missing, empty, not HDF5, truncated or damaged, or an HDF5 file
/// that wijksim did not write.
class InputFileError : public OutputError {
 public:
  using OutputError::OutputError;
};

}  // namespace wijksim::analysis
