#pragma once
// Baseline: softmax cross-entropy with a linear head dim -> K on the embedding (SPEC section 5).
// The head uses LibTorch's default Linear initialisation (global generator, seeded by the caller).
#include <torch/nn/modules/linear.h>

#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class SoftmaxLoss : public EmbeddingLoss {
 public:
  explicit SoftmaxLoss(const LossOptions& options);
  std::string name() const override { return "softmax"; }
  // Parts: "cross_entropy", "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // 1 - max_k softmax(head(z))_k.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;
  torch::nn::Linear& head() { return head_; }

 private:
  int64_t num_classes_;
  int64_t dim_;
  torch::nn::Linear head_{nullptr};
};

}  // namespace xdd
