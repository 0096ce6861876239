#pragma once
// The generator of paper Table 1 (SPEC section 3), with a configurable width c (Table 1: c = 512):
// Linear(100, 7*7*c), BatchNorm1d, ReLU, reshape to c x 7 x 7,
// ConvTranspose2d(c, c/2, 3, 2, 1, 1) -> 14x14, BatchNorm2d, LeakyReLU,
// ConvTranspose2d(c/2, c/4, 3, 1, 1), BatchNorm2d, LeakyReLU,
// ConvTranspose2d(c/4, c/8, 3, 1, 1), BatchNorm2d, LeakyReLU,
// ConvTranspose2d(c/8, 1, 3, 2, 1, 1) -> 28x28, Tanh.
// LeakyReLU() is PyTorch's default, negative slope 0.01, as the table writes it.
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "models/presets.h"

namespace xdd {

class GeneratorImpl : public torch::nn::Module {
 public:
  explicit GeneratorImpl(const NetworkOptions& o);

  // z: [B, latent_dim] -> images [B, 1, 28, 28] in (-1, 1). InvalidArgument for another shape.
  torch::Tensor forward(const torch::Tensor& z);

  const NetworkOptions& options() const { return options_; }

 private:
  NetworkOptions options_;
  torch::nn::Linear fc_{nullptr};
  torch::nn::BatchNorm1d bn0_{nullptr};
  torch::nn::ConvTranspose2d deconv1_{nullptr}, deconv2_{nullptr}, deconv3_{nullptr},
      deconv4_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr}, bn3_{nullptr};
};
TORCH_MODULE(Generator);

}  // namespace xdd
