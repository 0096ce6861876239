#pragma once
// Baseline: the soft nearest neighbour loss (Frosst, Papernot, Hinton 2019), SPEC section 5:
// l = -(1/N) sum_i log( sum_{j!=i, y_j=y_i} exp(-||z_i-z_j||^2/T) / sum_{k!=i}
// exp(-||z_i-z_k||^2/T) ). T is learnable through log T. Our choice: T starts at 1 at construction
// and initialize() sets it to the median pairwise squared distance of the labeled embeddings, so
// exp(-D/T) starts in a useful range whatever the embedding's scale (at d = 3136, T = 1 would make
// every kernel underflow to a hard nearest neighbour). A point whose class has no other member in
// the batch has no term and is left out of the mean; with no such terms at all the loss is 0.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class SnnLoss : public EmbeddingLoss {
 public:
  static constexpr int64_t kNeighbours = 10;
  explicit SnnLoss(const LossOptions& options);
  std::string name() const override { return "snn"; }
  void initialize(const torch::Tensor& z, const torch::Tensor& y) override;
  // Parts: "soft_nearest_neighbour", "temperature" (T, a readout, not added), "total".
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;
  // Among the k = min(10, M) nearest labeled embeddings (Euclidean), the share that disagree with
  // the majority label among them: 1 - (count of the most frequent label) / k, in [0, 1 - 1/k].
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;
  double temperature() const;

 private:
  int64_t num_classes_;
  torch::Tensor log_temperature_;  // [1]
};

// The SNN loss value with a fixed temperature T > 0: a live "class entanglement" readout for any
// set of embeddings (0 = classes perfectly separated at this T; larger = more entangled). Evaluated
// in row blocks, so 10,000 test embeddings need O(1024 * N) memory. Labels are any int64 [N] values
// >= 0.
double snn_entanglement(const torch::Tensor& z, const torch::Tensor& y, double temperature);

}  // namespace xdd
