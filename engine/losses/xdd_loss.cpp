#include "losses/xdd_loss.h"

#include <cmath>

#include "core/error.h"
#include "losses/class_gaussians.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"

namespace xdd {

XddLoss::XddLoss(const LossOptions& o)
    : beta_(o.beta),
      kde_(o.estimator == "kde"),
      inter_class_only_(o.pairs == "inter"),
      learned_(o.relevance == "learned"),
      num_classes_(o.num_classes),
      dim_(o.dim) {
  if (learned_) {
    class_means_ = register_parameter("class_means", torch::zeros({num_classes_, dim_}));
    class_log_sigmas_ = register_parameter("class_log_sigmas", torch::zeros({num_classes_}));
  }
}

void XddLoss::set_beta(double beta) {
  if (!std::isfinite(beta) || beta < 0.0) {
    throw InvalidArgument("xdd loss: beta must be finite and >= 0, got " + std::to_string(beta));
  }
  beta_ = beta;
}

void XddLoss::initialize(const torch::Tensor& z, const torch::Tensor& y) {
  if (!learned_) return;
  check_labeled_batch(z, y, num_classes_, "xdd loss initialize");
  check_width(z, dim_, "xdd loss initialize");
  torch::NoGradGuard no_grad;
  const torch::Tensor z64 = z.to(torch::kDouble);
  const ClassGaussians g = fit_class_gaussians(z64, y, num_classes_);
  // A class missing from the batch: the whole batch's mean and per-coordinate spread.
  const ClassGaussians all = fit_class_gaussians(z64, torch::zeros_like(y), 1);
  const torch::Tensor present = g.present.unsqueeze(1);
  class_means_.copy_(torch::where(present, g.mean, all.mean.expand_as(g.mean)));
  class_log_sigmas_.copy_(
      torch::where(g.present, g.log_sigma, all.log_sigma.expand_as(g.log_sigma)));
  initialized_ = true;
}

LossTerms XddLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "xdd loss", 2);
  if (learned_) {
    check_width(z, dim_, "xdd loss");
    if (!initialized_) initialize(z.detach(), y);
  }
  const torch::Tensor z64 = z.to(torch::kDouble);
  // The project's documented scale fix: sigma^2 = the median pairwise squared distance of the batch
  // (sigma = the median pairwise distance), detached, in both estimators.
  const double sigma2 = median_pair_squared_distance(z64);
  const torch::Tensor compression =
      kde_ ? kde_compression(z64, sigma2) : paper_compression(z64, y, inter_class_only_, sigma2);

  ClassGaussians g;
  if (learned_) {
    g = {
        class_means_.to(torch::kDouble), class_log_sigmas_.to(torch::kDouble),
        torch::ones({num_classes_}, torch::TensorOptions().dtype(torch::kBool).device(z.device()))};
  } else {
    g = fit_class_gaussians(z64, y, num_classes_);
  }
  const torch::Tensor log_q = torch::log_softmax(class_logits(z64, g), 1);
  const torch::Tensor relevance = log_q.gather(1, y.unsqueeze(1)).mean();
  const torch::Tensor total = compression - beta_ * relevance;

  const auto out = [&](const torch::Tensor& t) { return t.to(z.scalar_type()); };
  return {
      out(total),
      {{"compression", out(compression)}, {"relevance", out(relevance)}, {"total", out(total)}}};
}

torch::Tensor XddLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                 const torch::Tensor& y_labeled) {
  check_labeled_batch(z_labeled, y_labeled, num_classes_, "xdd own score (labeled)");
  check_embeddings(z_test, "xdd own score (test)");
  check_width(z_test, z_labeled.size(1), "xdd own score (test)");
  torch::NoGradGuard no_grad;
  const ClassGaussians g =
      fit_class_gaussians(z_labeled.to(torch::kDouble), y_labeled, num_classes_);
  return -std::get<0>(class_log_densities(z_test.to(torch::kDouble), g).max(1));
}

}  // namespace xdd
