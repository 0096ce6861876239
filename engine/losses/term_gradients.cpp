#include "losses/term_gradients.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace xdd {
namespace {

// The gradient of `value` with respect to `input` through the graph, kept for the later passes;
// undefined when value does not depend on input.
torch::Tensor gradient(const torch::Tensor& value, const torch::Tensor& input) {
  return torch::autograd::grad({value}, {input}, {}, /*retain_graph=*/true,
                               /*create_graph=*/false, /*allow_unused=*/true)[0];
}

// ||P S C|| from A = d part / d G, as tr((P S)^T (P S) G): a sum of the elementwise products of
// two positive semi-definite matrices, so it is >= 0 but for rounding.
double norm_through_gram(const torch::Tensor& a, const torch::Tensor& gram) {
  torch::NoGradGuard no_grad;
  const torch::Tensor s = (a + a.t()).to(torch::kDouble);
  const torch::Tensor ps = s - s.mean(0, /*keepdim=*/true);  // P S: each column's mean removed
  const double squared =
      (torch::matmul(ps.t(), ps) * gram.detach().to(torch::kDouble)).sum().item<double>();
  return std::sqrt(std::max(0.0, squared));
}

}  // namespace

std::vector<double> term_gradient_norms(const LossTerms& terms, const torch::Tensor& z) {
  const bool through_gram = terms.gram.defined() && terms.gram.requires_grad();
  std::vector<double> norms;
  for (const auto& [name, value] : terms.parts) {
    double norm = name == "total" ? -1.0 : 0.0;
    if (name != "total" && z.requires_grad() && value.requires_grad()) {
      const torch::Tensor g = gradient(value, through_gram ? terms.gram : z);
      if (g.defined())
        norm = through_gram ? norm_through_gram(g, terms.gram) : g.norm().item<double>();
    }
    norms.push_back(norm);
  }
  return norms;
}

}  // namespace xdd
