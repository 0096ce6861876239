#pragma once
// XDD's compression term, an estimate of I(X;Z) (SPEC section 4, paper eq. 8). Both estimators take
// sigma^2 as a plain number. Without a fixed scale eq. 8 is unbounded below as z grows, so the
// caller fixes it one of two ways (LossOptions::scale): `normalized` passes the scale-normalised
// embedding (pairwise.h) with the fixed sigma^2 below; `detached` (the first version) passes raw z
// with the median pairwise squared distance of the batch, detached, which leaves a gradient that
// mostly inflates z.
#include <torch/types.h>

namespace xdd {

// sigma^2 of the Gaussian noise p(z|x) = N(f(x), sigma^2 I) on the scale-normalised embedding,
// whose mean pairwise squared distance is 2: kernels a quarter of the typical squared distance
// wide, so the kde estimate reads near log N for points spread evenly and near log K for K tight
// groups. Shared by the kde compression term and the information plane's I(X;Z).
constexpr double kFixedKernelVariance = 0.25;

// `paper` (eq. 8): C = -(1/|P|) sum_{(i,j) in P} ||z_i - z_j||^2 / (2 sigma^2), P = all pairs i <
// j, or only those with y_i != y_j when inter_class_only. A batch without such pairs gives 0.
torch::Tensor paper_compression(const torch::Tensor& z, const torch::Tensor& y,
                                bool inter_class_only, double sigma2);

// `kde`: C = -(1/N) sum_i log((1/N) sum_j exp(-||z_i - z_j||^2 / (2 sigma^2))), j including i: the
// pairwise-distance estimate of the mixture entropy, in [0, log N]; evaluated with logsumexp.
torch::Tensor kde_compression(const torch::Tensor& z, double sigma2);

// The same from the [N,N] squared distances of the batch (zero diagonal).
torch::Tensor kde_compression_of_distances(const torch::Tensor& squared_distances, double sigma2);

}  // namespace xdd
