#pragma once
// The discriminator of paper Table 1 (SPEC section 3): the embedding f, four blocks
// Conv2d(k=3, padding 1) + BatchNorm2d + LeakyReLU(0.01) with channels 1->8->16->32->64 and strides
// 2, 1, 2, 1 (28 -> 14 -> 14 -> 7 -> 7), flattened to d = 64*7*7 = 3136; then the head Linear(3136,
// 1). Table 1 ends in Sigmoid; here head() returns logits and the losses use BCE-with-logits, which
// applies the sigmoid inside log-sum-exp and so stays finite where log(sigmoid(x)) would underflow.
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace xdd {

class DiscriminatorImpl : public torch::nn::Module {
 public:
  static constexpr int kNumBlocks = 4;
  static constexpr int64_t kEmbeddingDim = 64 * 7 * 7;

  DiscriminatorImpl();

  // f: images [B, 1, 28, 28] -> embeddings [B, 3136] (the flattened 64 x 7 x 7 output of block 3).
  // InvalidArgument for another shape.
  torch::Tensor embed(const torch::Tensor& x);
  // Embeddings [B, 3136] -> real/fake logits [B, 1] (sigmoid folded into the loss, see above).
  torch::Tensor head(const torch::Tensor& z);
  // head(embed(x)).
  torch::Tensor forward(const torch::Tensor& x);
  // The output of every block, [B,8,14,14], [B,16,14,14], [B,32,7,7], [B,64,7,7] (for inspection).
  std::vector<torch::Tensor> block_outputs(const torch::Tensor& x);

  // Conv weight and bias, then BatchNorm weight and bias of block 0..3; InvalidArgument otherwise.
  std::vector<torch::Tensor> block_parameters(int block);
  // The four BatchNorm2d layers, in block order (so re-training can freeze their statistics).
  std::vector<torch::nn::BatchNorm2d> batch_norms();

 private:
  void check_images(const torch::Tensor& x) const;
  torch::Tensor block(int i, const torch::Tensor& h);

  std::vector<torch::nn::Conv2d> convs_;
  std::vector<torch::nn::BatchNorm2d> bns_;
  torch::nn::Linear head_{nullptr};
};
TORCH_MODULE(Discriminator);

}  // namespace xdd
