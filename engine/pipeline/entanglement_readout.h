#pragma once
// The "class entanglement" readout of the test embedding, for any method (issue 7): the soft
// nearest neighbour loss (losses/snn_loss.h, snn_entanglement) of a fixed sample of test embeddings
// with their digit labels, the held-out digit included. The temperature is the sample's median
// pairwise squared distance, so the value does not change with the embedding's scale and runs of
// different methods can be compared. Lower = classes less entangled; about log(number of digits)
// when the labels are unrelated to where the points lie.
#include <torch/types.h>

namespace xdd {

// The sample: every k-th test image with k = max(1, N / 1000), i.e. 1,000 of MNIST's 10,000, the
// same images for every run on a dataset (the test set's order is fixed).
constexpr int64_t kEntanglementSample = 1000;

double test_entanglement(const torch::Tensor& z_test, const torch::Tensor& labels);

}  // namespace xdd
