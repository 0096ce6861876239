#include "losses/pairwise.h"

#include "core/error.h"

namespace xdd {

torch::Tensor squared_distances(const torch::Tensor& a, const torch::Tensor& b) {
  const torch::Tensor shift = b.detach().mean(0, /*keepdim=*/true);
  const torch::Tensor as = a - shift;
  const torch::Tensor bs = b - shift;
  const torch::Tensor sq = as.pow(2).sum(1).unsqueeze(1) + bs.pow(2).sum(1).unsqueeze(0) -
                           2.0 * torch::matmul(as, bs.t());
  return sq.clamp_min(0.0);
}

torch::Tensor euclidean_distances(const torch::Tensor& a, const torch::Tensor& b) {
  return squared_distances(a, b).clamp_min(1e-12).sqrt();
}

torch::Tensor pairwise_squared_distances(const torch::Tensor& z) {
  const torch::Tensor off_diagonal = 1.0 - torch::eye(z.size(0), z.options().requires_grad(false));
  return squared_distances(z, z) * off_diagonal;
}

double median_pair_squared_distance(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(0) < 2) {
    throw InvalidArgument("median pairwise distance: needs an [N,d] tensor with N >= 2");
  }
  torch::NoGradGuard no_grad;
  return median_of_pair_distances(pairwise_squared_distances(z.to(torch::kDouble)));
}

double median_of_pair_distances(const torch::Tensor& sq) {
  torch::NoGradGuard no_grad;
  const int64_t n = sq.size(0);
  const torch::Tensor upper =
      torch::triu_indices(n, n, 1, torch::TensorOptions().device(sq.device()));
  const torch::Tensor d2 = sq.index({upper[0], upper[1]});
  const double median = d2.median().item<double>();
  if (median > 0.0) return median;
  const double mean = d2.mean().item<double>();
  return mean > 0.0 ? mean : 1.0;
}

torch::Tensor scale_normalized(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(0) < 2) {
    throw InvalidArgument("scale normalisation: needs an [N,d] tensor with N >= 2");
  }
  // mean_{i<j} ||z_i - z_j||^2 = 2 N / (N - 1) * mean_i ||z_i - mean||^2: O(N d), not O(N^2 d).
  const double n = static_cast<double>(z.size(0));
  const torch::Tensor half_mean_pair = (z - z.mean(0, true)).pow(2).sum(1).mean() * (n / (n - 1.0));
  // All points equal: every distance is 0 at any scale, so keep z. The sqrt sees 1 there, not 0,
  // so its backward pass cannot make 0 * inf = NaN.
  const torch::Tensor spread = half_mean_pair > 0;
  return z / torch::where(spread, half_mean_pair, torch::ones_like(half_mean_pair)).sqrt();
}

}  // namespace xdd
