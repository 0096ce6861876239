#pragma once
// GAN pre-training (SPEC section 3, DCGAN defaults): non-saturating BCE, Adam(lr 2e-4, betas
// 0.5/0.999), batch 64, z ~ N(0, I). One step() is one discriminator update and one generator
// update on the next batch of a seeded per-epoch shuffle; the owner loops (and may stop between
// steps). Randomness is drawn from (seed, epoch) for the shuffle and (seed, step) for z, so a run
// resumed from a checkpoint takes exactly the steps the uninterrupted run would have taken.
#include <torch/optim/adam.h>

#include <cstdint>
#include <filesystem>
#include <memory>

#include "models/discriminator.h"
#include "models/generator.h"
#include "training/fault_trigger.h"

namespace xdd {

struct GanOptions {
  int epochs = 1;
  int batch_size = 64;
  double lr = 2e-4;
  double beta1 = 0.5;
  double beta2 = 0.999;
  uint64_t seed = 0;
  FaultInjection fault;  // a deliberate NaN/Inf (reliability tests); none by default
};

struct GanStepReport {
  int64_t step;  // steps done, this one included (1-based)
  int64_t total_steps;
  int epoch;      // 0-based epoch of this step
  double d_loss;  // BCE(D(real), 1) + BCE(D(fake), 0)
  double g_loss;  // BCE(D(G(z)), 1), the non-saturating generator loss
  double d_real;  // mean sigmoid(D(real)) before the D update
  double d_fake;  // mean sigmoid(D(fake)) before the D update
};

class GanTrainer {
 public:
  // images: [N, 1, 28, 28] float in [-1, 1], N >= 2. The batch is min(batch_size, N) and an epoch
  // is floor(N / batch) steps (the incomplete last batch is skipped, as BatchNorm is unreliable on
  // tiny batches). Moves the models to `device`. InvalidArgument for bad images or options.
  GanTrainer(Generator g, Discriminator d, torch::Tensor images, GanOptions o,
             torch::Device device);
  GanTrainer(const GanTrainer&) = delete;
  GanTrainer& operator=(const GanTrainer&) = delete;

  bool done() const { return step_ >= total_steps_; }
  int64_t step_count() const { return step_; }
  int64_t total_steps() const { return total_steps_; }
  int64_t steps_per_epoch() const { return steps_per_epoch_; }

  // One D step and one G step. InvalidArgument once done(). A NaN or Inf in either loss or any
  // gradient throws TrainingFault: both models, their BatchNorm statistics and both optimizers
  // are put back to the last good step (also when the D update was already applied), and
  // step_count() does not advance, so the step may be retried.
  GanStepReport step();

  // n generator samples [n, 1, 28, 28] on the CPU, from z drawn with `seed`: eval mode (BatchNorm
  // running statistics), no gradient; the models are back in training mode afterwards.
  torch::Tensor sample(int n, uint64_t seed);

  // Atomic; holds both models, both optimizers, the step and the run's shape (seed, batch, N,
  // epochs).
  void save_checkpoint(const std::filesystem::path& file) const;
  // Resumes from `file`. IoError if missing; DataError naming the file if it is corrupt, truncated,
  // has other shapes, or was written by a run with another seed, batch size or image count. On any
  // error the trainer is left as it was.
  void load_checkpoint(const std::filesystem::path& file);

  Generator generator() const { return g_; }
  Discriminator discriminator() const { return d_; }

 private:
  torch::Tensor next_batch();
  GanStepReport unchecked_step();  // step() without the undo on a fault
  torch::optim::AdamOptions adam_options() const;

  Generator g_;
  Discriminator d_;
  torch::Tensor images_;
  GanOptions options_;
  torch::Device device_;
  int64_t batch_ = 0;
  int64_t steps_per_epoch_ = 0;
  int64_t total_steps_ = 0;
  int64_t step_ = 0;
  std::unique_ptr<torch::optim::Adam> g_opt_, d_opt_;
  torch::Tensor order_;  // shuffled image indices of the current epoch
  int64_t order_epoch_ = -1;
  FaultTrigger fault_;
};

// n samples of `g` [n, 1, 28, 28] on the CPU, from z drawn with `seed` (the draws
// GanTrainer::sample makes, so a cached GAN shows the digits its training ended with): eval mode,
// no gradient; g's training mode is put back.
torch::Tensor generator_samples(Generator g, int n, uint64_t seed, torch::Device device);

}  // namespace xdd
