#include "models/generator.h"

#include "core/error.h"
#include "models/adjoint_conv_transpose.h"
#include "models/layer_constants.h"

namespace xdd {

namespace {

torch::nn::ConvTranspose2dOptions deconv(int64_t in, int64_t out, int64_t stride) {
  // stride 2 doubles the size (7 -> 14 -> ... -> 28): padding 1 and output padding 1 as in Table 1.
  return torch::nn::ConvTranspose2dOptions(in, out, 3)
      .stride(stride)
      .padding(1)
      .output_padding(stride - 1);
}

}  // namespace

GeneratorImpl::GeneratorImpl(const NetworkOptions& o) : options_(o) {
  validate(o);
  const int64_t c = o.gen_channels;
  fc_ = register_module("fc", torch::nn::Linear(o.latent_dim, kSeedSide * kSeedSide * c));
  bn0_ = register_module("bn0", torch::nn::BatchNorm1d(kSeedSide * kSeedSide * c));
  deconv1_ = register_module("deconv1", torch::nn::ConvTranspose2d(deconv(c, c / 2, 2)));
  bn1_ = register_module("bn1", torch::nn::BatchNorm2d(c / 2));
  deconv2_ = register_module("deconv2", torch::nn::ConvTranspose2d(deconv(c / 2, c / 4, 1)));
  bn2_ = register_module("bn2", torch::nn::BatchNorm2d(c / 4));
  deconv3_ = register_module("deconv3", torch::nn::ConvTranspose2d(deconv(c / 4, c / 8, 1)));
  bn3_ = register_module("bn3", torch::nn::BatchNorm2d(c / 8));
  deconv4_ = register_module("deconv4", torch::nn::ConvTranspose2d(deconv(c / 8, 1, 2)));
}

torch::Tensor GeneratorImpl::forward(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != options_.latent_dim || z.size(0) < 1) {
    throw InvalidArgument("generator input must be [batch, " + std::to_string(options_.latent_dim) +
                          "], got " + c10::str(z.sizes()));
  }
  // Activations in place on the BatchNorm outputs (see leaky_relu_inplace; ReLU likewise).
  torch::Tensor x = bn0_(fc_(z));
  x = torch::relu_(x).view({z.size(0), options_.gen_channels, kSeedSide, kSeedSide});
  x = leaky_relu_inplace(bn1_(conv_transpose_via_adjoint(deconv1_, x)));
  x = leaky_relu_inplace(bn2_(conv_transpose_via_adjoint(deconv2_, x)));
  x = leaky_relu_inplace(bn3_(conv_transpose_via_adjoint(deconv3_, x)));
  return torch::tanh(conv_transpose_via_adjoint(deconv4_, x));
}

}  // namespace xdd
