#pragma once
// Helpers for the training suites: structured random images, model state comparison, and the
// message of an expected exception.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

namespace xdd::test {

// Smooth random blobs in [-1, 1]: images with some structure, not pure noise.
inline torch::Tensor blob_images(int n, uint64_t seed) {
  torch::manual_seed(seed);
  const torch::Tensor coarse = torch::rand({n, 1, 7, 7});
  const torch::Tensor up =
      torch::nn::functional::interpolate(coarse, torch::nn::functional::InterpolateFuncOptions()
                                                     .size(std::vector<int64_t>{28, 28})
                                                     .mode(torch::kBilinear)
                                                     .align_corners(false));
  return (up * 2 - 1).clamp(-1, 1).contiguous();
}

// Deep copies of a module's parameters, then its buffers.
inline std::vector<torch::Tensor> state_of(const torch::nn::Module& m) {
  std::vector<torch::Tensor> out;
  for (const auto& p : m.parameters()) out.push_back(p.detach().clone());
  for (const auto& b : m.buffers()) out.push_back(b.detach().clone());
  return out;
}

// Bit-identical states.
inline bool same_state(const std::vector<torch::Tensor>& a, const std::vector<torch::Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!torch::equal(a[i], b[i])) return false;
  }
  return true;
}

// The message of the E that f() throws; a test failure (and "") if it throws none.
template <typename E, typename F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected exception not thrown";
  return "";
}

}  // namespace xdd::test
