#pragma once
// Perplexity calibration: the Gaussian bandwidth of one point chosen so that its conditional
// distribution over its neighbours has entropy log(perplexity).
namespace xdd {

struct RowCalibration {
  double beta = 0.0;     // precision 1 / (2 sigma^2) applied to squared distances
  double entropy = 0.0;  // natural-log entropy reached
  int steps = 0;         // bisection steps taken
};

// Writes p_j = exp(-beta d_j) / sum_l exp(-beta d_l) for the k squared distances `sq_distances`
// into `probabilities` (k values summing to 1), with beta found by bisection until the entropy is
// within `tolerance` of log(perplexity) (at most 200 steps). When the target cannot be reached
// (k < perplexity, or all distances equal) the closest distribution is returned (uniform).
RowCalibration calibrate_row(const float* sq_distances, int k, double perplexity,
                             double* probabilities, double tolerance = 1e-5);

}  // namespace xdd
