#pragma once
// Baseline: Deep Multi-class Data Description (Lee, Yu, Yu, KDD 2020), SPEC section 5.
// Per class k: centre mu_k (Xavier-uniform init), log-sigma s_k (init 0), bias b_k (init 0);
// sigma_k = exp(ReLU(s_k)); D_k(z) = ||z - mu_k||^2 / (2 sigma_k^2) + d * ReLU(s_k);
// L = lambda * mean_i D_{y_i}(z_i) + CE(softmax_k(-D_k + b_k), y), lambda = 1.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class McddLoss : public EmbeddingLoss {
 public:
  explicit McddLoss(const LossOptions& options);
  std::string name() const override { return "mcdd"; }
  // Parts: "pull" (mean D_{y_i}), "cross_entropy", "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // min_k D_k(z): the distance to the nearest class description.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;
  torch::Tensor distances(const torch::Tensor& z) const;  // [N,K] D_k(z_i), in z's dtype

 private:
  int64_t num_classes_;
  int64_t dim_;
  torch::Tensor centres_;     // [K,dim] mu_k
  torch::Tensor log_sigmas_;  // [K] s_k
  torch::Tensor biases_;      // [K] b_k
};

}  // namespace xdd
