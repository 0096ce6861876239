#include "training/retrainer.h"

#include <cmath>

#include "core/error.h"

namespace xdd {
namespace {

int first_trained_block(const std::string& layers) {
  if (layers == "all") return 0;
  if (layers == "last1") return DiscriminatorImpl::kNumBlocks - 1;
  if (layers == "last2") return DiscriminatorImpl::kNumBlocks - 2;
  if (layers == "last3") return DiscriminatorImpl::kNumBlocks - 3;
  throw InvalidArgument("layers must be all, last1, last2 or last3, got '" + layers + "'");
}

RetrainStepReport report_of(const LossTerms& terms, int64_t step, int64_t total) {
  RetrainStepReport report;
  report.step = step;
  report.total_steps = total;
  for (const auto& [name, value] : terms.parts)
    report.terms.emplace_back(name, value.item<double>());
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
      options_(std::move(options)) {
  if (options_.bn != "train" && options_.bn != "frozen") {
    throw InvalidArgument("bn must be train or frozen, got '" + options_.bn + "'");
  }
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
  if (options_.optimizer == "adam") {
    optimizer_ =
        std::make_unique<torch::optim::Adam>(parameters_, torch::optim::AdamOptions(options_.lr));
  } else if (options_.optimizer == "sgd") {
    optimizer_ = std::make_unique<torch::optim::SGD>(
        parameters_, torch::optim::SGDOptions(options_.lr).momentum(0.9));
  } else {
    throw InvalidArgument("optimizer must be adam or sgd, got '" + options_.optimizer + "'");
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
  if (options_.bn == "train") {
    discriminator_->train();
  } else {
    discriminator_->eval();
  }
}

RetrainStepReport Retrainer::step() {
  set_mode();
  optimizer_->zero_grad();
  LossTerms terms = loss_->loss(discriminator_->embed(images_), labels_);
  const double total = terms.total.item<double>();
  if (!std::isfinite(total)) {
    throw TrainingError("re-training step " + std::to_string(step_ + 1) + ": the " + loss_->name() +
                        " loss is not finite (" + std::to_string(total) +
                        "); the weights of the last good step are kept");
  }
  terms.total.backward();
  for (const auto& p : parameters_) {
    if (p.grad().defined() && !torch::isfinite(p.grad()).all().item<bool>()) {
      throw TrainingError("re-training step " + std::to_string(step_ + 1) +
                          ": a gradient is not finite; the weights of the last good step are kept");
    }
  }
  optimizer_->step();
  ++step_;
  return report_of(terms, step_, options_.steps);
}

}  // namespace xdd
