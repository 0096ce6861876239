#include "models/discriminator.h"

#include "core/error.h"
#include "models/layer_constants.h"

namespace xdd {

namespace {

struct BlockShape {
  int64_t in, out, stride;
};
// Table 1 omits strides; strides 2, 1, 2, 1 with padding 1 are the reading that reaches 7x7 (SPEC
// 3).
constexpr BlockShape kBlocks[DiscriminatorImpl::kNumBlocks] = {
    {1, 8, 2}, {8, 16, 1}, {16, 32, 2}, {32, 64, 1}};

}  // namespace

DiscriminatorImpl::DiscriminatorImpl() {
  for (int i = 0; i < kNumBlocks; ++i) {
    const auto& b = kBlocks[i];
    convs_.push_back(register_module(
        "conv" + std::to_string(i),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(b.in, b.out, 3).stride(b.stride).padding(1))));
    bns_.push_back(register_module("bn" + std::to_string(i), torch::nn::BatchNorm2d(b.out)));
  }
  head_ = register_module("head", torch::nn::Linear(kEmbeddingDim, 1));
}

void DiscriminatorImpl::check_images(const torch::Tensor& x) const {
  if (x.dim() != 4 || x.size(0) < 1 || x.size(1) != 1 || x.size(2) != kImageSide ||
      x.size(3) != kImageSide) {
    throw InvalidArgument("discriminator input must be [batch, 1, 28, 28], got " +
                          c10::str(x.sizes()));
  }
}

torch::Tensor DiscriminatorImpl::block(int i, const torch::Tensor& h) {
  return leaky_relu_inplace(bns_[i](convs_[i](h)));
}

torch::Tensor DiscriminatorImpl::embed(const torch::Tensor& x) {
  check_images(x);
  torch::Tensor h = x;
  for (int i = 0; i < kNumBlocks; ++i) h = block(i, h);
  return h.flatten(1);
}

std::vector<torch::Tensor> DiscriminatorImpl::block_outputs(const torch::Tensor& x) {
  check_images(x);
  std::vector<torch::Tensor> outputs;
  torch::Tensor h = x;
  for (int i = 0; i < kNumBlocks; ++i) outputs.push_back(h = block(i, h));
  return outputs;
}

torch::Tensor DiscriminatorImpl::head(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != kEmbeddingDim) {
    throw InvalidArgument("discriminator head input must be [batch, 3136], got " +
                          c10::str(z.sizes()));
  }
  return head_(z);
}

torch::Tensor DiscriminatorImpl::forward(const torch::Tensor& x) {
  return head(embed(x));
}

std::vector<torch::Tensor> DiscriminatorImpl::block_parameters(int block) {
  if (block < 0 || block >= kNumBlocks) {
    throw InvalidArgument("discriminator block must be 0.." + std::to_string(kNumBlocks - 1) +
                          ", got " + std::to_string(block));
  }
  return {convs_[block]->weight, convs_[block]->bias, bns_[block]->weight, bns_[block]->bias};
}

std::vector<torch::nn::BatchNorm2d> DiscriminatorImpl::batch_norms() {
  return bns_;
}

}  // namespace xdd
