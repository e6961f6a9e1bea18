// Saltelli (2010) first-order and Jansen (1999) total indices with bootstrap intervals.
#include "wijksim/sensitivity/sobol_indices.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "uniform_index.hpp"
#include "wijksim/engine/random.hpp"

namespace wijksim::sensitivity {
namespace {

constexpr std::uint32_t bootstrap_purpose = 3;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Outputs sorted by matrix: a[j], b[j], ab[k * n + j] for base point j.
struct Matrices {
  std::size_t n = 0, dims = 0;
  std::vector<double> a, b, ab;
};

Matrices split_outputs(const SaltelliDesign& design, std::span<const double> outputs) {
  const std::size_t n = design.base_points;
  const std::size_t dims = design.dims;
  if (n == 0 || dims == 0) {
    throw std::invalid_argument("sobol_indices: the design is empty (base_points = " +
                                std::to_string(n) + ", dims = " + std::to_string(dims) + ")");
  }
  const std::size_t expected = n * (dims + 2);
  if (design.rows.size() != expected) {
    throw std::invalid_argument("sobol_indices: a Saltelli design with " + std::to_string(n) +
                                " base points and " + std::to_string(dims) + " dimensions has " +
                                std::to_string(expected) + " rows, this one has " +
                                std::to_string(design.rows.size()));
  }
  if (outputs.size() != expected) {
    throw std::invalid_argument("sobol_indices: expected one output per design row (" +
                                std::to_string(expected) + "), got " +
                                std::to_string(outputs.size()));
  }
  Matrices m{n, dims, std::vector<double>(n), std::vector<double>(n),
             std::vector<double>(n * dims)};
  std::vector<char> seen(expected, 0);
  for (std::size_t r = 0; r < expected; ++r) {
    const SaltelliRow row = design.rows[r];
    const double y = outputs[r];
    if (!std::isfinite(y)) {
      throw std::invalid_argument("sobol_indices: output of row " + std::to_string(r) +
                                  " is not finite");
    }
    if (row.base >= n || row.matrix < saltelli_matrix_b ||
        row.matrix >= static_cast<std::int64_t>(dims)) {
      throw std::invalid_argument(
          "sobol_indices: row " + std::to_string(r) + " has base " + std::to_string(row.base) +
          " and matrix " + std::to_string(row.matrix) + ", expected base < " + std::to_string(n) +
          " and matrix in -2.." + std::to_string(dims - 1));
    }
    const std::size_t slot = static_cast<std::size_t>(row.matrix + 2) * n + row.base;
    if (seen[slot] != 0) {
      throw std::invalid_argument("sobol_indices: row " + std::to_string(r) + " repeats base " +
                                  std::to_string(row.base) + ", matrix " +
                                  std::to_string(row.matrix));
    }
    seen[slot] = 1;
    if (row.matrix == saltelli_matrix_a) {
      m.a[row.base] = y;
    } else if (row.matrix == saltelli_matrix_b) {
      m.b[row.base] = y;
    } else {
      m.ab[static_cast<std::size_t>(row.matrix) * n + row.base] = y;
    }
  }
  return m;
}

/// V, S_i and ST_i over the base points listed in `sample` (indices into 0..n-1, repeats
/// allowed). Returns false when the variance is zero.
bool estimate(const Matrices& m, std::span<const std::size_t> sample, double& variance,
              std::vector<double>& first, std::vector<double>& total) {
  const auto count = static_cast<double>(sample.size());
  double sum = 0.0;
  for (const std::size_t j : sample) sum += m.a[j] + m.b[j];
  const double mean = sum / (2.0 * count);
  double squares = 0.0;
  for (const std::size_t j : sample) {
    const double da = m.a[j] - mean;
    const double db = m.b[j] - mean;
    squares += da * da + db * db;
  }
  variance = squares / (2.0 * count);
  if (!(variance > 0.0)) return false;
  for (std::size_t k = 0; k < m.dims; ++k) {
    const double* ab = &m.ab[k * m.n];
    double first_sum = 0.0;
    double total_sum = 0.0;
    for (const std::size_t j : sample) {
      const double diff = ab[j] - m.a[j];
      first_sum += m.b[j] * diff;
      total_sum += diff * diff;
    }
    first[k] = first_sum / count / variance;
    total[k] = total_sum / count / 2.0 / variance;
  }
  return true;
}

/// The q-quantile of sorted values, linear interpolation between order statistics
/// (Hyndman & Fan 1996, type 7).
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

}  // namespace

SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> outputs,
                           std::size_t bootstrap, std::uint64_t seed, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("sobol_indices: confidence must lie in (0, 1), got " +
                                std::to_string(confidence));
  }
  const Matrices m = split_outputs(design, outputs);
  if (m.n > std::numeric_limits<std::uint32_t>::max() ||
      bootstrap > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument(
        "sobol_indices: base points and bootstrap resamples must be below 2^32");
  }
  const std::size_t dims = m.dims;
  std::vector<double> first(dims), total(dims);
  std::vector<std::size_t> sample(m.n);
  for (std::size_t j = 0; j < m.n; ++j) sample[j] = j;

  SobolIndices result;
  if (!estimate(m, sample, result.variance, first, total)) {
    throw ZeroVarianceError(
        "sobol_indices: the outputs have zero variance over the A and B points; the indices "
        "are undefined (is the outcome constant?)");
  }
  result.first_order.resize(dims);
  result.total.resize(dims);
  for (std::size_t k = 0; k < dims; ++k) {
    result.first_order[k] = {first[k], nan, nan};
    result.total[k] = {total[k], nan, nan};
  }

  // Bootstrap: resample r uses the Philox stream (seed, entity r, purpose bootstrap).
  const engine::RandomKey key = engine::RandomKey::from(seed, 0);
  std::vector<std::vector<double>> first_draws(dims), total_draws(dims);
  for (auto& d : first_draws) d.reserve(bootstrap);
  for (auto& d : total_draws) d.reserve(bootstrap);
  std::vector<double> first_r(dims), total_r(dims);
  for (std::size_t r = 0; r < bootstrap; ++r) {
    engine::RandomStream stream(key, static_cast<std::uint32_t>(r), engine::Tick{0},
                                bootstrap_purpose);
    for (std::size_t j = 0; j < m.n; ++j) sample[j] = detail::uniform_index(stream, m.n);
    double variance_r = 0.0;
    if (!estimate(m, sample, variance_r, first_r, total_r)) continue;  // degenerate resample
    for (std::size_t k = 0; k < dims; ++k) {
      first_draws[k].push_back(first_r[k]);
      total_draws[k].push_back(total_r[k]);
    }
  }
  if (first_draws[0].empty()) return result;
  const double tail = (1.0 - confidence) / 2.0;
  for (std::size_t k = 0; k < dims; ++k) {
    std::sort(first_draws[k].begin(), first_draws[k].end());
    std::sort(total_draws[k].begin(), total_draws[k].end());
    result.first_order[k].low = quantile(first_draws[k], tail);
    result.first_order[k].high = quantile(first_draws[k], 1.0 - tail);
    result.total[k].low = quantile(total_draws[k], tail);
    result.total[k].high = quantile(total_draws[k], 1.0 - tail);
  }
  return result;
}

}  // namespace wijksim::sensitivity
