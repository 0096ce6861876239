#pragma once
// How a running experiment reports to whoever drives it (the CLI's progress bar, the app's worker).
// Every member is optional. `checkpoint` is called between steps: it may block (pause) or throw
// Cancelled (stop), which is how runs stay stoppable without threads being killed.
#include <torch/torch.h>

#include <functional>
#include <string>

#include "pipeline/entanglement_readout.h"
#include "pipeline/info_plane_tracker.h"
#include "pipeline/phase.h"
#include "training/gan_trainer.h"
#include "training/retrainer.h"
#include "training/training_fault.h"

namespace xdd {

struct EmbeddingUpdate {
  EmbeddingStage stage = EmbeddingStage::kBefore;
  int64_t step = 0;              // re-training step (0 before re-training)
  torch::Tensor z_test;          // [N,3136] float, CPU
  torch::Tensor labels;          // [N] digits
  torch::Tensor z_labeled;       // [90,3136]
  torch::Tensor labeled_labels;  // [90] digits of the labeled examples
  torch::Tensor scores;          // [N] KDE scores at this point (float64)
  Entanglement entanglement;     // class entanglement of the test sample (entanglement_readout.h)
};

struct ExperimentObserver {
  std::function<void(Phase, const std::string& detail)> on_phase;
  std::function<void(const GanStepReport&)> on_gan_step;
  std::function<void(const RetrainStepReport&)> on_retrain_step;
  std::function<void(const EmbeddingUpdate&)> on_embedding;
  std::function<void(const torch::Tensor& test_images, const torch::Tensor& test_labels)>
      on_test_set;
  std::function<void(const torch::Tensor& samples)> on_gan_samples;  // [n,1,28,28] in [-1,1]
  std::function<void(const InfoPlanePoint&)> on_info_plane;
  std::function<void()> checkpoint;
  // A training step met a NaN or Inf and was undone (TrainingFault: the last good weights are
  // back). With this set the run goes on: the observer is told (the app pauses there), and the
  // step is retried after the next checkpoint. Without it the fault ends the run.
  std::function<void(const TrainingFault&)> on_fault;
  // Also publish the scored test embedding at re-training steps k, 2k, 4k, 8k, ... (0 = never;
  // live_embedding_due). Each one embeds and scores the whole test set (about 1.5 s on one core
  // for 10,000 images), and the embedding moves most in the first steps, so the gaps double.
  int embedding_interval = 0;
  int gan_sample_interval = 0;  // publish generator samples every k GAN steps (0 = never)
};

// Whether re-training step `step` publishes the test embedding, for an observer's
// embedding_interval `first`: at first, 2 first, 4 first, ... (never for first <= 0).
bool live_embedding_due(int64_t step, int first);

}  // namespace xdd
