#include "losses/class_gaussians.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "losses/input_checks.h"
#include "losses/pairwise.h"

namespace xdd {

namespace {

// The variance floor of fit_class_gaussians: 1e-8 times the batch's per-coordinate variance.
double variance_floor(const torch::Tensor& z) {
  torch::NoGradGuard no_grad;
  const double d = static_cast<double>(z.size(1));
  const double scale = (z - z.mean(0, true)).pow(2).sum(1).mean().item<double>() / d;
  return 1e-8 * (scale > 0.0 ? scale : 1.0);
}

}  // namespace

ClassGaussians fit_class_gaussians(const torch::Tensor& z, const torch::Tensor& y,
                                   int64_t num_classes) {
  const double d = static_cast<double>(z.size(1));
  const torch::Tensor one_hot = torch::one_hot(y, num_classes).to(z.scalar_type());  // [N,K]
  const torch::Tensor counts = one_hot.sum(0);                                       // [K]
  const torch::Tensor mean = torch::matmul(one_hot.t(), z) / counts.clamp_min(1.0).unsqueeze(1);
  const torch::Tensor own_sq = (z - mean.index_select(0, y)).pow(2).sum(1);  // [N]
  const torch::Tensor var = torch::matmul(one_hot.t(), own_sq) / (counts.clamp_min(1.0) * d);

  return {mean, 0.5 * torch::log(var.clamp_min(variance_floor(z))), counts > 0};
}

LeaveOneOut leave_one_out_log_q(const torch::Tensor& z, const torch::Tensor& y,
                                int64_t num_classes) {
  const double d = static_cast<double>(z.size(1));
  const ClassGaussians all = fit_class_gaussians(z, y, num_classes);
  const torch::Tensor n =
      torch::bincount(y, {}, num_classes).to(z.scalar_type()).index_select(0, y);
  const torch::Tensor usable = n > 1.5;
  const torch::Tensor m = n.clamp_min(2.0);  // n_k, with 2 standing in where unusable
  // With c_i = z_i - mu_k (k = y_i) and S_k = sum over class k of ||c||^2, removing z_i gives
  // mu_k' = mu_k - c_i / (n-1), so ||z_i - mu_k'||^2 = ||c_i||^2 n^2 / (n-1)^2 and the others'
  // scatter about mu_k' is S_k - ||c_i||^2 n / (n-1): closed forms, no per-point refit.
  const torch::Tensor own_sq = (z - all.mean.index_select(0, y)).pow(2).sum(1);  // ||c_i||^2
  const torch::Tensor one_hot = torch::one_hot(y, num_classes).to(z.scalar_type());
  const torch::Tensor scatter = torch::matmul(one_hot, torch::matmul(one_hot.t(), own_sq));  // S_k
  const torch::Tensor dist_sq = own_sq * (m / (m - 1.0)).pow(2);
  const torch::Tensor var =
      ((scatter - own_sq * m / (m - 1.0)) / ((m - 1.0) * d)).clamp_min(variance_floor(z));
  const torch::Tensor own_logit = -0.5 * dist_sq / var - 0.5 * d * torch::log(var);

  const torch::Tensor logits =
      torch::where(one_hot.to(torch::kBool), own_logit.unsqueeze(1), class_logits(z, all));
  const torch::Tensor log_q = torch::log_softmax(logits, 1).gather(1, y.unsqueeze(1)).squeeze(1);
  return {log_q, usable};
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

torch::Tensor best_class_gaussian_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                        const torch::Tensor& y_labeled, int64_t num_classes,
                                        const std::string& who) {
  check_labeled_batch(z_labeled, y_labeled, num_classes, who + " own score (labeled)");
  check_embeddings(z_test, who + " own score (test)");
  check_width(z_test, z_labeled.size(1), who + " own score (test)");
  torch::NoGradGuard no_grad;
  const ClassGaussians g =
      fit_class_gaussians(z_labeled.to(torch::kDouble), y_labeled, num_classes);
  // A chunk of test rows at a time: the whole test set in float64 would be 250 MB (10,000 x 3136)
  // and its intermediates as much again, the largest allocation of a run.
  constexpr int64_t kChunkRows = 1024;
  torch::Tensor score = torch::empty({z_test.size(0)}, z_test.options().dtype(torch::kDouble));
  for (int64_t start = 0; start < z_test.size(0); start += kChunkRows) {
    const int64_t end = std::min(z_test.size(0), start + kChunkRows);
    const torch::Tensor chunk = z_test.slice(0, start, end).to(torch::kDouble);
    score.slice(0, start, end).copy_(-std::get<0>(class_log_densities(chunk, g).max(1)));
  }
  return score;
}

}  // namespace xdd
