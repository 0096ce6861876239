#pragma once
// The "class entanglement" readout of the test embedding, for any method (SPEC section 5): the soft
// nearest neighbour loss (losses/snn_loss.h) of a fixed sample of test embeddings with their digit
// labels, the held-out digit included, taken as in the SNN paper at the temperature T that
// minimises it (a 1-d search over log T), and recorded with that T. Lower = classes less
// entangled: near 0 for well-separated classes, about log(number of digits) when the labels are
// unrelated to where the points lie. The first version's value at T = the sample's median pairwise
// squared distance is kept beside it: it reads near log 10 even for clean clusters, because at that
// T every kernel is wide. Both are unchanged when the embedding is multiplied by a constant.
#include <cstdint>

namespace at {
class Tensor;
}

namespace xdd {

// The sample: every k-th test image with k = max(1, N / 1000), i.e. 1,000 of MNIST's 10,000, the
// same images for every run on a dataset (the test set's order is fixed).
constexpr int64_t kEntanglementSample = 1000;

struct Entanglement {
  double minimum = 0.0;      // the SNN loss at its minimising T
  double temperature = 0.0;  // that T, divided by the sample's median pairwise squared distance
  double at_median = 0.0;    // the SNN loss at T = the median pairwise squared distance
};

Entanglement test_entanglement(const at::Tensor& z_test, const at::Tensor& labels);

}  // namespace xdd
