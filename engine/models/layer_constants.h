#pragma once
// Numbers that Table 1 fixes for both networks.
#include <torch/types.h>

#include <cstdint>

namespace xdd {

constexpr int64_t kImageSide = 28;    // MNIST images are 1 x 28 x 28
constexpr int64_t kSeedSide = 7;      // the generator starts from c x 7 x 7; f ends at 64 x 7 x 7
constexpr double kLeakySlope = 0.01;  // Table 1 writes LeakyReLU(): PyTorch's default slope

// LeakyReLU in place on a tensor nothing else reads (a BatchNorm output): BatchNorm's backward
// needs only its input and LeakyReLU's (slope > 0) only its output, so overwriting saves a memory
// pass.
inline torch::Tensor leaky_relu_inplace(torch::Tensor x) {
  return torch::leaky_relu_(x, kLeakySlope);
}

}  // namespace xdd
