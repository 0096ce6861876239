#pragma once
// Squared Euclidean distances between embeddings and the batch scale statistic the XDD terms use.
#include <torch/types.h>

namespace xdd {

// ||a_i - b_j||^2 as an [Na,Nb] tensor, differentiable. Computed from inner products (memory N*M,
// not N*M*d, which matters at d = 3136 and 10,000 test points) after shifting both sets by b's
// mean to limit cancellation; tiny negative round-off is clamped to 0.
torch::Tensor squared_distances(const torch::Tensor& a, const torch::Tensor& b);

// sqrt(squared_distances(a, b)) with the squared distance floored at 1e-12 first, so the gradient
// stays finite (zero) where a point sits on another (sqrt has an infinite slope at 0).
torch::Tensor euclidean_distances(const torch::Tensor& a, const torch::Tensor& b);

// squared_distances(z, z) with an exact zero diagonal.
torch::Tensor pairwise_squared_distances(const torch::Tensor& z);

// The same values for readouts, without gradients: the matrix is symmetric, so for 512 rows or more
// only the blocks on and above the diagonal are multiplied (5/8 of the product with 4 row blocks)
// and mirrored. Exact zero diagonal. The information plane's I(X;Z) and the class entanglement
// read their 1,000 x 1,000 distances in 3136-d this way.
torch::Tensor readout_squared_distances(const torch::Tensor& z);

// The median of ||z_i - z_j||^2 over the pairs i < j (the lower median for an even count, as
// torch::median), as a plain number: it fixes the scale of the XDD terms and is never
// back-propagated. sigma^2 = this value means sigma = the median pairwise distance. When the median
// is 0 (most points coincide) the mean over the pairs is used, and 1 when all points coincide
// (every distance is then 0, so any scale gives the same terms). Needs N >= 2.
double median_pair_squared_distance(const torch::Tensor& z);

// The same statistic from an [N,N] matrix of squared distances already computed (N >= 2).
double median_of_pair_distances(const torch::Tensor& sq);

// The embedding at a fixed scale (SPEC section 4): z / s(z) with s^2 = the mean over the pairs i <
// j of ||z_i - z_j||^2 / 2, so the result's mean pairwise squared distance is 2. s is NOT detached:
// anything computed from the result is unchanged when z is multiplied by a constant, and its
// gradient in z has no component along z (Euler: homogeneous of degree 0). Needs N >= 2; when all
// points coincide (every distance 0 at any scale) z is returned as it is.
torch::Tensor scale_normalized(const torch::Tensor& z);

}  // namespace xdd
