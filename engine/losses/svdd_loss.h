#pragma once
// Baseline: Deep SVDD, one-class (Ruff et al., ICML 2018), SPEC section 5. The centre c is the mean
// of the initial embeddings of the labeled examples, each coordinate with |c_i| < 0.1 pushed to
// +-0.1 (sign kept, exactly 0 -> +0.1) so c is not near the trivial all-zero solution; c is then
// fixed (a buffer, not a parameter). L = mean_i ||z_i - c||^2; labels are unused. If loss() runs
// before initialize(), the first batch it sees sets c.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class SvddLoss : public EmbeddingLoss {
 public:
  explicit SvddLoss(const LossOptions& options);
  std::string name() const override { return "svdd"; }
  void initialize(const torch::Tensor& z, const torch::Tensor& y) override;
  // Parts: "distance" (mean ||z - c||^2), "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // ||z - c||^2. InvalidArgument before the centre is set.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;
  const torch::Tensor& centre() const { return centre_; }  // [dim] float32; zeros before initialize
  bool initialized() const { return initialized_; }

 private:
  int64_t dim_;
  torch::Tensor centre_;
  bool initialized_ = false;
};

}  // namespace xdd
