#include "figures/mean_interval.h"

#include <cmath>

#include "core/error.h"

namespace xdd::figures {

double student_t975(int df) {
  static const double table[30] = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912,
                                   2.364624,  2.306004, 2.262157, 2.228139, 2.200985, 2.178813,
                                   2.160369,  2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
                                   2.093024,  2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                                   2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272};
  if (df < 1)
    throw InvalidArgument("t quantile: degrees of freedom must be >= 1, got " + std::to_string(df));
  if (df <= 30) return table[df - 1];
  const double z = 1.959963984540054, n = df;
  const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

MeanInterval mean_interval95(const std::vector<double>& values) {
  MeanInterval out;
  double sum = 0;
  for (double v : values) {
    if (std::isfinite(v)) {
      sum += v;
      ++out.n;
    }
  }
  if (out.n == 0) {
    out.mean = out.low = out.high = std::nan("");
    return out;
  }
  out.mean = sum / static_cast<double>(out.n);
  out.low = out.high = out.mean;
  if (out.n == 1) return out;
  double ss = 0;
  for (double v : values) {
    if (std::isfinite(v)) ss += (v - out.mean) * (v - out.mean);
  }
  const double sd = std::sqrt(ss / static_cast<double>(out.n - 1));
  const double half =
      student_t975(static_cast<int>(out.n - 1)) * sd / std::sqrt(static_cast<double>(out.n));
  out.low = out.mean - half;
  out.high = out.mean + half;
  return out;
}

}  // namespace xdd::figures
