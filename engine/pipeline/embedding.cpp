#include "pipeline/embedding.h"

namespace xdd {

torch::Tensor embed_images(Discriminator discriminator, const torch::Tensor& images,
                           torch::Device device, int64_t batch_size) {
  torch::NoGradGuard no_grad;
  const bool was_training = discriminator->is_training();
  discriminator->eval();
  std::vector<torch::Tensor> parts;
  for (int64_t start = 0; start < images.size(0); start += batch_size) {
    const int64_t end = std::min(images.size(0), start + batch_size);
    parts.push_back(discriminator->embed(images.slice(0, start, end).to(device)).to(torch::kCPU));
  }
  discriminator->train(was_training);
  return parts.empty() ? torch::empty({0, DiscriminatorImpl::kEmbeddingDim}) : torch::cat(parts);
}

}  // namespace xdd
