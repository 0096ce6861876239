#include "losses/isomax_plus_loss.h"

#include "losses/input_checks.h"
#include "losses/pairwise.h"

namespace xdd {

namespace {
// z / max(||z||, 1e-12), row-wise (as torch.nn.functional.normalize).
torch::Tensor unit_rows(const torch::Tensor& z) {
  return z / z.norm(2, 1, /*keepdim=*/true).clamp_min(1e-12);
}
}  // namespace

IsoMaxPlusLoss::IsoMaxPlusLoss(const LossOptions& o) : num_classes_(o.num_classes), dim_(o.dim) {
  prototypes_ = register_parameter("prototypes", torch::randn({num_classes_, dim_}));
  distance_scale_ = register_parameter("distance_scale", torch::ones({1}));
}

torch::Tensor IsoMaxPlusLoss::distances(const torch::Tensor& z) const {
  const torch::Tensor dist =
      euclidean_distances(unit_rows(z), unit_rows(prototypes_.to(z.scalar_type())));
  return torch::abs(distance_scale_.to(z.scalar_type())) * dist;
}

LossTerms IsoMaxPlusLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "isomax_plus loss");
  check_width(z, dim_, "isomax_plus loss");
  const torch::Tensor ce = torch::nn::functional::cross_entropy(-kEntropicScale * distances(z), y);
  return {ce, {{"cross_entropy", ce}, {"total", ce}}};
}

torch::Tensor IsoMaxPlusLoss::own_score(const torch::Tensor& z_test,
                                        const torch::Tensor& /*z_labeled*/,
                                        const torch::Tensor& /*y_labeled*/) {
  check_embeddings(z_test, "isomax_plus own score");
  check_width(z_test, dim_, "isomax_plus own score");
  torch::NoGradGuard no_grad;
  return std::get<0>(distances(z_test.to(torch::kDouble)).min(1));
}

}  // namespace xdd
