#pragma once
// The information plane: estimates of I(X;Z) and I(Z;Y), in nats, for any set of embeddings, so the
// app can trace a training run's path (compression vs relevance) as in the information-bottleneck
// literature. Both use the XDD loss's own estimators (SPEC section 4), without gradients.
#include <torch/types.h>

namespace xdd {

// The kde (pairwise-distance) estimate of I(X;Z) for Gaussian noise of fixed variance (Kolchinsky
// and Tracey): -(1/N) sum_i log((1/N) sum_j exp(-||z_i-z_j||^2 / (2 sigma^2))) on the
// scale-normalised embedding (mean pairwise squared distance 2, losses/pairwise.h) with sigma^2 =
// kFixedKernelVariance (losses/xdd_compression.h). In [0, log N]; unchanged when z is multiplied by
// a constant; falls as the points gather into tight groups (log K for K tight, far-apart groups of
// equal size) and rises towards log N as they spread evenly. Distances are computed in z's dtype
// (float32 keeps the estimate within 1e-3 nats of float64 at N = 1,000, d = 3136), the sums in
// float64.
double estimate_ixz(const torch::Tensor& z);

// The same estimate on z as it is, with a fixed bandwidth sigma > 0: log N when all points are far
// apart relative to sigma, 0 when they coincide.
double estimate_ixz(const torch::Tensor& z, double sigma);

// The variational lower bound I(Z;Y) >= H(Y) + (1/N) sum_i log q(y_i|z_i), q = softmax over k of
// the relevance term's Gaussian class model fitted on z_ref/y_ref (for a set other than the one the
// Gaussians were fitted on: the test sample); H(Y) from the label frequencies of y. Always <= H(Y);
// it can be negative when q is worse than chance. Every label of y must occur in y_ref
// (InvalidArgument otherwise).
double estimate_izy(const torch::Tensor& z, const torch::Tensor& y, const torch::Tensor& z_ref,
                    const torch::Tensor& y_ref, int num_classes);

// The same bound on the set the Gaussians are fitted on, each point left out of its own class's
// fit (the XDD `batch` relevance term, losses/class_gaussians.h), so it does not read H(Y) by
// construction. Points alone in their class are left out; none left: InvalidArgument.
double estimate_izy_leave_one_out(const torch::Tensor& z, const torch::Tensor& y, int num_classes);

}  // namespace xdd
