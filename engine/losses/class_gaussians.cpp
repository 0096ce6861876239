#include "losses/class_gaussians.h"

#include <cmath>
#include <limits>

#include "losses/pairwise.h"

namespace xdd {

ClassGaussians fit_class_gaussians(const torch::Tensor& z, const torch::Tensor& y,
                                   int64_t num_classes) {
  const double d = static_cast<double>(z.size(1));
  const torch::Tensor one_hot = torch::one_hot(y, num_classes).to(z.scalar_type());  // [N,K]
  const torch::Tensor counts = one_hot.sum(0);                                       // [K]
  const torch::Tensor mean = torch::matmul(one_hot.t(), z) / counts.clamp_min(1.0).unsqueeze(1);
  const torch::Tensor own_sq = (z - mean.index_select(0, y)).pow(2).sum(1);  // [N]
  const torch::Tensor var = torch::matmul(one_hot.t(), own_sq) / (counts.clamp_min(1.0) * d);

  double scale = 0.0;
  {
    torch::NoGradGuard no_grad;
    scale = (z - z.mean(0, true)).pow(2).sum(1).mean().item<double>() / d;
  }
  const double floor = 1e-8 * (scale > 0.0 ? scale : 1.0);
  return {mean, 0.5 * torch::log(var.clamp_min(floor)), counts > 0};
}

torch::Tensor class_logits(const torch::Tensor& z, const ClassGaussians& g) {
  const double d = static_cast<double>(z.size(1));
  const torch::Tensor log_sigma = g.log_sigma.to(z.scalar_type());
  const torch::Tensor sq = squared_distances(z, g.mean.to(z.scalar_type()));  // [N,K]
  // ||z - mu||^2 / (2 sigma^2) as sq * exp(-2 log sigma) / 2: stays in range for any finite log
  // sigma
  const torch::Tensor logits = -0.5 * sq * torch::exp(-2.0 * log_sigma) - d * log_sigma;
  return logits.masked_fill(g.present.logical_not(), -std::numeric_limits<double>::infinity());
}

torch::Tensor class_log_densities(const torch::Tensor& z, const ClassGaussians& g) {
  const double d = static_cast<double>(z.size(1));
  return class_logits(z, g) - 0.5 * d * std::log(2.0 * M_PI);
}

}  // namespace xdd
