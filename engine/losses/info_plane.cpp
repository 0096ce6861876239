#include "losses/info_plane.h"

#include <cmath>

#include "core/error.h"
#include "losses/class_gaussians.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"

namespace xdd {

namespace {

double ixz_with_sigma2(const torch::Tensor& z, double sigma2) {
  torch::NoGradGuard no_grad;
  return kde_compression(z.to(torch::kDouble), sigma2).item<double>();
}

}  // namespace

double estimate_ixz(const torch::Tensor& z) {
  check_embeddings(z, "I(X;Z) estimate");
  if (z.size(0) < 2) return 0.0;  // one point: log 1
  return ixz_with_sigma2(z, median_pair_squared_distance(z));
}

double estimate_ixz(const torch::Tensor& z, double sigma) {
  check_embeddings(z, "I(X;Z) estimate");
  if (!std::isfinite(sigma) || sigma <= 0.0) {
    throw InvalidArgument("I(X;Z) estimate: sigma must be finite and > 0, got " +
                          std::to_string(sigma));
  }
  return ixz_with_sigma2(z, sigma * sigma);
}

double estimate_izy(const torch::Tensor& z, const torch::Tensor& y, const torch::Tensor& z_ref,
                    const torch::Tensor& y_ref, int num_classes) {
  if (num_classes < 1) throw InvalidArgument("I(Z;Y) estimate: num_classes must be >= 1");
  check_labeled_batch(z, y, num_classes, "I(Z;Y) estimate");
  check_labeled_batch(z_ref, y_ref, num_classes, "I(Z;Y) estimate (reference)");
  check_width(z, z_ref.size(1), "I(Z;Y) estimate");
  torch::NoGradGuard no_grad;
  const ClassGaussians g = fit_class_gaussians(z_ref.to(torch::kDouble), y_ref, num_classes);
  if (!g.present.index_select(0, y).all().item<bool>()) {
    throw InvalidArgument(
        "I(Z;Y) estimate: a label of the evaluated set has no reference embedding");
  }
  const torch::Tensor freq = torch::bincount(y, {}, num_classes).to(torch::kDouble) / y.size(0);
  const torch::Tensor h_y = -(freq * torch::log(freq.clamp_min(1e-300))).sum();
  const torch::Tensor log_q = torch::log_softmax(class_logits(z.to(torch::kDouble), g), 1);
  return (h_y + log_q.gather(1, y.unsqueeze(1)).mean()).item<double>();
}

}  // namespace xdd
