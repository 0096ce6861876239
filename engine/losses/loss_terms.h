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
};

}  // namespace xdd
