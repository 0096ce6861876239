#pragma once
// The isotropic Gaussian class model of XDD's relevance term (paper eq. 9): p(z|y=k) =
// N(z; mu_k, sigma_k^2 I). Shared by the loss (batch and learned modes), XDD's own score and the
// information-plane estimate of I(Z;Y), so all three use the same q(y|z).
#include <torch/types.h>

#include <cstdint>
#include <string>

namespace xdd {

struct ClassGaussians {
  torch::Tensor mean;       // [K,d] mu_k
  torch::Tensor log_sigma;  // [K]   log sigma_k
  torch::Tensor present;    // [K]   bool: the class had at least one example (absent: never chosen)
};

// mu_k = the mean of class k's embeddings; sigma_k^2 = the mean over class k of ||z - mu_k||^2 / d,
// clamped below at 1e-8 times the batch's own per-coordinate variance (1e-8 when that is 0), so a
// one-example or collapsed class stays finite. Differentiable in z. y int64 in 0..K-1.
ClassGaussians fit_class_gaussians(const torch::Tensor& z, const torch::Tensor& y,
                                   int64_t num_classes);

// log q(y_i|z_i) [N] of eq. 10 with the leave-one-out rule (SPEC section 4): the other classes'
// mu_k, sigma_k come from all their points, but z_i's own class is fitted without z_i, so a point
// cannot vote for its own class (in-sample, a point's own class wins by about d/n nats in high
// dimension whatever the embedding). A point whose class has no other example has no out-of-sample
// estimate: `usable` [N] bool marks the points with one. Differentiable in z.
struct LeaveOneOut {
  torch::Tensor log_q;   // [N]
  torch::Tensor usable;  // [N] bool
};
LeaveOneOut leave_one_out_log_q(const torch::Tensor& z, const torch::Tensor& y,
                                int64_t num_classes);

// [N,K] logits of eq. 10: -||z_i - mu_k||^2 / (2 sigma_k^2) - d log sigma_k, computed in the log
// domain (no exp of distances); -inf for absent classes. log_softmax over k gives log q(k|z_i).
torch::Tensor class_logits(const torch::Tensor& z, const ClassGaussians& g);

// The own anomaly score XDD and bn_only share: -max_k log N(z; mu_k, sigma_k^2 I), the class
// Gaussians fitted on the labeled embeddings; [Q] float64, no gradient. InvalidArgument (naming
// `who`) for bad shapes or labels.
torch::Tensor best_class_gaussian_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                        const torch::Tensor& y_labeled, int64_t num_classes,
                                        const std::string& who);

// [N,K] log N(z_i; mu_k, sigma_k^2 I) = class_logits - (d/2) log(2 pi).
torch::Tensor class_log_densities(const torch::Tensor& z, const ClassGaussians& g);

}  // namespace xdd
