#pragma once
// Baseline: IsoMax+ (Macedo and Ludermir, 2021), SPEC section 5. Isometric distances between unit
// vectors: d_k = |s| * || z/||z|| - p_k/||p_k|| ||, s learnable (init 1), p_k ~ N(0,1) (global
// generator); L = cross-entropy of softmax_k(-E_s d_k), E_s = 10 in training only.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class IsoMaxPlusLoss : public EmbeddingLoss {
 public:
  static constexpr double kEntropicScale = 10.0;
  explicit IsoMaxPlusLoss(const LossOptions& options);
  std::string name() const override { return "isomax_plus"; }
  // Parts: "cross_entropy", "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // min_k d_k: the scaled isometric distance to the nearest prototype.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;
  torch::Tensor distances(const torch::Tensor& z) const;  // [N,K] d_k(z_i), in z's dtype

 private:
  int64_t num_classes_;
  int64_t dim_;
  torch::Tensor prototypes_;      // [K,dim]
  torch::Tensor distance_scale_;  // [1] s
};

}  // namespace xdd
