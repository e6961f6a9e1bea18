#pragma once
// Test functions with analytic Sobol indices, evaluated on the unit hypercube.
#include <array>
#include <cmath>
#include <numbers>
#include <vector>

#include "wijksim/sensitivity/designs.hpp"

namespace wijksim::sensitivity::test {

/// Ishigami & Homma (1990): f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U(-pi, pi).
/// Partial variances (Sobol' & Levitan 1999; Saltelli et al. 2008, "Global Sensitivity
/// Analysis: The Primer", section 4.9 / Marrel et al. 2009):
///   V1 = (1 + b pi^4 / 5)^2 / 2,  V2 = a^2 / 8,  V3 = 0,
///   V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225,
///   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
/// With a = 7, b = 0.1: S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
struct Ishigami {
  double a = 7.0, b = 0.1;

  [[nodiscard]] double operator()(const double* unit) const {
    constexpr double pi = std::numbers::pi;
    const double x1 = -pi + 2.0 * pi * unit[0];
    const double x2 = -pi + 2.0 * pi * unit[1];
    const double x3 = -pi + 2.0 * pi * unit[2];
    const double s2 = std::sin(x2);
    return std::sin(x1) + a * s2 * s2 + b * std::pow(x3, 4) * std::sin(x1);
  }
  [[nodiscard]] double variance() const {
    constexpr double pi4 =
        std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi;
    return a * a / 8.0 + b * pi4 / 5.0 + b * b * pi4 * pi4 / 18.0 + 0.5;
  }
  [[nodiscard]] std::array<double, 3> first_order() const {
    constexpr double pi4 =
        std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi;
    const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0);
    return {v1 / variance(), a * a / 8.0 / variance(), 0.0};
  }
  [[nodiscard]] std::array<double, 3> total() const {
    constexpr double pi4 =
        std::numbers::pi * std::numbers::pi * std::numbers::pi * std::numbers::pi;
    const double v13 = 8.0 * b * b * pi4 * pi4 / 225.0;
    const auto s = first_order();
    return {s[0] + v13 / variance(), s[1], v13 / variance()};
  }
};

/// f(x) = sum_i c_i x_i with x_i ~ U(0, 1): V_i = c_i^2 / 12, no interactions, so
/// S_i = ST_i = c_i^2 / sum_j c_j^2.
template <std::size_t Dims>
struct Linear {
  std::array<double, Dims> c;

  [[nodiscard]] double operator()(const double* unit) const {
    double y = 0.0;
    for (std::size_t i = 0; i < Dims; ++i) y += c[i] * unit[i];
    return y;
  }
  [[nodiscard]] std::array<double, Dims> indices() const {
    double sum = 0.0;
    for (const double ci : c) sum += ci * ci;
    std::array<double, Dims> s{};
    for (std::size_t i = 0; i < Dims; ++i) s[i] = c[i] * c[i] / sum;
    return s;
  }
};

/// f evaluated at every row of the design, in design.rows order.
template <class F>
std::vector<double> evaluate(const SaltelliDesign& design, const F& f) {
  std::vector<double> y(design.rows.size());
  for (std::size_t r = 0; r < y.size(); ++r) y[r] = f(&design.unit[r * design.dims]);
  return y;
}

}  // namespace wijksim::sensitivity::test
