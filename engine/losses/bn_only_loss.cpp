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

}  // namespace xdd
