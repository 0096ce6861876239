#include "losses/xdd_loss.h"

#include "losses/class_gaussians.h"
#include "losses/gram_terms.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"

namespace xdd {

XddLoss::XddLoss(const LossOptions& o)
    : beta_(o.beta),
      kde_(o.estimator == Estimator::kKde),
      inter_class_only_(o.pairs == Pairs::kInter),
      normalized_(o.scale == Scale::kNormalized),
      relevance_(o.relevance),
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

XddLoss::Terms XddLoss::terms_from_gram(const torch::Tensor& z64, const torch::Tensor& y) const {
  GramBatch b = gram_batch(z64, y, num_classes_);
  const torch::Tensor gram = b.gram;
  if (normalized_) b = scale_normalized(b);
  // `normalized`: the noise variance is fixed on the normalised scale. `detached`: sigma^2 = the
  // batch's median pairwise squared distance, not back-propagated.
  torch::Tensor c;
  if (kde_) {
    const torch::Tensor sq = pair_squared_distances(b);
    c = kde_compression_of_distances(
        sq, normalized_ ? kFixedKernelVariance : median_of_pair_distances(sq.detach()));
  } else {
    const double sigma2 =
        normalized_ ? 1.0 : median_of_pair_distances(pair_squared_distances(b).detach());
    c = paper_compression(b, inter_class_only_, sigma2);
  }
  const torch::Tensor r =
      relevance_ == Relevance::kBatch ? leave_one_out_relevance(b, y) : in_sample_relevance(b, y);
  return {c, r, gram};
}

XddLoss::Terms XddLoss::terms_learned(const torch::Tensor& z64, const torch::Tensor& y) const {
  const torch::Tensor zs = normalized_ ? scale_normalized(z64) : z64;
  const double sigma2 =
      normalized_ ? (kde_ ? kFixedKernelVariance : 1.0) : median_pair_squared_distance(zs);
  const torch::Tensor c =
      kde_ ? kde_compression(zs, sigma2) : paper_compression(zs, y, inter_class_only_, sigma2);
  const ClassGaussians g{
      class_means_.to(torch::kDouble), class_log_sigmas_.to(torch::kDouble),
      torch::ones({num_classes_}, torch::TensorOptions().dtype(torch::kBool).device(z64.device()))};
  const torch::Tensor r =
      torch::log_softmax(class_logits(zs, g), 1).gather(1, y.unsqueeze(1)).mean();
  return {c, r, {}};  // the learned means are parameters: the terms are not functions of G alone
}

LossTerms XddLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "xdd loss", 2);
  if (relevance_ == Relevance::kLearned) check_width(z, dim_, "xdd loss");
  const torch::Tensor z64 = z.to(torch::kDouble);
  const auto [c, r, gram] =
      relevance_ == Relevance::kLearned ? terms_learned(z64, y) : terms_from_gram(z64, y);
  const torch::Tensor total = c - beta_ * r;

  const auto out = [&](const torch::Tensor& t) { return t.to(z.scalar_type()); };
  return {
      out(total), {{"compression", out(c)}, {"relevance", out(r)}, {"total", out(total)}}, gram};
}

torch::Tensor XddLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                 const torch::Tensor& y_labeled) {
  return best_class_gaussian_score(z_test, z_labeled, y_labeled, num_classes_, "xdd");
}

}  // namespace xdd
