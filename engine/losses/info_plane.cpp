#include "losses/info_plane.h"

#include <cmath>

#include "core/error.h"
#include "losses/class_gaussians.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"

namespace xdd {

namespace {

// log N - mean_i logsumexp_j(-d_ij / (2 sigma^2)) from squared distances in any dtype.
double mixture_estimate(const torch::Tensor& sq, double sigma2) {
  const double n = static_cast<double>(sq.size(0));
  const torch::Tensor log_kernel = -sq.to(torch::kDouble) / (2.0 * sigma2);
  return std::log(n) - torch::logsumexp(log_kernel, 1).mean().item<double>();
}

double entropy_of_labels(const torch::Tensor& y, int num_classes) {
  const torch::Tensor freq = torch::bincount(y, {}, num_classes).to(torch::kDouble) / y.size(0);
  return -(freq * torch::log(freq.clamp_min(1e-300))).sum().item<double>();
}

}  // namespace

double estimate_ixz(const torch::Tensor& z) {
  check_embeddings(z, "I(X;Z) estimate");
  if (z.size(0) < 2) return 0.0;  // one point: log 1
  torch::NoGradGuard no_grad;
  return mixture_estimate(readout_squared_distances(scale_normalized(z)), kFixedKernelVariance);
}

double estimate_ixz(const torch::Tensor& z, double sigma) {
  check_embeddings(z, "I(X;Z) estimate");
  if (!std::isfinite(sigma) || sigma <= 0.0) {
    throw InvalidArgument("I(X;Z) estimate: sigma must be finite and > 0, got " +
                          std::to_string(sigma));
  }
  torch::NoGradGuard no_grad;
  return mixture_estimate(readout_squared_distances(z.to(torch::kDouble)), sigma * sigma);
}

double estimate_izy(const torch::Tensor& z, const torch::Tensor& y, const torch::Tensor& z_ref,
                    const torch::Tensor& y_ref, int num_classes) {
  if (num_classes < 1) throw InvalidArgument("I(Z;Y) estimate: num_classes must be >= 1");
  check_labeled_batch(z, y, num_classes, "I(Z;Y) estimate");
  check_labeled_batch(z_ref, y_ref, num_classes, "I(Z;Y) estimate (reference)");
  check_width(z, z_ref.size(1), "I(Z;Y) estimate");
  torch::NoGradGuard no_grad;
  const ClassGaussians g = fit_class_gaussians(z_ref.to(torch::kDouble), y_ref, num_classes);
  if (!g.present.index_select(0, y).all().item<bool>()) {
    throw InvalidArgument(
        "I(Z;Y) estimate: a label of the evaluated set has no reference embedding");
  }
  const torch::Tensor log_q = torch::log_softmax(class_logits(z.to(torch::kDouble), g), 1);
  return entropy_of_labels(y, num_classes) + log_q.gather(1, y.unsqueeze(1)).mean().item<double>();
}

double estimate_izy_leave_one_out(const torch::Tensor& z, const torch::Tensor& y, int num_classes) {
  if (num_classes < 1) throw InvalidArgument("I(Z;Y) estimate: num_classes must be >= 1");
  check_labeled_batch(z, y, num_classes, "I(Z;Y) leave-one-out estimate");
  torch::NoGradGuard no_grad;
  const LeaveOneOut loo = leave_one_out_log_q(z.to(torch::kDouble), y, num_classes);
  if (!loo.usable.any().item<bool>()) {
    throw InvalidArgument(
        "I(Z;Y) leave-one-out estimate: no class has two examples to leave one out of");
  }
  return entropy_of_labels(y, num_classes) + loo.log_q.index({loo.usable}).mean().item<double>();
}

}  // namespace xdd
