#include "training/retrainer.h"

#include <cmath>

#include "core/error.h"
#include "losses/term_gradients.h"
#include "training/training_fault.h"
#include "training/training_state.h"

namespace xdd {
namespace {

int first_trained_block(TrainedLayers layers) {
  switch (layers) {
    case TrainedLayers::kAll:
      return 0;
    case TrainedLayers::kLast1:
      return DiscriminatorImpl::kNumBlocks - 1;
    case TrainedLayers::kLast2:
      return DiscriminatorImpl::kNumBlocks - 2;
    case TrainedLayers::kLast3:
      return DiscriminatorImpl::kNumBlocks - 3;
  }
  return 0;  // unreachable: every enumerator is handled
}

RetrainStepReport report_of(const LossTerms& terms, const std::vector<double>& gradient_norms,
                            int64_t step, int64_t total) {
  RetrainStepReport report;
  report.step = step;
  report.total_steps = total;
  for (const auto& [name, value] : terms.parts)
    report.terms.emplace_back(name, value.item<double>());
  for (size_t i = 0; i < terms.parts.size(); ++i)
    report.terms.emplace_back("grad_" + terms.parts[i].first, gradient_norms[i]);
  return report;
}

}  // namespace

Retrainer::Retrainer(Discriminator discriminator, std::shared_ptr<EmbeddingLoss> loss,
                     torch::Tensor images, torch::Tensor labels, RetrainOptions options,
                     torch::Device device)
    : discriminator_(std::move(discriminator)),
      loss_(std::move(loss)),
      images_(images.to(device)),
      labels_(labels.to(device)),
      options_(std::move(options)),
      fault_(options_.fault) {
  discriminator_->to(device);
  loss_->to(device);
  {
    // Initialise the loss (SVDD centre, learned class centres) from the starting embedding.
    torch::NoGradGuard no_grad;
    discriminator_->eval();
    loss_->initialize(discriminator_->embed(images_), labels_);
  }
  parameters_ = trainable_embedding_parameters();
  for (const auto& p : loss_->parameters()) parameters_.push_back(p);
  if (options_.optimizer == Optimizer::kAdam) {
    optimizer_ =
        std::make_unique<torch::optim::Adam>(parameters_, torch::optim::AdamOptions(options_.lr));
  } else {
    optimizer_ = std::make_unique<torch::optim::SGD>(
        parameters_, torch::optim::SGDOptions(options_.lr).momentum(0.9));
  }
}

std::vector<torch::Tensor> Retrainer::trainable_embedding_parameters() {
  // Freeze everything, then unfreeze the chosen blocks of f; the real/fake head is never trained
  // here.
  for (auto& p : discriminator_->parameters()) p.set_requires_grad(false);
  std::vector<torch::Tensor> trained;
  for (int b = first_trained_block(options_.layers); b < DiscriminatorImpl::kNumBlocks; ++b) {
    for (auto& p : discriminator_->block_parameters(b)) {
      p.set_requires_grad(true);
      trained.push_back(p);
    }
  }
  return trained;
}

void Retrainer::set_mode() {
  if (options_.bn == BatchNormMode::kTrain) {
    discriminator_->train();
  } else {
    discriminator_->eval();
  }
}

void Retrainer::check_finite(const LossTerms& terms, int64_t step) const {
  for (const auto& [name, value] : terms.parts) {
    const double v = value.item<double>();
    if (!std::isfinite(v)) {
      throw TrainingFault(
          "re-training", step,
          "the " + loss_->name() + " loss term '" + name + "' is " + non_finite_name(v));
    }
  }
  const double total = terms.total.item<double>();
  if (!std::isfinite(total)) {
    throw TrainingFault("re-training", step,
                        "the " + loss_->name() + " loss is " + non_finite_name(total));
  }
}

RetrainStepReport Retrainer::step() {
  const int64_t step = step_ + 1;
  // The forward pass moves BatchNorm statistics (bn = train): keep them to put back on a fault.
  // Parameters change only in the optimizer step, after every check.
  ModuleState before, loss_before;
  before.capture_buffers(*discriminator_);
  loss_before.capture_buffers(*loss_);
  try {
    set_mode();
    optimizer_->zero_grad();
    const torch::Tensor z = discriminator_->embed(images_);
    if (z.requires_grad()) z.retain_grad();  // d total / d z, for its gradient norm
    LossTerms terms = loss_->loss(z, labels_);
    if (fault_.fire("retrain", step, "loss")) {
      terms.parts.front().second = fault_.poisoned(terms.parts.front().second);
      terms.total = fault_.poisoned(terms.total);
    }
    check_finite(terms, step);
    std::vector<double> norms = term_gradient_norms(terms, z);
    terms.total.backward();
    for (double& norm : norms) {
      if (norm < 0.0) norm = z.grad().defined() ? z.grad().norm().item<double>() : 0.0;
    }
    if (fault_.fire("retrain", step, "gradient")) fault_.poison_first_gradient(parameters_);
    if (!gradients_finite(parameters_)) {
      throw TrainingFault("re-training", step, "a gradient of the embedding is not finite");
    }
    optimizer_->step();
    step_ = step;
    return report_of(terms, norms, step_, options_.steps);
  } catch (const TrainingFault&) {
    before.restore(*discriminator_);
    loss_before.restore(*loss_);
    optimizer_->zero_grad();
    throw;
  }
}

}  // namespace xdd
