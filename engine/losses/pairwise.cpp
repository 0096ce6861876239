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
  const int64_t n = z.size(0);
  const torch::Tensor upper =
      torch::triu_indices(n, n, 1, torch::TensorOptions().device(z.device()));
  const torch::Tensor d2 =
      pairwise_squared_distances(z.to(torch::kDouble)).index({upper[0], upper[1]});
  const double median = d2.median().item<double>();
  if (median > 0.0) return median;
  const double mean = d2.mean().item<double>();
  return mean > 0.0 ? mean : 1.0;
}

}  // namespace xdd
