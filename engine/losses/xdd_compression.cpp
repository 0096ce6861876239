#include "losses/xdd_compression.h"

#include <cmath>

#include "losses/pairwise.h"

namespace xdd {

torch::Tensor paper_compression(const torch::Tensor& z, const torch::Tensor& y,
                                bool inter_class_only, double sigma2) {
  // Sums of squared distances over pairs without the [N,N] matrix: over all pairs i < j the sum is
  // N * sum_i ||z_i - mean||^2, within class k it is n_k * sum_{i in k} ||z_i - mu_k||^2, and the
  // inter-class pairs are the rest. O(N d), which matters: the loss and its gradients are
  // evaluated several times per re-training step.
  const double n = static_cast<double>(z.size(0));
  torch::Tensor sum = n * (z - z.mean(0, true)).pow(2).sum();
  double count = n * (n - 1.0) / 2.0;
  if (inter_class_only) {
    const torch::Tensor one_hot = torch::one_hot(y).to(z.scalar_type());  // [N,K]
    const torch::Tensor sizes = one_hot.sum(0);                           // n_k
    const torch::Tensor means = torch::matmul(one_hot.t(), z) / sizes.clamp_min(1.0).unsqueeze(1);
    const torch::Tensor scatter = (z - torch::matmul(one_hot, means)).pow(2).sum(1);  // [N]
    sum = sum - (sizes * torch::matmul(one_hot.t(), scatter)).sum();
    count -= (sizes * (sizes - 1.0) / 2.0).sum().item<double>();
  }
  if (count < 0.5) return (z * 0.0).sum();  // keeps the graph: a zero gradient, not a missing one
  return -sum / (count * 2.0 * sigma2);
}

torch::Tensor kde_compression(const torch::Tensor& z, double sigma2) {
  return kde_compression_of_distances(pairwise_squared_distances(z), sigma2);
}

torch::Tensor kde_compression_of_distances(const torch::Tensor& squared_distances, double sigma2) {
  const double n = static_cast<double>(squared_distances.size(0));
  return std::log(n) - torch::logsumexp(-squared_distances / (2.0 * sigma2), 1).mean();
}

}  // namespace xdd
