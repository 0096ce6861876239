#include "training/gan_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/util/Exception.h>
#include <torch/nn/functional/loss.h>

#include <cmath>

#include "core/error.h"
#include "training/training_fault.h"
#include "training/training_state.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

// Independent random streams: one per (seed, purpose, index), so that no stream depends on how many
// numbers another one consumed.
enum Stream : uint64_t { kShuffle = 1, kLatent = 2, kSample = 3 };

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

at::Generator stream(uint64_t seed, Stream purpose, uint64_t index) {
  return at::make_generator<at::CPUGeneratorImpl>(
      splitmix64(splitmix64(seed ^ splitmix64(purpose)) + index));
}

torch::Tensor bce_with_logits(const torch::Tensor& logits, float target) {
  return torch::nn::functional::binary_cross_entropy_with_logits(logits,
                                                                 torch::full_like(logits, target));
}

// Drops the gradients instead of zero-filling them: the next backward writes fresh ones.
void clear_grads(torch::optim::Optimizer& opt) {
  for (auto& p : opt.param_groups()[0].params()) p.mutable_grad().reset();
}

void check_loss(double loss, const char* name, int64_t step) {
  if (!std::isfinite(loss)) {
    throw TrainingFault("pre-training", step,
                        std::string("the ") + name + " is " + non_finite_name(loss));
  }
}

void check_gradients(const std::vector<torch::Tensor>& params, const char* network, int64_t step) {
  if (!gradients_finite(params)) {
    throw TrainingFault("pre-training", step,
                        std::string("a gradient of the ") + network + " is not finite");
  }
}

void validate(const GanOptions& o) {
  if (o.epochs < 1)
    throw InvalidArgument("GAN epochs must be >= 1, got " + std::to_string(o.epochs));
  if (o.batch_size < 2) {
    throw InvalidArgument("GAN batch size must be >= 2 (BatchNorm), got " +
                          std::to_string(o.batch_size));
  }
  if (!(o.lr > 0 && o.lr < 1))
    throw InvalidArgument("GAN lr must be in (0, 1), got " + std::to_string(o.lr));
  if (!(o.beta1 >= 0 && o.beta1 < 1 && o.beta2 >= 0 && o.beta2 < 1)) {
    throw InvalidArgument("Adam betas must be in [0, 1), got " + std::to_string(o.beta1) + ", " +
                          std::to_string(o.beta2));
  }
}

void validate_images(const torch::Tensor& images) {
  if (!images.defined() || images.dim() != 4 || images.size(1) != 1 || images.size(2) != 28 ||
      images.size(3) != 28 || images.size(0) < 2 || images.scalar_type() != torch::kFloat) {
    throw InvalidArgument(
        "GAN training images must be float [N >= 2, 1, 28, 28], got " +
        (images.defined() ? c10::str(images.scalar_type(), images.sizes()) : "none"));
  }
  const auto [lo, hi] = torch::aminmax(images);
  const double min = lo.item<double>(), max = hi.item<double>();
  if (!(min >= -1.001 && max <= 1.001)) {  // also catches NaN
    throw InvalidArgument("GAN training images must be scaled to [-1, 1], got values in [" +
                          std::to_string(min) + ", " + std::to_string(max) + "]");
  }
}

// Restores requires_grad on the discriminator's parameters however the G step ends.
class FrozenParameters {
 public:
  explicit FrozenParameters(std::vector<torch::Tensor> params) : params_(std::move(params)) {
    for (auto& p : params_) p.requires_grad_(false);
  }
  ~FrozenParameters() {
    for (auto& p : params_) p.requires_grad_(true);
  }
  FrozenParameters(const FrozenParameters&) = delete;
  FrozenParameters& operator=(const FrozenParameters&) = delete;

 private:
  std::vector<torch::Tensor> params_;
};

}  // namespace

torch::optim::AdamOptions GanTrainer::adam_options() const {
  return torch::optim::AdamOptions(options_.lr).betas({options_.beta1, options_.beta2});
}

GanTrainer::GanTrainer(Generator g, Discriminator d, torch::Tensor images, GanOptions o,
                       torch::Device device)
    : g_(std::move(g)), d_(std::move(d)), options_(o), device_(device), fault_(o.fault) {
  validate(o);
  validate_images(images);
  images_ = images.to(device_).contiguous();
  const int64_t n = images_.size(0);
  batch_ = std::min<int64_t>(o.batch_size, n);
  steps_per_epoch_ = n / batch_;
  total_steps_ = steps_per_epoch_ * o.epochs;
  g_->to(device_);
  d_->to(device_);
  g_->train();
  d_->train();
  g_opt_ = std::make_unique<torch::optim::Adam>(g_->parameters(), adam_options());
  d_opt_ = std::make_unique<torch::optim::Adam>(d_->parameters(), adam_options());
}

torch::Tensor GanTrainer::next_batch() {
  const int64_t epoch = step_ / steps_per_epoch_;
  if (epoch != order_epoch_) {
    order_ = torch::randperm(images_.size(0), stream(options_.seed, kShuffle, epoch), torch::kLong)
                 .to(device_);
    order_epoch_ = epoch;
  }
  const int64_t start = (step_ % steps_per_epoch_) * batch_;
  return images_.index_select(0, order_.slice(0, start, start + batch_));
}

GanStepReport GanTrainer::step() {
  if (done()) {
    throw InvalidArgument("GAN training is done (" + std::to_string(total_steps_) + " steps)");
  }
  // The D update is applied before the G loss is known, so a fault in the G half must undo it: D
  // and its optimizer are captured whole. G's parameters and optimizer change only in the last
  // update, after every check; its BatchNorm statistics move in the first forward pass.
  ModuleState g_before, d_before;
  AdamState d_opt_before;
  g_before.capture_buffers(*g_);
  d_before.capture(*d_);
  d_opt_before.capture(*d_opt_);
  try {
    return unchecked_step();
  } catch (const TrainingFault&) {
    g_before.restore(*g_);
    d_before.restore(*d_);
    d_opt_before.restore(*d_opt_);
    clear_grads(*g_opt_);
    clear_grads(*d_opt_);
    throw;
  }
}

GanStepReport GanTrainer::unchecked_step() {
  const int64_t step = step_ + 1;
  const torch::Tensor real = next_batch();
  const torch::Tensor z =
      torch::randn({batch_, g_->options().latent_dim}, stream(options_.seed, kLatent, step_))
          .to(device_);

  // D step. The generator's forward graph is kept: the G step reuses it instead of recomputing
  // G(z).
  const torch::Tensor fake = g_->forward(z);
  const torch::Tensor real_logits = d_->forward(real);
  const torch::Tensor fake_logits = d_->forward(fake.detach());
  const torch::Tensor d_loss =
      bce_with_logits(real_logits, 1.0f) + bce_with_logits(fake_logits, 0.0f);
  GanStepReport report{};
  report.d_loss = d_loss.item<double>();
  check_loss(report.d_loss, "discriminator loss", step);
  clear_grads(*d_opt_);
  d_loss.backward();
  const auto d_params = d_->parameters();
  check_gradients(d_params, "discriminator", step);
  d_opt_->step();

  // G step (non-saturating: G maximises log D(G(z))). D's weights need no gradient here, only the
  // path through D to the fake images, so they are frozen for this backward pass.
  {
    FrozenParameters frozen(d_params);
    // An injected fault hits this half, after D's update: undoing it exercises the whole undo.
    torch::Tensor g_loss = bce_with_logits(d_->forward(fake), 1.0f);
    if (fault_.fire("pretrain", step, "loss")) g_loss = fault_.poisoned(g_loss);
    report.g_loss = g_loss.item<double>();
    check_loss(report.g_loss, "generator loss", step);
    clear_grads(*g_opt_);
    g_loss.backward();
    const auto g_params = g_->parameters();
    if (fault_.fire("pretrain", step, "gradient")) fault_.poison_first_gradient(g_params);
    check_gradients(g_params, "generator", step);
    g_opt_->step();
  }

  report.epoch = static_cast<int>(step_ / steps_per_epoch_);
  report.d_real = torch::sigmoid(real_logits.detach()).mean().item<double>();
  report.d_fake = torch::sigmoid(fake_logits.detach()).mean().item<double>();
  step_ = step;
  report.step = step_;
  report.total_steps = total_steps_;
  return report;
}

torch::Tensor GanTrainer::sample(int n, uint64_t seed) {
  return generator_samples(g_, n, seed, device_);
}

torch::Tensor generator_samples(Generator g, int n, uint64_t seed, torch::Device device) {
  if (n < 1) throw InvalidArgument("sample count must be >= 1, got " + std::to_string(n));
  struct ModeOnExit {
    Generator g;
    bool training;
    ~ModeOnExit() { g->train(training); }
  } restore{g, g->is_training()};
  torch::NoGradGuard no_grad;
  g->eval();
  const torch::Tensor z = torch::randn({n, g->options().latent_dim}, stream(seed, kSample, 0));
  return g->forward(z.to(device)).to(torch::kCPU);
}

}  // namespace xdd
