#include "wijksim/engine/distributions.hpp"

#include <cassert>
#include <cmath>
#include <numbers>

namespace wijksim::engine {
namespace {

// log Γ(x) without touching the global `signgam` that std::lgamma writes (a data race under
// threads). glibc's lgamma_r is reentrant.
double log_gamma(double x) noexcept {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

std::uint32_t poisson_multiplication(RandomStream& s, double lambda) noexcept {
  const double limit = std::exp(-lambda);
  std::uint32_t k = 0;
  double product = s.next_double();
  while (product > limit) {
    ++k;
    product *= s.next_double();
  }
  return k;
}

// W. Hörmann (1993), "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12, 39–45 — algorithm PTRS.
std::uint32_t poisson_ptrs(RandomStream& s, double lambda) noexcept {
  const double slam = std::sqrt(lambda);
  const double loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = s.next_double() - 0.5;
    const double v = s.next_double();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint32_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -lambda + k * loglam - log_gamma(k + 1.0)) {
      return static_cast<std::uint32_t>(k);
    }
  }
}

std::uint32_t binomial_inversion(RandomStream& s, std::uint32_t n, double p) noexcept {
  // Sequential search of the CDF from 0; expected steps n·p + 1.
  const double q = 1.0 - p;
  const double ratio = p / q;
  double probability = std::pow(q, static_cast<double>(n));
  double u = s.next_double();
  std::uint32_t k = 0;
  while (u > probability && k < n) {
    u -= probability;
    probability *= ratio * static_cast<double>(n - k) / static_cast<double>(k + 1);
    ++k;
  }
  return k;
}

// W. Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput. Simul.
// 46, 101–110 — algorithm BTRS, for p <= 0.5 and n·p >= 10.
std::uint32_t binomial_btrs(RandomStream& s, std::uint32_t n, double p) noexcept {
  const double nd = static_cast<double>(n);
  const double q = 1.0 - p;
  const double spq = std::sqrt(nd * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = nd * p + 0.5;
  const double vr = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double lpq = std::log(p / q);
  const double m = std::floor((nd + 1.0) * p);
  const double h = log_gamma(m + 1.0) + log_gamma(nd - m + 1.0);
  for (;;) {
    const double u = s.next_double() - 0.5;
    double v = s.next_double();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > nd) continue;
    if (us >= 0.07 && v <= vr) return static_cast<std::uint32_t>(k);
    v = std::log(v * alpha / (a / (us * us) + b));
    if (v <= h - log_gamma(k + 1.0) - log_gamma(nd - k + 1.0) + (k - m) * lpq) {
      return static_cast<std::uint32_t>(k);
    }
  }
}

}  // namespace

double exponential(RandomStream& s, double rate) noexcept {
  assert(rate > 0.0);
  return -std::log1p(-s.next_double()) / rate;
}

double normal(RandomStream& s, double mean, double sd) noexcept {
  assert(sd >= 0.0);
  const double u1 = 1.0 - s.next_double();  // (0, 1]: log is finite
  const double u2 = s.next_double();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  return mean + sd * radius * std::cos(2.0 * std::numbers::pi * u2);
}

std::uint32_t poisson(RandomStream& s, double lambda) noexcept {
  assert(lambda >= 0.0);
  if (lambda <= 0.0) return 0;
  return lambda < 10.0 ? poisson_multiplication(s, lambda) : poisson_ptrs(s, lambda);
}

std::uint32_t binomial(RandomStream& s, std::uint32_t n, double p) noexcept {
  assert(p >= 0.0 && p <= 1.0);
  if (n == 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  const bool flipped = p > 0.5;
  const double pp = flipped ? 1.0 - p : p;
  const std::uint32_t k = static_cast<double>(n) * pp < 10.0 ? binomial_inversion(s, n, pp)
                                                             : binomial_btrs(s, n, pp);
  return flipped ? n - k : k;
}

std::size_t categorical(RandomStream& s, std::span<const double> weights) noexcept {
  assert(!weights.empty());
  double total = 0.0;
  for (const double w : weights) total += w;
  assert(total > 0.0);
  double target = s.next_double() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  // Rounding can leave target at the top edge: return the last category with weight.
  for (std::size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0.0) return i;
  }
  return weights.size() - 1;
}

}  // namespace wijksim::engine
