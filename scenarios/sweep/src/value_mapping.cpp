#include "wijksim/sweep/value_mapping.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/parameters.hpp"

namespace wijksim::sweep {
namespace {

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double nearest_integer_in(double v, double low, double high) {
  return std::clamp(std::round(v), std::ceil(low), std::floor(high));
}

}  // namespace

double normal_quantile(double p) {
  // Acklam (2003), "An algorithm for computing the inverse normal cumulative distribution".
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  p = std::clamp(p, 1e-300, 1.0 - 1e-16);
  double x = 0.0;
  if (p < kLow) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - kLow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // One Halley refinement step.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2.0 * 3.14159265358979323846) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

double map_unit_value(const SweptParameter& parameter, double u) {
  u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
  const bool is_integer = parameter.type == engine::ParameterType::integer;
  switch (parameter.form) {
    case ValueForm::levels: {
      const auto count = parameter.levels.size();
      const auto index = std::min(count - 1, static_cast<std::size_t>(std::floor(u * static_cast<double>(count))));
      return parameter.levels[index];
    }
    case ValueForm::uniform: {
      if (is_integer) {
        const double low = std::ceil(parameter.low);
        const double high = std::floor(parameter.high);
        return std::min(high, low + std::floor(u * (high - low + 1.0)));
      }
      return std::min(parameter.high, parameter.low + u * (parameter.high - parameter.low));
    }
    case ValueForm::log_uniform: {
      const double v = std::exp(std::log(parameter.low) + u * (std::log(parameter.high) - std::log(parameter.low)));
      const double clamped = std::clamp(v, parameter.low, parameter.high);
      return is_integer ? nearest_integer_in(clamped, parameter.low, parameter.high) : clamped;
    }
    case ValueForm::normal: {
      const double lo = normal_cdf((parameter.low - parameter.mean) / parameter.sd);
      const double hi = normal_cdf((parameter.high - parameter.mean) / parameter.sd);
      const double p = lo + u * (hi - lo);
      const double v = std::clamp(parameter.mean + parameter.sd * normal_quantile(p), parameter.low, parameter.high);
      return is_integer ? nearest_integer_in(v, parameter.low, parameter.high) : v;
    }
  }
  return parameter.low;
}

std::string override_text(const SweptParameter& parameter, double value) {
  switch (parameter.type) {
    case engine::ParameterType::flag:
      return value != 0.0 ? "true" : "false";
    case engine::ParameterType::integer:
      return std::to_string(static_cast<long long>(std::llround(value)));
    case engine::ParameterType::real:
      break;
  }
  return engine::format_value(value);
}

}  // namespace wijksim::sweep
