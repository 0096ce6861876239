#pragma once
// The interface the re-trainer uses for every loss on the embedding z = f(x): XDD and the
// baselines.
#include <torch/nn/module.h>
#include <torch/types.h>

#include <string>

#include "losses/loss_terms.h"

namespace xdd {

class EmbeddingLoss : public torch::nn::Module {
 public:
  virtual ~EmbeddingLoss() = default;
  virtual std::string name() const = 0;

  // Once before re-training, with the (no-grad) embeddings of the labeled examples and labels
  // 0..K-1 (Deep SVDD's centre, XDD's learned class model, SNN's temperature). Default: nothing.
  virtual void initialize(const torch::Tensor& z, const torch::Tensor& y);

  // z [N,d] floating, y [N] int64 in 0..K-1. Learnable parameters of the loss itself are ordinary
  // registered parameters, so the re-trainer optimises parameters() together with f.
  virtual LossTerms loss(const torch::Tensor& z, const torch::Tensor& y) = 0;

  // The method's own anomaly score (higher = more anomalous) for test embeddings [Q,d]; the labeled
  // embeddings and labels are given for methods that need them. Returns [Q] float64, no grad.
  virtual torch::Tensor own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                  const torch::Tensor& y_labeled) = 0;
};

}  // namespace xdd
