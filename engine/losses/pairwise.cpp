#include "losses/pairwise.h"

#include <algorithm>

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

torch::Tensor readout_squared_distances(const torch::Tensor& z) {
  torch::NoGradGuard no_grad;
  const torch::Tensor c = z.detach() - z.detach().mean(0, /*keepdim=*/true);
  const int64_t n = c.size(0);
  const int64_t blocks = n >= 512 ? 4 : 1;
  const int64_t step = (n + blocks - 1) / blocks;
  torch::Tensor gram = torch::empty({n, n}, c.options());
  for (int64_t start = 0; start < n; start += step) {
    const int64_t end = std::min(n, start + step);
    // Rows start..end against every row from start on; the part right of the diagonal block is
    // also the part below it, transposed.
    const torch::Tensor upper = torch::matmul(c.slice(0, start, end), c.slice(0, start).t());
    gram.slice(0, start, end).slice(1, start).copy_(upper);
    gram.slice(0, end).slice(1, start, end).copy_(upper.slice(1, end - start).t());
  }
  const torch::Tensor norms = gram.diagonal().clone();
  torch::Tensor sq = (norms.unsqueeze(1) + norms.unsqueeze(0) - 2.0 * gram).clamp_min_(0.0);
  return sq.fill_diagonal_(0.0);
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
