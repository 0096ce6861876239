#pragma once
// The XDD information-bottleneck loss L = C - beta * R (SPEC section 4, paper section 3).
// C estimates I(X;Z) (estimator `paper`, eq. 8, or `kde`), R estimates I(Z;Y) (eq. 10) with a
// Gaussian class model: `batch` (fitted on the batch, leaving each point out of its own class),
// `in_sample` (the first version, saturated in high dimension; for comparison only) or `learned`
// (parameters initialised as Deep MCDD's). With scale `normalized` every term is computed on the
// scale-normalised embedding (losses/pairwise.h), so L is homogeneous of degree 0 in z; `detached`
// is the first version. The terms are computed in float64 whatever z's dtype (d = 3136 makes
// d log sigma_k large) and returned in z's dtype.
#include <utility>

#include "losses/embedding_loss.h"
#include "losses/loss_options.h"

namespace xdd {

class XddLoss : public EmbeddingLoss {
 public:
  explicit XddLoss(const LossOptions& options);  // options already validated by make_loss
  std::string name() const override { return "xdd"; }

  // Parts: "compression" (C), "relevance" (R, the quantity maximised), "total" (C - beta R).
  LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) override;

  // -max_k log N(z; mu_k, sigma_k^2 I), mu_k and sigma_k fitted on all the labeled embeddings (in
  // every mode, so the score depends only on f): the test point's log density under its most
  // likely class Gaussian, negated. Scale-free like the KDE score.
  torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                          const torch::Tensor& y_labeled) override;

  double beta() const { return beta_; }

 private:
  struct Terms {
    torch::Tensor compression, relevance;
    torch::Tensor gram;  // what both depend on z through (LossTerms::gram); undefined for learned
  };
  // Every mode but `learned` computes both terms from the batch's Gram matrix (gram_terms.h).
  Terms terms_from_gram(const torch::Tensor& z64, const torch::Tensor& y) const;
  // `learned`: the class parameters live in the embedding space, so the terms use z itself.
  Terms terms_learned(const torch::Tensor& z64, const torch::Tensor& y) const;

  double beta_;
  bool kde_;
  bool inter_class_only_;
  bool normalized_;
  Relevance relevance_;
  int64_t num_classes_;
  int64_t dim_;
  torch::Tensor class_means_;       // learned mode: [K,dim], Xavier-uniform as Deep MCDD's centres
  torch::Tensor class_log_sigmas_;  // learned mode: [K], 0 as Deep MCDD's
};

}  // namespace xdd
