#pragma once
// Re-training of the discriminator's embedding f on the labeled examples with an embedding loss
// (XDD or a baseline), one full-batch step at a time so the caller can pause, stop or observe.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/run_settings.h"
#include "losses/embedding_loss.h"
#include "models/discriminator.h"
#include "training/fault_trigger.h"

namespace xdd {

struct RetrainOptions {
  int steps = 200;
  double lr = 1e-3;
  Optimizer optimizer = Optimizer::kAdam;  // SGD with momentum 0.9
  TrainedLayers layers = TrainedLayers::kAll;
  // train: batch statistics, running statistics updated; frozen: eval mode, kept.
  BatchNormMode bn = BatchNormMode::kTrain;
  FaultInjection fault;  // a deliberate NaN/Inf (reliability tests); none by default
};

struct RetrainStepReport {
  int64_t step = 0;  // 1-based index of the step just taken
  int64_t total_steps = 0;
  // The loss's named parts ("total" among them), then "grad_<part>" for each: the norm of that
  // part's gradient with respect to the embedding batch z (losses.csv's grad_ columns).
  std::vector<std::pair<std::string, double>> terms;
};

class Retrainer {
 public:
  // `labels` are class indices 0..K-1 of the known digits. Calls loss->initialize() on the initial
  // embedding of the labeled set.
  Retrainer(Discriminator discriminator, std::shared_ptr<EmbeddingLoss> loss, torch::Tensor images,
            torch::Tensor labels, RetrainOptions options, torch::Device device);

  bool done() const { return step_ >= options_.steps; }
  int64_t step_count() const { return step_; }
  int64_t total_steps() const { return options_.steps; }

  // One optimiser step on all labeled examples. A NaN or Inf in any loss term or gradient throws
  // TrainingFault with nothing applied: weights and BatchNorm statistics are put back to those of
  // the last good step, step_count() does not advance, and the step may be retried.
  RetrainStepReport step();

 private:
  void set_mode();
  void check_finite(const LossTerms& terms, int64_t step) const;
  std::vector<torch::Tensor> trainable_embedding_parameters();

  Discriminator discriminator_;
  std::shared_ptr<EmbeddingLoss> loss_;
  torch::Tensor images_;
  torch::Tensor labels_;
  RetrainOptions options_;
  std::vector<torch::Tensor> parameters_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  int64_t step_ = 0;
  FaultTrigger fault_;
};

}  // namespace xdd
