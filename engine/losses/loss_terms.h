#pragma once
// What every embedding loss returns: the scalar to minimise and its named parts, so the UI can plot
// each term live (XDD: "compression", "relevance", "total").
#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

namespace xdd {

struct LossTerms {
  torch::Tensor total;                                       // scalar, what is minimised
  std::vector<std::pair<std::string, torch::Tensor>> parts;  // named scalar parts, "total" last
  // Set when every part depends on z only through this [N,N] Gram matrix of the centred batch
  // (losses/gram_terms.h): each part's gradient norm with respect to z then follows from its
  // gradient with respect to the Gram matrix alone (losses/term_gradients.h).
  torch::Tensor gram{};
};

}  // namespace xdd
