#include "losses/gram_terms.h"

#include <limits>

namespace xdd {
namespace {

// ||c_i - mu_k||^2 for every point and class, [N,K]: G_ii - 2 (G H)_ik / n_k + (H^T G H)_kk /
// n_k^2.
torch::Tensor squared_distances_to_means(const GramBatch& b) {
  const torch::Tensor n = b.sizes.clamp_min(1.0);
  const torch::Tensor gh = torch::matmul(b.gram, b.one_hot);        // [N,K]
  const torch::Tensor within = (gh * b.one_hot).sum(0) / n.pow(2);  // (H^T G H)_kk / n_k^2
  const torch::Tensor sq =
      b.gram.diagonal().unsqueeze(1) - 2.0 * gh / n.unsqueeze(0) + within.unsqueeze(0);
  return sq.clamp_min(0.0);
}

// The variance floor of fit_class_gaussians: 1e-8 times the batch's per-coordinate variance.
double variance_floor(const GramBatch& b) {
  torch::NoGradGuard no_grad;
  const double scale = b.gram.diagonal().mean().item<double>() / b.dim;
  return 1e-8 * (scale > 0.0 ? scale : 1.0);
}

// [N,K] logits of eq. 10 with every class fitted on all its points, from the squared distances to
// the class means; -inf for absent classes.
torch::Tensor in_sample_logits(const GramBatch& b, const torch::Tensor& sq) {
  const torch::Tensor var_k = (sq * b.one_hot).sum(0) / (b.sizes.clamp_min(1.0) * b.dim);
  const torch::Tensor log_var = torch::log(var_k.clamp_min(variance_floor(b)));
  const torch::Tensor logits =
      -0.5 * sq / log_var.exp().unsqueeze(0) - 0.5 * b.dim * log_var.unsqueeze(0);
  return logits.masked_fill((b.sizes == 0).unsqueeze(0), -std::numeric_limits<double>::infinity());
}

}  // namespace

GramBatch gram_batch(const torch::Tensor& z, const torch::Tensor& y, int64_t num_classes) {
  const torch::Tensor centred = z - z.mean(0, true);
  const torch::Tensor one_hot = torch::one_hot(y, num_classes).to(z.scalar_type());
  return {torch::matmul(centred, centred.t()), one_hot, one_hot.sum(0),
          static_cast<double>(z.size(1))};
}

GramBatch scale_normalized(const GramBatch& b) {
  const double n = static_cast<double>(b.gram.size(0));
  const torch::Tensor half_mean_pair = b.gram.diagonal().mean() * (n / (n - 1.0));
  const torch::Tensor spread = half_mean_pair > 0;
  GramBatch out = b;
  out.gram = b.gram / torch::where(spread, half_mean_pair, torch::ones_like(half_mean_pair));
  return out;
}

torch::Tensor pair_squared_distances(const GramBatch& b) {
  const torch::Tensor d = b.gram.diagonal();
  const torch::Tensor sq = (d.unsqueeze(1) + d.unsqueeze(0) - 2.0 * b.gram).clamp_min(0.0);
  return sq * (1.0 - torch::eye(b.gram.size(0), b.gram.options().requires_grad(false)));
}

torch::Tensor paper_compression(const GramBatch& b, bool inter_class_only, double sigma2) {
  // Over all pairs i < j: N * sum_i ||c_i||^2; within class k: n_k * sum_{i in k} ||c_i - mu_k||^2.
  const double n = static_cast<double>(b.gram.size(0));
  torch::Tensor sum = n * b.gram.diagonal().sum();
  double count = n * (n - 1.0) / 2.0;
  if (inter_class_only) {
    const torch::Tensor own = (squared_distances_to_means(b) * b.one_hot).sum(1);  // [N]
    sum = sum - (b.sizes * torch::matmul(b.one_hot.t(), own)).sum();
    torch::NoGradGuard no_grad;
    count -= (b.sizes * (b.sizes - 1.0) / 2.0).sum().item<double>();
  }
  if (count < 0.5) return (b.gram * 0.0).sum();  // a zero gradient, not a missing one
  return -sum / (count * 2.0 * sigma2);
}

torch::Tensor leave_one_out_relevance(const GramBatch& b, const torch::Tensor& y) {
  const double d = b.dim;
  const torch::Tensor sq = squared_distances_to_means(b);  // [N,K]
  torch::Tensor logits = in_sample_logits(b, sq);
  // Point i's own class without it (class_gaussians.h has the closed forms).
  const double floor = variance_floor(b);
  const torch::Tensor m = b.sizes.index_select(0, y).clamp_min(2.0);
  const torch::Tensor own_sq = (sq * b.one_hot).sum(1);
  const torch::Tensor scatter = torch::matmul(b.one_hot, torch::matmul(b.one_hot.t(), own_sq));
  const torch::Tensor var = ((scatter - own_sq * m / (m - 1.0)) / ((m - 1.0) * d)).clamp_min(floor);
  const torch::Tensor own_logit =
      -0.5 * own_sq * (m / (m - 1.0)).pow(2) / var - 0.5 * d * torch::log(var);
  logits = torch::where(b.one_hot.to(torch::kBool), own_logit.unsqueeze(1), logits);

  const torch::Tensor log_q = torch::log_softmax(logits, 1).gather(1, y.unsqueeze(1)).squeeze(1);
  const torch::Tensor usable = (b.sizes.index_select(0, y) > 1.5).to(log_q.scalar_type());
  return (log_q * usable).sum() / usable.sum().clamp_min(1.0);
}

torch::Tensor in_sample_relevance(const GramBatch& b, const torch::Tensor& y) {
  const torch::Tensor logits = in_sample_logits(b, squared_distances_to_means(b));
  return torch::log_softmax(logits, 1).gather(1, y.unsqueeze(1)).mean();
}

}  // namespace xdd
