#include "losses/bn_only_loss.h"

#include "losses/class_gaussians.h"
#include "losses/input_checks.h"

namespace xdd {

BnOnlyLoss::BnOnlyLoss(const LossOptions& o) : num_classes_(o.num_classes) {}

LossTerms BnOnlyLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "bn_only");
  const torch::Tensor zero =
      (z * 0.0).sum();  // keeps the graph: a zero gradient, not a missing one
  return {zero, {{"total", zero}}};
}

torch::Tensor BnOnlyLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                    const torch::Tensor& y_labeled) {
  return best_class_gaussian_score(z_test, z_labeled, y_labeled, num_classes_, "bn_only");
}

torch::Tensor best_class_gaussian_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                        const torch::Tensor& y_labeled, int64_t num_classes,
                                        const std::string& who) {
  check_labeled_batch(z_labeled, y_labeled, num_classes, who + " own score (labeled)");
  check_embeddings(z_test, who + " own score (test)");
  check_width(z_test, z_labeled.size(1), who + " own score (test)");
  torch::NoGradGuard no_grad;
  const ClassGaussians g =
      fit_class_gaussians(z_labeled.to(torch::kDouble), y_labeled, num_classes);
  return -std::get<0>(class_log_densities(z_test.to(torch::kDouble), g).max(1));
}

}  // namespace xdd
