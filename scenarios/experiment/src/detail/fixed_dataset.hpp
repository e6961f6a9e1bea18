#pragma once
// Fixed-size datasets along named dimensions, for the tables of a comparison file
// (comparison_recording.cpp, cost_benefit_recording.cpp): the dimensions must exist (see
// analysis::add_dimension); the values are row-major over them; the dimension scales are
// attached as netCDF-4 readers (xarray's h5netcdf) expect. Throws analysis::OutputError.
#include <string>
#include <vector>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/group.hpp"

namespace wijksim::scenarios::detail {

analysis::Node write_doubles(const analysis::Group& group, const std::string& name, const std::vector<std::string>& dimensions,
                             const std::vector<double>& values, const analysis::VariableAttributes& attributes);

analysis::Node write_strings(const analysis::Group& group, const std::string& name, const std::vector<std::string>& dimensions,
                             const std::vector<std::string>& values, const analysis::VariableAttributes& attributes);

}  // namespace wijksim::scenarios::detail
