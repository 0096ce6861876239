#pragma once
// Baseline: IsoMax (Macedo et al., TNNLS 2021), SPEC section 5. Learnable prototypes p_k (init 0);
// logits_k = -E_s * ||z - p_k||, entropic scale E_s = 10 in training only; L = cross-entropy.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class IsoMaxLoss : public EmbeddingLoss {
 public:
  static constexpr double kEntropicScale = 10.0;
  explicit IsoMaxLoss(const LossOptions& options);
  std::string name() const override { return "isomax"; }
  // Parts: "cross_entropy", "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // The entropy (nats) of softmax_k(-||z - p_k||), without the entropic scale.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;

 private:
  int64_t num_classes_;
  int64_t dim_;
  torch::Tensor prototypes_;  // [K,dim]
};

}  // namespace xdd
