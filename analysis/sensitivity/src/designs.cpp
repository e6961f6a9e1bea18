// Sobol sequence, Latin hypercube and the Saltelli design (see designs.hpp).
#include "wijksim/sensitivity/designs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "joe_kuo_direction_numbers.hpp"
#include "uniform_index.hpp"
#include "wijksim/engine/random.hpp"

namespace wijksim::sensitivity {
namespace {

constexpr std::size_t sobol_bits = 32;
using DirectionNumbers = std::array<std::uint32_t, sobol_bits>;  // v_j = m_j * 2^(32 - j)

static_assert(detail::joe_kuo_rows.size() + 1 == max_sobol_dimensions);

/// Direction numbers of dimension `dimension` (0-based), by the recurrence of Bratley & Fox
/// (1988) as in Joe & Kuo's reference implementation:
///   v_j = v_{j-s} ^ (v_{j-s} >> s) ^ XOR_{k=1}^{s-1} a_k v_{j-k}.
DirectionNumbers direction_numbers(std::size_t dimension) {
  DirectionNumbers v{};
  if (dimension == 0) {
    for (std::size_t j = 0; j < sobol_bits; ++j) v[j] = std::uint32_t{1} << (sobol_bits - 1 - j);
    return v;
  }
  const detail::JoeKuoRow& row = detail::joe_kuo_rows[dimension - 1];
  const std::size_t s = row.degree;
  for (std::size_t j = 0; j < s; ++j) v[j] = row.initial[j] << (sobol_bits - 1 - j);
  for (std::size_t j = s; j < sobol_bits; ++j) {
    v[j] = v[j - s] ^ (v[j - s] >> s);
    for (std::size_t k = 1; k < s; ++k) {
      if (((row.coefficients >> (s - 1 - k)) & 1U) != 0U) v[j] ^= v[j - k];
    }
  }
  return v;
}

/// Position of the lowest zero bit of i (the bit the Gray code flips from i to i + 1).
std::size_t lowest_zero_bit(std::uint64_t i) {
  std::size_t c = 0;
  while ((i & 1U) != 0U) {
    i >>= 1U;
    ++c;
  }
  return c;
}

// Purposes of the Latin hypercube's Philox streams (entity = dimension).
constexpr std::uint32_t lhs_permutation_purpose = 1;
constexpr std::uint32_t lhs_jitter_purpose = 2;

}  // namespace

std::vector<double> sobol_sequence(std::size_t n, std::size_t dims, std::size_t skip) {
  if (dims == 0 || dims > max_sobol_dimensions) {
    throw std::invalid_argument("sobol_sequence: dims must be 1.." +
                                std::to_string(max_sobol_dimensions) + ", got " +
                                std::to_string(dims));
  }
  constexpr std::uint64_t max_index = (std::uint64_t{1} << sobol_bits) - 1;
  if (n > max_index || skip > max_index - n) {
    throw std::invalid_argument("sobol_sequence: n + skip must be at most 2^32 - 1, got n = " +
                                std::to_string(n) + ", skip = " + std::to_string(skip));
  }
  std::vector<double> points(n * dims);
  if (n == 0) return points;

  std::vector<DirectionNumbers> v(dims);
  for (std::size_t d = 0; d < dims; ++d) v[d] = direction_numbers(d);

  // Point with sequence index `first` directly from its Gray code, then one XOR per step.
  const std::uint64_t first = std::uint64_t{skip} + 1;
  const std::uint64_t gray = first ^ (first >> 1U);
  std::vector<std::uint32_t> x(dims, 0);
  for (std::size_t j = 0; j < sobol_bits; ++j) {
    if (((gray >> j) & 1U) == 0U) continue;
    for (std::size_t d = 0; d < dims; ++d) x[d] ^= v[d][j];
  }
  constexpr double scale = 0x1.0p-32;
  for (std::size_t r = 0; r < n; ++r) {
    if (r > 0) {
      const std::size_t c = lowest_zero_bit(first + r - 1);
      for (std::size_t d = 0; d < dims; ++d) x[d] ^= v[d][c];
    }
    for (std::size_t d = 0; d < dims; ++d) points[r * dims + d] = static_cast<double>(x[d]) * scale;
  }
  return points;
}

std::vector<double> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed) {
  if (n > std::numeric_limits<std::uint32_t>::max() ||
      dims > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("latin_hypercube: n and dims must be below 2^32, got n = " +
                                std::to_string(n) + ", dims = " + std::to_string(dims));
  }
  std::vector<double> points(n * dims);
  const engine::RandomKey key = engine::RandomKey::from(seed, 0);
  const double width = 1.0 / static_cast<double>(n);
  std::vector<std::size_t> stratum(n);
  for (std::size_t d = 0; d < dims; ++d) {
    const auto entity = static_cast<std::uint32_t>(d);
    engine::RandomStream permutation(key, entity, engine::Tick{0}, lhs_permutation_purpose);
    engine::RandomStream jitter(key, entity, engine::Tick{0}, lhs_jitter_purpose);
    for (std::size_t i = 0; i < n; ++i) stratum[i] = i;
    for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates
      std::swap(stratum[i - 1], stratum[detail::uniform_index(permutation, i)]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto j = static_cast<double>(stratum[i]);
      double x = (j + jitter.next_double()) * width;
      // Rounding may carry (j + u) / n up to the next stratum's edge: keep it inside.
      while (x > 0.0 && std::floor(x * static_cast<double>(n)) > j) x = std::nextafter(x, 0.0);
      points[i * dims + d] = x;
    }
  }
  return points;
}

SaltelliDesign saltelli_design(std::size_t base_points, std::size_t dims) {
  if (base_points == 0 || dims == 0 || 2 * dims > max_sobol_dimensions) {
    throw std::invalid_argument("saltelli_design: need base_points >= 1 and 1 <= dims <= " +
                                std::to_string(max_sobol_dimensions / 2) + ", got base_points = " +
                                std::to_string(base_points) + ", dims = " + std::to_string(dims));
  }
  const std::vector<double> ab = sobol_sequence(base_points, 2 * dims);
  SaltelliDesign design;
  design.base_points = base_points;
  design.dims = dims;
  const std::size_t rows = base_points * (dims + 2);
  design.unit.reserve(rows * dims);
  design.rows.reserve(rows);
  for (std::size_t b = 0; b < base_points; ++b) {
    const double* a = &ab[b * 2 * dims];
    const double* bm = a + dims;
    design.unit.insert(design.unit.end(), a, a + dims);
    design.rows.push_back({b, saltelli_matrix_a});
    design.unit.insert(design.unit.end(), bm, bm + dims);
    design.rows.push_back({b, saltelli_matrix_b});
    for (std::size_t k = 0; k < dims; ++k) {
      for (std::size_t d = 0; d < dims; ++d) design.unit.push_back(d == k ? bm[d] : a[d]);
      design.rows.push_back({b, static_cast<std::int64_t>(k)});
    }
  }
  return design;
}

}  // namespace wijksim::sensitivity
