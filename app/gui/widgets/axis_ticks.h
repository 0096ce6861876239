#pragma once
// Tick positions and labels for plot axes: "nice" steps of 1, 2 or 5 times a power of ten.
#include <string>
#include <vector>

namespace xdd {

struct AxisTicks {
  std::vector<double> values;  // inside [lo, hi], ascending
  double step = 0.0;
};

// At most about max_ticks ticks over [lo, hi] (lo < hi); empty for a degenerate range.
AxisTicks nice_ticks(double lo, double hi, int max_ticks);

// Ticks for a log10 axis given in exponents [lo_exp, hi_exp]: whole exponents, thinned to at most
// max_ticks; when the range spans less than one decade, the linear nice ticks of the exponent.
AxisTicks log_ticks(double lo_exp, double hi_exp, int max_ticks);

// A short label for v on an axis with tick spacing `step` (enough decimals to tell ticks apart;
// scientific notation for very large or very small magnitudes).
std::string format_tick(double v, double step);

// The label of 10^exponent ("0.01", "1", "1000", "1e+06").
std::string format_power_of_ten(double exponent);

}  // namespace xdd
