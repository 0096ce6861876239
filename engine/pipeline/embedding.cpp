#include "pipeline/embedding.h"

namespace xdd {

torch::Tensor embed_images(Discriminator discriminator, const torch::Tensor& images,
                           torch::Device device, int64_t batch_size) {
  return embed_image_sets(discriminator, {images}, device, batch_size);
}

torch::Tensor embed_image_sets(Discriminator discriminator, const std::vector<torch::Tensor>& sets,
                               torch::Device device, int64_t batch_size) {
  torch::NoGradGuard no_grad;
  const bool was_training = discriminator->is_training();
  discriminator->eval();
  int64_t rows = 0;
  for (const torch::Tensor& images : sets) rows += images.size(0);
  // Written into one preallocated tensor: batches and a cat would hold the embedding twice.
  torch::Tensor z = torch::empty({rows, DiscriminatorImpl::kEmbeddingDim});
  int64_t row = 0;
  for (const torch::Tensor& images : sets) {
    for (int64_t start = 0; start < images.size(0); start += batch_size) {
      const int64_t end = std::min(images.size(0), start + batch_size);
      z.slice(0, row + start, row + end)
          .copy_(discriminator->embed(images.slice(0, start, end).to(device)));
    }
    row += images.size(0);
  }
  discriminator->train(was_training);
  return z;
}

}  // namespace xdd
