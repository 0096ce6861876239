#include "losses/xdd_compression.h"

#include <cmath>

#include "losses/pairwise.h"

namespace xdd {

torch::Tensor paper_compression(const torch::Tensor& z, const torch::Tensor& y,
                                bool inter_class_only, double sigma2) {
  const int64_t n = z.size(0);
  const torch::Tensor d2 = pairwise_squared_distances(z);
  // Each unordered pair once: the strict upper triangle, optionally only where the labels differ.
  torch::Tensor pairs = torch::ones({n, n}, z.options().dtype(torch::kBool)).triu(1);
  if (inter_class_only) pairs = pairs.logical_and(y.unsqueeze(0) != y.unsqueeze(1));
  const int64_t count = pairs.sum().item<int64_t>();
  if (count == 0) return (z * 0.0).sum();  // keeps the graph: a zero gradient, not a missing one
  return -(d2 * pairs.to(z.scalar_type())).sum() / (static_cast<double>(count) * 2.0 * sigma2);
}

torch::Tensor kde_compression(const torch::Tensor& z, double sigma2) {
  const double n = static_cast<double>(z.size(0));
  const torch::Tensor log_kernel = -pairwise_squared_distances(z) / (2.0 * sigma2);
  return std::log(n) - torch::logsumexp(log_kernel, 1).mean();
}

}  // namespace xdd
