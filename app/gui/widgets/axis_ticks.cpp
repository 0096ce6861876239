#include "widgets/axis_ticks.h"

#include <cmath>
#include <cstdio>

namespace xdd {

AxisTicks nice_ticks(double lo, double hi, int max_ticks) {
  AxisTicks out;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || max_ticks < 1) return out;
  const double raw = (hi - lo) / max_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  out.step = factor * magnitude;
  const double first = std::ceil(lo / out.step - 1e-9) * out.step;
  for (double v = first; v <= hi + out.step * 1e-9; v += out.step) {
    out.values.push_back(std::abs(v) < out.step * 1e-9 ? 0.0 : v);  // print 0, not 1e-17
  }
  return out;
}

AxisTicks log_ticks(double lo_exp, double hi_exp, int max_ticks) {
  if (hi_exp - lo_exp < 1.0) return nice_ticks(lo_exp, hi_exp, max_ticks);
  AxisTicks out;
  const double span = std::floor(hi_exp) - std::ceil(lo_exp) + 1;
  out.step = std::max(1.0, std::ceil(span / std::max(1, max_ticks)));
  for (double e = std::ceil(lo_exp); e <= hi_exp + 1e-9; e += out.step) out.values.push_back(e);
  return out;
}

std::string format_tick(double v, double step) {
  char text[32];
  const double magnitude = std::max(std::abs(v), std::abs(step));
  if (magnitude >= 1e5 || (step > 0 && step < 1e-3)) {
    std::snprintf(text, sizeof text, "%.3g", v);
  } else {
    const int decimals =
        step > 0 ? std::max(0, static_cast<int>(-std::floor(std::log10(step)))) : 2;
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
  }
  return text;
}

std::string format_power_of_ten(double exponent) {
  char text[32];
  const double v = std::pow(10.0, exponent);
  if (exponent >= -3 && exponent <= 4 && std::abs(exponent - std::round(exponent)) < 1e-9) {
    std::snprintf(text, sizeof text, "%g", v);
  } else {
    std::snprintf(text, sizeof text, "%.2g", v);
  }
  return text;
}

}  // namespace xdd
