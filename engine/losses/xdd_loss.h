#pragma once
// The XDD information-bottleneck loss L = C - beta * R (SPEC section 4, paper section 3).
// C estimates I(X;Z) (estimator `paper` or `kde`), R estimates I(Z;Y) (eq. 10) with the Gaussian
// class model taken from the batch (`batch`) or learned as parameters (`learned`). The terms are
// computed in float64 whatever z's dtype (d = 3136 makes d log sigma_k large) and returned in z's
// dtype.
#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class XddLoss : public EmbeddingLoss {
 public:
  explicit XddLoss(const LossOptions& options);  // options already validated by make_loss
  std::string name() const override { return "xdd"; }

  // `learned` mode: mu_k and log sigma_k start at the batch estimates of these embeddings (a class
  // absent from them starts at the overall mean and spread). `batch` mode: nothing to do. If loss()
  // runs first, it initialises from its own (detached) batch.
  void initialize(const torch::Tensor& z, const torch::Tensor& y) override;

  // Parts: "compression" (C), "relevance" (R, the quantity maximised), "total" (C - beta R).
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;

  // -max_k log N(z; mu_k, sigma_k^2 I), mu_k and sigma_k estimated from the labeled embeddings as
  // in `batch` mode (in both modes, so the score depends only on f): the test point's log density
  // under its most likely class Gaussian, negated.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;

  double beta() const { return beta_; }
  void set_beta(
      double beta);  // live change of the trade-off; InvalidArgument unless finite and >= 0

 private:
  double beta_;
  bool kde_;
  bool inter_class_only_;
  bool learned_;
  int64_t num_classes_;
  int64_t dim_;
  bool initialized_ = false;
  torch::Tensor class_means_;       // learned mode: [K,dim]
  torch::Tensor class_log_sigmas_;  // learned mode: [K]
};

}  // namespace xdd
