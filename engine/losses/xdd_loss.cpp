#include "losses/xdd_loss.h"

#include "losses/bn_only_loss.h"
#include "losses/class_gaussians.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"

namespace xdd {

XddLoss::XddLoss(const LossOptions& o)
    : beta_(o.beta),
      kde_(o.estimator == "kde"),
      inter_class_only_(o.pairs == "inter"),
      normalized_(o.scale == "normalized"),
      relevance_(o.relevance == "learned"     ? Relevance::kLearned
                 : o.relevance == "in_sample" ? Relevance::kInSample
                                              : Relevance::kLeaveOneOut),
      num_classes_(o.num_classes),
      dim_(o.dim) {
  if (relevance_ == Relevance::kLearned) {
    // Deep MCDD's initialisation (SPEC section 5): never from the batch, which would start the term
    // at its in-sample, saturated value.
    class_means_ = register_parameter("class_means", torch::empty({num_classes_, dim_}));
    torch::NoGradGuard no_grad;
    torch::nn::init::xavier_uniform_(class_means_);
    class_log_sigmas_ = register_parameter("class_log_sigmas", torch::zeros({num_classes_}));
  }
}

torch::Tensor XddLoss::compression(const torch::Tensor& z, const torch::Tensor& y) const {
  // `normalized`: z arrives scale-normalised, the noise variance is fixed on that scale.
  // `detached`: sigma^2 = the batch's median pairwise squared distance, not back-propagated.
  const double sigma2 =
      normalized_ ? (kde_ ? kFixedKernelVariance : 1.0) : median_pair_squared_distance(z);
  return kde_ ? kde_compression(z, sigma2) : paper_compression(z, y, inter_class_only_, sigma2);
}

torch::Tensor XddLoss::relevance(const torch::Tensor& z, const torch::Tensor& y) const {
  switch (relevance_) {
    case Relevance::kLeaveOneOut: {
      const LeaveOneOut loo = leave_one_out_log_q(z, y, num_classes_);
      const torch::Tensor weight = loo.usable.to(z.scalar_type());
      // A point alone in its class has no out-of-sample estimate and is left out; with none left
      // the term is 0 with a zero (not missing) gradient.
      return (loo.log_q * weight).sum() / weight.sum().clamp_min(1.0);
    }
    case Relevance::kInSample: {
      const ClassGaussians g = fit_class_gaussians(z, y, num_classes_);
      return torch::log_softmax(class_logits(z, g), 1).gather(1, y.unsqueeze(1)).mean();
    }
    case Relevance::kLearned: {
      const ClassGaussians g{
          class_means_.to(torch::kDouble), class_log_sigmas_.to(torch::kDouble),
          torch::ones({num_classes_},
                      torch::TensorOptions().dtype(torch::kBool).device(z.device()))};
      return torch::log_softmax(class_logits(z, g), 1).gather(1, y.unsqueeze(1)).mean();
    }
  }
  return {};
}

LossTerms XddLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "xdd loss", 2);
  if (relevance_ == Relevance::kLearned) check_width(z, dim_, "xdd loss");
  const torch::Tensor z64 = z.to(torch::kDouble);
  const torch::Tensor zs = normalized_ ? scale_normalized(z64) : z64;
  const torch::Tensor c = compression(zs, y);
  const torch::Tensor r = relevance(zs, y);
  const torch::Tensor total = c - beta_ * r;

  const auto out = [&](const torch::Tensor& t) { return t.to(z.scalar_type()); };
  return {out(total), {{"compression", out(c)}, {"relevance", out(r)}, {"total", out(total)}}};
}

torch::Tensor XddLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                 const torch::Tensor& y_labeled) {
  return best_class_gaussian_score(z_test, z_labeled, y_labeled, num_classes_, "xdd");
}

}  // namespace xdd
