#pragma once
// XDD's compression term, an estimate of I(X;Z) (SPEC section 4, paper eq. 8). Both estimators take
// sigma^2 as a plain number: the caller passes the detached median pairwise squared distance of the
// batch, which fixes the embedding's scale (without it eq. 8 is unbounded below as z grows).
#include <torch/types.h>

namespace xdd {

// `paper` (eq. 8): C = -(1/|P|) sum_{(i,j) in P} ||z_i - z_j||^2 / (2 sigma^2), P = all pairs i <
// j, or only those with y_i != y_j when inter_class_only. A batch without such pairs gives 0.
torch::Tensor paper_compression(const torch::Tensor& z, const torch::Tensor& y,
                                bool inter_class_only, double sigma2);

// `kde`: C = -(1/N) sum_i log((1/N) sum_j exp(-||z_i - z_j||^2 / (2 sigma^2))), j including i: the
// pairwise-distance estimate of the mixture entropy, in [0, log N]; evaluated with logsumexp.
torch::Tensor kde_compression(const torch::Tensor& z, double sigma2);

}  // namespace xdd
