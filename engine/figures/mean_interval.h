#pragma once
// The error bars of Figure 1: the mean over repetitions and its two-sided 95 % confidence
// interval from Student's t distribution, mean +- t(0.975, n - 1) * s / sqrt(n), with s the
// sample standard deviation (n - 1 in the denominator).
#include <cstddef>
#include <vector>

namespace xdd::figures {

struct MeanInterval {
  double mean = 0, low = 0, high = 0;
  std::size_t n = 0;  // finite values used; NaN values (failed runs) are skipped
};

// n == 0: all fields NaN. n == 1: low == high == mean (one repetition has no spread to show).
MeanInterval mean_interval95(const std::vector<double>& values);

// The 0.975 quantile of Student's t with `df` >= 1 degrees of freedom: exact table values to
// six decimals for df <= 30, above that the Cornish-Fisher expansion around the normal quantile
// (error below 2e-6 there).
double student_t975(int df);

}  // namespace xdd::figures
