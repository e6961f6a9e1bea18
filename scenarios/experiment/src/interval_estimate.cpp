#include "wijksim/scenarios/interval_estimate.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace wijksim::scenarios {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double student_t_975(std::size_t df) noexcept {
  // Quantiles t(0.975; df) for df = 1..30.
  static constexpr std::array<double, 31> kTable{
      std::numeric_limits<double>::infinity(),
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < kTable.size()) return kTable[df];
  // Cornish–Fisher expansion of t around the normal quantile z (Abramowitz & Stegun 26.7.5).
  const double z = 1.959963984540054;
  const double n = static_cast<double>(df);
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  const double z7 = z5 * z * z;
  return z + (z3 + z) / (4.0 * n) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * n * n) +
         (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * n * n * n);
}

IntervalEstimate estimate_mean(std::span<const double> values) noexcept {
  IntervalEstimate e;
  e.n = values.size();
  if (values.empty()) {
    e.mean = e.low = e.high = kNaN;
    return e;
  }
  double sum = 0.0;
  for (const double v : values) sum += v;
  e.mean = sum / static_cast<double>(values.size());
  if (values.size() < 2) {
    e.low = e.high = kNaN;
    return e;
  }
  double squares = 0.0;
  for (const double v : values) squares += (v - e.mean) * (v - e.mean);
  const double sd = std::sqrt(squares / static_cast<double>(values.size() - 1));
  const double half = student_t_975(values.size() - 1) * sd / std::sqrt(static_cast<double>(values.size()));
  e.low = e.mean - half;
  e.high = e.mean + half;
  return e;
}

IntervalEstimate estimate_paired_difference(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("estimate_paired_difference: arms with different numbers of replicates");
  }
  std::vector<double> differences(a.size());
  for (std::size_t r = 0; r < a.size(); ++r) differences[r] = a[r] - b[r];
  return estimate_mean(differences);
}

}  // namespace wijksim::scenarios
