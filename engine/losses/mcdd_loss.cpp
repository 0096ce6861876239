#include "losses/mcdd_loss.h"

#include "losses/input_checks.h"
#include "losses/pairwise.h"

namespace xdd {

namespace {
constexpr double kPullWeight = 1.0;  // lambda of the paper, fixed by SPEC
}

McddLoss::McddLoss(const LossOptions& o) : num_classes_(o.num_classes), dim_(o.dim) {
  centres_ = register_parameter("centres", torch::empty({num_classes_, dim_}));
  {
    torch::NoGradGuard no_grad;
    torch::nn::init::xavier_uniform_(centres_);
  }
  log_sigmas_ = register_parameter("log_sigmas", torch::zeros({num_classes_}));
  biases_ = register_parameter("biases", torch::zeros({num_classes_}));
}

torch::Tensor McddLoss::distances(const torch::Tensor& z) const {
  const double d = static_cast<double>(z.size(1));
  const torch::Tensor s = torch::relu(log_sigmas_.to(z.scalar_type()));  // log sigma_k >= 0
  const torch::Tensor sq = squared_distances(z, centres_.to(z.scalar_type()));
  return 0.5 * sq * torch::exp(-2.0 * s) + d * s;
}

LossTerms McddLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "mcdd loss");
  check_width(z, dim_, "mcdd loss");
  const torch::Tensor dist = distances(z);
  const torch::Tensor pull = dist.gather(1, y.unsqueeze(1)).mean();
  const torch::Tensor ce =
      torch::nn::functional::cross_entropy(-dist + biases_.to(z.scalar_type()), y);
  const torch::Tensor total = kPullWeight * pull + ce;
  return {total, {{"pull", pull}, {"cross_entropy", ce}, {"total", total}}};
}

torch::Tensor McddLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& /*z_labeled*/,
                                  const torch::Tensor& /*y_labeled*/) {
  check_embeddings(z_test, "mcdd own score");
  check_width(z_test, dim_, "mcdd own score");
  torch::NoGradGuard no_grad;
  return std::get<0>(distances(z_test.to(torch::kDouble)).min(1));
}

}  // namespace xdd
