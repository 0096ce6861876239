#include "losses/isomax_loss.h"

#include "losses/input_checks.h"
#include "losses/pairwise.h"

namespace xdd {

IsoMaxLoss::IsoMaxLoss(const LossOptions& o) : num_classes_(o.num_classes), dim_(o.dim) {
  prototypes_ = register_parameter("prototypes", torch::zeros({num_classes_, dim_}));
}

LossTerms IsoMaxLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "isomax loss");
  check_width(z, dim_, "isomax loss");
  const torch::Tensor dist = euclidean_distances(z, prototypes_.to(z.scalar_type()));
  const torch::Tensor ce = torch::nn::functional::cross_entropy(-kEntropicScale * dist, y);
  return {ce, {{"cross_entropy", ce}, {"total", ce}}};
}

torch::Tensor IsoMaxLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& /*z_labeled*/,
                                    const torch::Tensor& /*y_labeled*/) {
  check_embeddings(z_test, "isomax own score");
  check_width(z_test, dim_, "isomax own score");
  torch::NoGradGuard no_grad;
  const torch::Tensor dist =
      euclidean_distances(z_test.to(torch::kDouble), prototypes_.to(torch::kDouble));
  const torch::Tensor log_p = torch::log_softmax(-dist, 1);
  return -(log_p.exp() * log_p).sum(1);
}

}  // namespace xdd
