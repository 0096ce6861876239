#include "tsne/perplexity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace xdd {
namespace {

// Fills p with the normalised kernel for `beta` over the shifted distances and returns its entropy.
double kernel_entropy(const double* shifted, int k, double beta, double* p) {
  double sum = 0.0;
  for (int j = 0; j < k; ++j) {
    p[j] = std::exp(-beta * shifted[j]);
    sum += p[j];
  }
  double weighted = 0.0;
  for (int j = 0; j < k; ++j) {
    p[j] /= sum;
    weighted += p[j] * shifted[j];
  }
  // H = -sum p log p with log p_j = -beta s_j - log(sum).
  return std::log(sum) + beta * weighted;
}

}  // namespace

RowCalibration calibrate_row(const float* sq_distances, int k, double perplexity,
                             double* probabilities, double tolerance) {
  constexpr int kMaxSteps = 200;
  // Distances relative to the nearest neighbour: the distribution is unchanged and exp() cannot
  // underflow for every neighbour at once however far the point lies from the rest.
  double nearest = std::numeric_limits<double>::infinity();
  for (int j = 0; j < k; ++j) nearest = std::min(nearest, static_cast<double>(sq_distances[j]));
  double shifted_stack[512];
  std::vector<double> shifted_heap;
  double* shifted = shifted_stack;
  if (k > 512) {
    shifted_heap.resize(static_cast<size_t>(k));
    shifted = shifted_heap.data();
  }
  double mean = 0.0;
  for (int j = 0; j < k; ++j) {
    shifted[j] = static_cast<double>(sq_distances[j]) - nearest;
    mean += shifted[j];
  }
  mean /= k;

  const double target = std::log(perplexity);
  RowCalibration result;
  if (!(mean > 0.0)) {  // all neighbours equally far: only the uniform distribution exists
    for (int j = 0; j < k; ++j) probabilities[j] = 1.0 / k;
    result.entropy = std::log(static_cast<double>(k));
    return result;
  }
  // Start at the scale of the distances so the bisection does not spend steps finding it.
  double beta = 1.0 / mean;
  double lo = 0.0;
  double hi = std::numeric_limits<double>::infinity();
  for (int step = 1; step <= kMaxSteps; ++step) {
    result.entropy = kernel_entropy(shifted, k, beta, probabilities);
    result.beta = beta;
    result.steps = step;
    const double gap = result.entropy - target;
    if (std::abs(gap) < tolerance) break;
    if (gap > 0.0) {  // too flat: sharpen
      lo = beta;
      beta = std::isinf(hi) ? beta * 2.0 : 0.5 * (beta + hi);
    } else {
      hi = beta;
      beta = 0.5 * (beta + lo);
    }
  }
  return result;
}

}  // namespace xdd
