#pragma once
// The embedding f(x) of many images at once: eval mode, no gradients, in batches, result on the
// CPU.
#include <torch/torch.h>

#include "models/discriminator.h"

namespace xdd {

torch::Tensor embed_images(Discriminator discriminator, const torch::Tensor& images,
                           torch::Device device, int64_t batch_size = 1000);

}  // namespace xdd
