#pragma once
// The embedding f(x) of many images at once: eval mode, no gradients, in batches, result on the
// CPU.
#include <torch/torch.h>

#include <vector>

#include "models/discriminator.h"

namespace xdd {

torch::Tensor embed_images(Discriminator discriminator, const torch::Tensor& images,
                           torch::Device device, int64_t batch_size = 1000);

// Several sets of images embedded into one tensor, each set's rows right after the previous set's
// ([sum of the sets' sizes, 3136]): row ranges of it are the sets' embeddings, back to back in
// memory, which is how the live t-SNE reads the test and labeled embeddings without a copy.
torch::Tensor embed_image_sets(Discriminator discriminator, const std::vector<torch::Tensor>& sets,
                               torch::Device device, int64_t batch_size = 1000);

}  // namespace xdd
