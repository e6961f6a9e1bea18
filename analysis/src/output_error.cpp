#include "wijksim/analysis/output_error.hpp"

#include <utility>

namespace wijksim::analysis {
namespace {
std::string compose(const std::string& path, const std::string& problem,
                    const std::string& hdf5_message) {
  std::string message = path + ": " + problem;
  if (!hdf5_message.empty()) message += " (HDF5: " + hdf5_message + ")";
  return message;
}
}  // namespace

OutputError::OutputError(std::string path, std::string problem, std::string hdf5_message)
    : engine::Error(compose(path, problem, hdf5_message)),
      path_(std::move(path)),
      problem_(std::move(problem)),
      hdf5_message_(std::move(hdf5_message)) {}

}  // namespace wijksim::analysis
