#include "losses/softmax_loss.h"

#include "losses/input_checks.h"

namespace xdd {

SoftmaxLoss::SoftmaxLoss(const LossOptions& o) : num_classes_(o.num_classes), dim_(o.dim) {
  head_ = register_module("head", torch::nn::Linear(dim_, num_classes_));
}

LossTerms SoftmaxLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "softmax loss");
  check_width(z, dim_, "softmax loss");
  const torch::Tensor logits = torch::nn::functional::linear(z, head_->weight.to(z.scalar_type()),
                                                             head_->bias.to(z.scalar_type()));
  const torch::Tensor ce = torch::nn::functional::cross_entropy(logits, y);
  return {ce, {{"cross_entropy", ce}, {"total", ce}}};
}

torch::Tensor SoftmaxLoss::own_score(const torch::Tensor& z_test,
                                     const torch::Tensor& /*z_labeled*/,
                                     const torch::Tensor& /*y_labeled*/) {
  check_embeddings(z_test, "softmax own score");
  check_width(z_test, dim_, "softmax own score");
  torch::NoGradGuard no_grad;
  const torch::Tensor z64 = z_test.to(torch::kDouble);
  const torch::Tensor logits = torch::nn::functional::linear(z64, head_->weight.to(torch::kDouble),
                                                             head_->bias.to(torch::kDouble));
  return 1.0 - std::get<0>(torch::softmax(logits, 1).max(1));
}

}  // namespace xdd
