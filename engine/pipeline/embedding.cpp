#include "pipeline/embedding.h"

namespace xdd {

torch::Tensor embed_images(Discriminator discriminator, const torch::Tensor& images,
                           torch::Device device, int64_t batch_size) {
  torch::NoGradGuard no_grad;
  const bool was_training = discriminator->is_training();
  discriminator->eval();
  // Written into one preallocated tensor: batches and a cat would hold the embedding twice.
  torch::Tensor z = torch::empty({images.size(0), DiscriminatorImpl::kEmbeddingDim});
  for (int64_t start = 0; start < images.size(0); start += batch_size) {
    const int64_t end = std::min(images.size(0), start + batch_size);
    z.slice(0, start, end).copy_(discriminator->embed(images.slice(0, start, end).to(device)));
  }
  discriminator->train(was_training);
  return z;
}

}  // namespace xdd
