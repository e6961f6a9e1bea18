#pragma once
// Experimental designs on the unit hypercube [0,1)^dims: quasi-random Sobol points, Latin
// hypercube samples and the Saltelli (2010) A/B/AB_i layout for variance-based sensitivity.
// All designs are row-major: point r, dimension d is at [r * dims + d]. Mapping the unit
// coordinates to parameter ranges is the caller's job.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace wijksim::sensitivity {

/// The largest `dims` sobol_sequence accepts (embedded Joe & Kuo 2008 direction numbers).
inline constexpr std::size_t max_sobol_dimensions = 64;

/// The first `n` points of the Sobol sequence in `dims` dimensions after skipping `skip`
/// points, row-major n×dims, every coordinate in [0,1). The all-zero point with index 0 is
/// never produced: point k (k = 0, 1, ...) is the sequence's point k + 1 + skip, so with
/// skip = 0 the first rows are (0.5, 0.5, ...), (0.75, 0.25, ...), (0.25, 0.75, ...).
/// Gray-code construction (Antonov & Saleev 1979) with the Joe & Kuo (2008) direction
/// numbers (new-joe-kuo-6.21201). Throws std::invalid_argument when dims is 0 or above
/// max_sobol_dimensions, or when n + skip exceeds 2^32 - 1.
std::vector<double> sobol_sequence(std::size_t n, std::size_t dims, std::size_t skip = 0);

/// A Latin hypercube sample of `n` points in `dims` dimensions, row-major n×dims in [0,1):
/// in every dimension each of the n strata [j/n, (j+1)/n) holds exactly one point, placed
/// uniformly inside it. Permutations and jitter come from the project's Philox streams, so
/// the same (n, dims, seed) gives the same bytes on every machine.
std::vector<double> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed);

/// Which Saltelli matrix a design row comes from, and from which base point.
struct SaltelliRow {
  std::size_t base;     ///< base point index, 0 .. base_points - 1
  std::int64_t matrix;  ///< -1 = A, -2 = B, k >= 0 = AB_k (A with column k taken from B)
};

inline constexpr std::int64_t saltelli_matrix_a = -1;
inline constexpr std::int64_t saltelli_matrix_b = -2;

/// A Saltelli design: `rows.size() == base_points * (dims + 2)` points, `unit` is
/// rows×dims row-major in [0,1). Rows are ordered by base point, and within a base point
/// A, B, AB_0, ..., AB_{dims-1}.
struct SaltelliDesign {
  std::size_t base_points = 0, dims = 0;
  std::vector<double> unit;
  std::vector<SaltelliRow> rows;
};

/// The Saltelli (2010) design: A and B are the first and last `dims` columns of one Sobol
/// sequence of 2*dims dimensions (base_points points, initial zero point skipped), AB_k is
/// A with column k replaced by B's. Throws std::invalid_argument when base_points or dims
/// is 0 or 2*dims exceeds max_sobol_dimensions.
SaltelliDesign saltelli_design(std::size_t base_points, std::size_t dims);

}  // namespace wijksim::sensitivity
