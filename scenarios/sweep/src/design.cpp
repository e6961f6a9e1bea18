#include "wijksim/sweep/design.hpp"

#include "wijksim/sensitivity/designs.hpp"
#include "wijksim/sweep/value_mapping.hpp"

namespace wijksim::sweep {

std::vector<DesignPoint> expand_design(const SweepSpec& spec) {
  const std::size_t dims = spec.parameters.size();
  std::vector<DesignPoint> points;
  switch (spec.design) {
    case DesignKind::grid: {
      std::size_t count = 1;
      for (const auto& p : spec.parameters) count *= p.levels.size();
      points.resize(count);
      for (std::size_t k = 0; k < count; ++k) {
        // Mixed radix, the last parameter least significant.
        std::vector<double> values(dims);
        std::size_t rest = k;
        for (std::size_t d = dims; d-- > 0;) {
          const auto& levels = spec.parameters[d].levels;
          values[d] = levels[rest % levels.size()];
          rest /= levels.size();
        }
        points[k].values = std::move(values);
      }
      break;
    }
    case DesignKind::lhs: {
      const std::vector<double> unit = sensitivity::latin_hypercube(spec.lhs_points, dims, spec.lhs_seed);
      points.resize(spec.lhs_points);
      for (std::size_t k = 0; k < spec.lhs_points; ++k) {
        for (std::size_t d = 0; d < dims; ++d) points[k].values.push_back(map_unit_value(spec.parameters[d], unit[k * dims + d]));
      }
      break;
    }
    case DesignKind::saltelli: {
      const sensitivity::SaltelliDesign design = sensitivity::saltelli_design(spec.saltelli_base_points, dims);
      points.resize(design.rows.size());
      for (std::size_t k = 0; k < design.rows.size(); ++k) {
        for (std::size_t d = 0; d < dims; ++d) points[k].values.push_back(map_unit_value(spec.parameters[d], design.unit[k * dims + d]));
        points[k].saltelli_matrix = design.rows[k].matrix;
        points[k].saltelli_base = design.rows[k].base;
      }
      break;
    }
  }
  return points;
}

}  // namespace wijksim::sweep
