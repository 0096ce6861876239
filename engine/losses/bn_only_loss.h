#pragma once
// Control `bn_only` (SPEC section 4): no loss at all. Re-training runs its steps with a zero
// objective, so the weights never change (a zero gradient gives Adam and SGD a zero update) while,
// with bn = train, every forward pass moves BatchNorm's running statistics to those of the labeled
// images. Its before -> after change is what BatchNorm re-estimation alone does; any other method's
// change beyond it is what its loss added.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class BnOnlyLoss : public EmbeddingLoss {
 public:
  explicit BnOnlyLoss(const LossOptions& options);
  std::string name() const override { return "bn_only"; }
  // Parts: "total", always 0, with a zero gradient.
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // As XDD's own score: -max_k log N(z; mu_k, sigma_k^2 I), the class Gaussians fitted on the
  // labeled embeddings, so a table's own-score column means the same for both.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;

 private:
  int64_t num_classes_;
};

}  // namespace xdd
