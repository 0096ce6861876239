// losses/term_gradients.h: each loss term's gradient norm with respect to the embedding, the
// `grad_` columns. XDD's Gram-matrix terms take it from the gradient with respect to the Gram
// matrix; it must equal autograd's with respect to z in every setting, including the scale
// normalisation (a function of G as well) and on data whose gradient is known to be 0.
#include "losses/term_gradients.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <string>
#include <vector>

#include "losses/loss_factory.h"
#include "xdd_settings.h"

namespace {

// ||d part / d z|| by autograd with respect to z itself, for every part but the total.
std::vector<double> autograd_norms(const xdd::LossTerms& terms, const torch::Tensor& z) {
  std::vector<double> norms;
  for (const auto& [name, value] : terms.parts) {
    if (name == "total") {
      norms.push_back(-1.0);
      continue;
    }
    const torch::Tensor g = torch::autograd::grad({value}, {z}, {}, true, false, true)[0];
    norms.push_back(g.defined() ? g.norm().item<double>() : 0.0);
  }
  return norms;
}

}  // namespace

TEST(TermGradients, TheGramRouteEqualsAutogradForEveryXddSetting) {
  torch::manual_seed(11);
  const torch::Tensor y = torch::arange(9, torch::kLong).repeat_interleave(10);
  // Away from the origin and with some class structure, so every term has a real gradient.
  const torch::Tensor base = torch::randn({90, 64}, torch::kDouble) * 3.0 + 5.0 +
                             2.0 * torch::one_hot(y, 64).to(torch::kDouble);
  for (const char* relevance : {"batch", "in_sample"}) {
    for (const char* scale : {"normalized", "detached"}) {
      for (const char* estimator : {"paper", "kde"}) {
        for (const char* pairs : {"inter", "all"}) {
          const std::string setting =
              std::string(relevance) + " " + scale + " " + estimator + " " + pairs;
          auto loss =
              xdd::make_loss(xdd::test::xdd_settings(estimator, pairs, relevance, scale, 9, 64));
          const torch::Tensor z = base.clone().requires_grad_(true);
          const xdd::LossTerms terms = loss->loss(z, y);
          ASSERT_TRUE(terms.gram.defined()) << setting;
          const std::vector<double> fast = xdd::term_gradient_norms(terms, z);
          const std::vector<double> slow = autograd_norms(terms, z);
          ASSERT_EQ(fast.size(), slow.size());
          for (size_t i = 0; i < fast.size(); ++i) {
            EXPECT_NEAR(fast[i], slow[i], 1e-9 * std::max(1.0, slow[i]))
                << setting << ", " << terms.parts[i].first;
          }
          EXPECT_GT(fast[1], 1e-6) << setting << ": the relevance term has a gradient here";
        }
      }
    }
  }
}

TEST(TermGradients, Float32EmbeddingsAndAZeroGradientReadAsAutograd) {
  torch::manual_seed(12);
  const torch::Tensor y = torch::arange(9, torch::kLong).repeat_interleave(10);
  auto loss = xdd::make_loss(xdd::test::xdd_settings("paper", "all", "batch", "normalized", 9, 64));
  // Embeddings arrive as float32: the loss works in float64 and the norms agree to float32's
  // precision.
  const torch::Tensor z = (torch::randn({90, 64}) + 3.0).requires_grad_(true);
  const xdd::LossTerms terms = loss->loss(z, y);
  const std::vector<double> fast = xdd::term_gradient_norms(terms, z);
  const std::vector<double> slow = autograd_norms(terms, z);
  for (size_t i = 0; i < fast.size(); ++i) {
    EXPECT_NEAR(fast[i], slow[i], 1e-5 * std::max(1.0, slow[i])) << terms.parts[i].first;
  }
  // With the scale fixed and all pairs, the compression term is a constant (SPEC section 4): its
  // gradient is 0 by either route.
  EXPECT_NEAR(fast[0], 0.0, 1e-6);
  EXPECT_EQ(fast.back(), -1.0);  // the total's is the caller's, from its own backward pass
}

TEST(TermGradients, LearnedClassParametersUseAutogradOnZ) {
  torch::manual_seed(13);
  const torch::Tensor y = torch::arange(9, torch::kLong).repeat_interleave(10);
  auto loss =
      xdd::make_loss(xdd::test::xdd_settings("paper", "inter", "learned", "normalized", 9, 64));
  const torch::Tensor z = torch::randn({90, 64}, torch::kDouble).requires_grad_(true);
  const xdd::LossTerms terms = loss->loss(z, y);
  EXPECT_FALSE(terms.gram.defined());
  const std::vector<double> fast = xdd::term_gradient_norms(terms, z);
  const std::vector<double> slow = autograd_norms(terms, z);
  for (size_t i = 0; i < fast.size(); ++i) EXPECT_DOUBLE_EQ(fast[i], slow[i]);
  EXPECT_GT(fast[1], 0.0);
}
