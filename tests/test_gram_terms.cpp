// XDD's terms from the Gram matrix (losses/gram_terms.h) against their explicit forms
// (class_gaussians.h, xdd_compression.h, pairwise.h): the same values and the same gradients, for
// every estimator, pairs, relevance and scale the loss computes this way.
#include <gtest/gtest.h>

#include "losses/class_gaussians.h"
#include "losses/gram_terms.h"
#include "losses/loss_factory.h"
#include "losses/pairwise.h"
#include "losses/xdd_compression.h"
#include "xdd_settings.h"

namespace {

// The explicit computation of XDD's two terms, as the first implementation did it.
std::pair<torch::Tensor, torch::Tensor> explicit_terms(const torch::Tensor& z,
                                                       const torch::Tensor& y,
                                                       const xdd::LossOptions& o) {
  const bool normalized = o.scale == xdd::Scale::kNormalized;
  const torch::Tensor zs = normalized ? xdd::scale_normalized(z) : z;
  const bool kde = o.estimator == xdd::Estimator::kKde;
  const double sigma2 =
      normalized ? (kde ? xdd::kFixedKernelVariance : 1.0) : xdd::median_pair_squared_distance(zs);
  const torch::Tensor c =
      kde ? xdd::kde_compression(zs, sigma2)
          : xdd::paper_compression(zs, y, o.pairs == xdd::Pairs::kInter, sigma2);
  torch::Tensor r;
  if (o.relevance == xdd::Relevance::kBatch) {
    const xdd::LeaveOneOut loo = xdd::leave_one_out_log_q(zs, y, o.num_classes);
    const torch::Tensor w = loo.usable.to(torch::kDouble);
    r = (loo.log_q * w).sum() / w.sum().clamp_min(1.0);
  } else {
    const xdd::ClassGaussians g = xdd::fit_class_gaussians(zs, y, o.num_classes);
    r = torch::log_softmax(xdd::class_logits(zs, g), 1).gather(1, y.unsqueeze(1)).mean();
  }
  return {c, r};
}

}  // namespace

TEST(GramTerms, EqualTheExplicitFormsInValueAndGradient) {
  torch::manual_seed(12);
  // Uneven classes, one of them a single point, one absent (class 4 of 5).
  const torch::Tensor y = torch::tensor({0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 3}, torch::kLong);
  const torch::Tensor base =
      torch::randn({13, 40}, torch::kDouble) * 3.0 + torch::randn({1, 40}, torch::kDouble) * 10.0;
  for (const char* estimator : {"paper", "kde"})
    for (const char* pairs : {"all", "inter"})
      for (const char* relevance : {"batch", "in_sample"})
        for (const char* scale : {"normalized", "detached"}) {
          const xdd::LossOptions o =
              xdd::test::xdd_settings(estimator, pairs, relevance, scale, 5, 40);
          const std::string what =
              std::string(estimator) + "/" + pairs + "/" + relevance + "/" + scale;
          const torch::Tensor z1 = base.clone().requires_grad_(true);
          const torch::Tensor z2 = base.clone().requires_grad_(true);
          const xdd::LossTerms gram = xdd::make_loss(o)->loss(z1, y);
          const auto [c, r] = explicit_terms(z2, y, o);
          EXPECT_NEAR(gram.parts[0].second.item<double>(), c.item<double>(),
                      1e-10 * (1 + std::abs(c.item<double>())))
              << what;
          EXPECT_NEAR(gram.parts[1].second.item<double>(), r.item<double>(),
                      1e-10 * (1 + std::abs(r.item<double>())))
              << what;
          const torch::Tensor g1c =
              torch::autograd::grad({gram.parts[0].second}, {z1}, {}, true)[0];
          const torch::Tensor g2c = torch::autograd::grad({c}, {z2}, {}, true)[0];
          const torch::Tensor g1r = torch::autograd::grad({gram.parts[1].second}, {z1})[0];
          const torch::Tensor g2r = torch::autograd::grad({r}, {z2})[0];
          EXPECT_TRUE(torch::allclose(g1c, g2c, 1e-7, 1e-12)) << what << " compression";
          EXPECT_TRUE(torch::allclose(g1r, g2r, 1e-7, 1e-12)) << what << " relevance";
        }
}

TEST(GramTerms, ScaleNormalisedGramHasMeanPairDistanceTwo) {
  const torch::Tensor z = torch::randn({9, 5}, torch::kDouble) * 7.0;
  const xdd::GramBatch b =
      xdd::scale_normalized(xdd::gram_batch(z, torch::zeros({9}, torch::kLong), 1));
  const torch::Tensor sq = xdd::pair_squared_distances(b);
  EXPECT_NEAR(sq.sum().item<double>() / (9.0 * 8.0), 2.0, 1e-12);
  EXPECT_TRUE(
      torch::allclose(sq, xdd::pairwise_squared_distances(xdd::scale_normalized(z)), 1e-9, 1e-12));
}
