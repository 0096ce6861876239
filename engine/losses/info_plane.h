#pragma once
// The information plane: estimates of I(X;Z) and I(Z;Y), in nats, for any set of embeddings, so the
// app can trace a training run's path (compression vs relevance) as in the information-bottleneck
// literature. Both use the same estimators as the XDD loss (SPEC section 4), without gradients.
#include <torch/types.h>

namespace xdd {

// The kde mixture-entropy estimate -(1/N) sum_i log((1/N) sum_j exp(-||z_i-z_j||^2 / (2 sigma^2))),
// sigma = the median pairwise distance of z. In [0, log N]. Note: with this sigma the estimate is
// scale-free (it measures the shape of the cloud, not its size), so it does not reach log N when
// the points merely move apart; it is high when the points form many well-separated groups.
double estimate_ixz(const torch::Tensor& z);

// The same estimate with a fixed bandwidth sigma > 0 (for comparisons at one scale): log N when all
// points are far apart relative to sigma, 0 when they coincide.
double estimate_ixz(const torch::Tensor& z, double sigma);

// The variational lower bound I(Z;Y) >= H(Y) + (1/N) sum_i log q(y_i|z_i), q = softmax over k of
// the relevance term's Gaussian class model (mu_k, sigma_k fitted on z_ref/y_ref as XDD's `batch`
// mode); H(Y) from the label frequencies of y. Always <= H(Y); it can be negative when q is worse
// than chance. Every label of y must occur in y_ref (InvalidArgument otherwise).
double estimate_izy(const torch::Tensor& z, const torch::Tensor& y, const torch::Tensor& z_ref,
                    const torch::Tensor& y_ref, int num_classes);

}  // namespace xdd
