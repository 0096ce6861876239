// The XDD estimators on data whose answer is known (SPEC section 4): the leave-one-out relevance
// term against a brute-force refit, on random labels (far below 0, with a gradient) and on clean
// clusters (near 0), the saturated in-sample term it replaced, and the scale fix (the loss is
// unchanged when z is multiplied by 3 and its gradient is orthogonal to z).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "losses/class_gaussians.h"
#include "losses/loss_factory.h"

namespace {

using xdd::LossOptions;
using xdd::LossTerms;

LossOptions xdd_options(const std::string& relevance, int num_classes, int64_t dim) {
  LossOptions o;
  o.relevance = xdd::parse_setting<xdd::Relevance>("relevance", relevance);
  o.num_classes = num_classes;
  o.dim = dim;
  return o;
}

torch::Tensor part(const LossTerms& t, const std::string& name) {
  for (const auto& [n, v] : t.parts)
    if (n == name) return v;
  ADD_FAILURE() << "no part " << name;
  return {};
}

// Labels 0..k-1, `per_class` of each.
torch::Tensor balanced_labels(int k, int per_class) {
  return torch::arange(k, torch::kLong).repeat_interleave(per_class);
}

// Reference for one point: refit its own class without it, the other classes on all their points.
double brute_force_log_q(const torch::Tensor& z, const torch::Tensor& y, int64_t i, int k) {
  const double d = static_cast<double>(z.size(1));
  std::vector<double> logits;
  for (int c = 0; c < k; ++c) {
    torch::Tensor members = (y == c);
    if (c == y[i].item<int64_t>()) members.index_put_({i}, false);
    const torch::Tensor zc = z.index({members});
    const torch::Tensor mu = zc.mean(0);
    const double var = (zc - mu).pow(2).sum(1).mean().item<double>() / d;
    const double sq = (z[i] - mu).pow(2).sum().item<double>();
    logits.push_back(-sq / (2 * var) - 0.5 * d * std::log(var));
  }
  double top = logits[0];
  for (double l : logits) top = std::max(top, l);
  double sum = 0;
  for (double l : logits) sum += std::exp(l - top);
  return logits[static_cast<size_t>(y[i].item<int64_t>())] - top - std::log(sum);
}

double cosine(const torch::Tensor& a, const torch::Tensor& b) {
  return ((a * b).sum() / (a.norm() * b.norm())).item<double>();
}

}  // namespace

TEST(XddEstimators, LeaveOneOutMatchesABruteForceRefit) {
  torch::manual_seed(3);
  const torch::Tensor z = torch::randn({12, 5}, torch::kDouble);
  const torch::Tensor y = balanced_labels(3, 4);
  const xdd::LeaveOneOut loo = xdd::leave_one_out_log_q(z, y, 3);
  ASSERT_TRUE(loo.usable.all().item<bool>());
  for (int64_t i = 0; i < 12; ++i)
    EXPECT_NEAR(loo.log_q[i].item<double>(), brute_force_log_q(z, y, i, 3), 1e-10) << i;
}

TEST(XddEstimators, ASingleExampleClassIsNotUsable) {
  const torch::Tensor z = torch::randn({5, 3}, torch::kDouble);
  const torch::Tensor y = torch::tensor({0, 0, 1, 1, 2}, torch::kLong);
  const xdd::LeaveOneOut loo = xdd::leave_one_out_log_q(z, y, 3);
  EXPECT_EQ(loo.usable.sum().item<int64_t>(), 4);
  EXPECT_FALSE(loo.usable[4].item<bool>());
  EXPECT_TRUE(torch::isfinite(loo.log_q).all().item<bool>());
}

TEST(XddEstimators, RandomLabelsInThePapersRegime) {
  // d = 3136, 9 classes of 10 random points: the embedding says nothing about the labels.
  torch::manual_seed(0);
  const torch::Tensor y = balanced_labels(9, 10);
  for (const char* relevance : {"batch", "in_sample"}) {
    const torch::Tensor z = torch::randn({90, 3136}, torch::kDouble).requires_grad_(true);
    const LossTerms t = xdd::make_loss(xdd_options(relevance, 9, 3136))->loss(z, y);
    const torch::Tensor r = part(t, "relevance");
    const double grad = torch::autograd::grad({r}, {z})[0].norm().item<double>();
    if (std::string(relevance) == "batch") {
      // Out of sample, a point's own class is no closer than any other: far below 0, with a
      // gradient to learn from.
      EXPECT_LT(r.item<double>(), -10.0);
      EXPECT_GT(grad, 1e-3);
    } else {
      // In sample, the own class wins by about d/n nats: saturated at 0, no gradient.
      EXPECT_NEAR(r.item<double>(), 0.0, 1e-9);
      EXPECT_LT(grad, 1e-30);
    }
  }
}

TEST(XddEstimators, CleanClustersReadNearZero) {
  torch::manual_seed(1);
  const torch::Tensor y = balanced_labels(9, 10);
  const torch::Tensor centres = 3.0 * torch::randn({9, 3136}, torch::kDouble);
  const torch::Tensor z = centres.index_select(0, y) + torch::randn({90, 3136}, torch::kDouble);
  const double r =
      part(xdd::make_loss(xdd_options("batch", 9, 3136))->loss(z, y), "relevance").item<double>();
  EXPECT_LE(r, 0.0);
  EXPECT_GT(r, -1e-6);
}

TEST(XddEstimators, TheLeaveOneOutGradientSeparatesRandomClasses) {
  // Gradient ascent on R alone, on the embeddings themselves: R climbs from far below 0 towards 0.
  torch::manual_seed(2);
  const torch::Tensor y = balanced_labels(3, 6);
  const torch::Tensor z = torch::randn({18, 20}, torch::kDouble).requires_grad_(true);
  auto loss = xdd::make_loss(xdd_options("batch", 3, 20));
  const double r0 = part(loss->loss(z, y), "relevance").item<double>();
  torch::optim::Adam adam({z}, torch::optim::AdamOptions(0.05));
  for (int step = 0; step < 200; ++step) {
    adam.zero_grad();
    (-part(loss->loss(z, y), "relevance")).backward();
    adam.step();
  }
  const double r1 = part(loss->loss(z, y), "relevance").item<double>();
  EXPECT_LT(r0, -1.0);
  EXPECT_GT(r1, 0.1 * r0);
}

TEST(XddEstimators, NormalizedScaleIsHomogeneousOfDegreeZero) {
  torch::manual_seed(4);
  const torch::Tensor y = balanced_labels(3, 5);
  const torch::Tensor base = torch::randn({15, 8}, torch::kDouble) + 0.5;
  for (const char* estimator : {"paper", "kde"}) {
    for (const char* pairs : {"all", "inter"}) {
      for (const char* relevance : {"batch", "in_sample", "learned"}) {
        LossOptions o = xdd_options(relevance, 3, 8);
        o.estimator = xdd::parse_setting<xdd::Estimator>("estimator", estimator);
        o.pairs = xdd::parse_setting<xdd::Pairs>("pairs", pairs);
        o.beta = 0.7;
        auto loss = xdd::make_loss(o);
        const std::string what = std::string(estimator) + "/" + pairs + "/" + relevance;
        const torch::Tensor z = base.clone().requires_grad_(true);
        const torch::Tensor z3 = (3.0 * base).requires_grad_(true);
        const LossTerms a = loss->loss(z, y);
        const LossTerms b = loss->loss(z3, y);
        EXPECT_NEAR(a.total.item<double>(), b.total.item<double>(), 1e-12) << what;
        for (const char* name : {"compression", "relevance", "total"}) {
          const torch::Tensor g = torch::autograd::grad({part(a, name)}, {z}, {}, true)[0];
          if (what.rfind("paper/all/", 0) == 0 && std::string(name) == "compression") {
            EXPECT_LT(g.norm().item<double>(), 1e-12) << what;  // a constant (next test)
            continue;
          }
          EXPECT_GT(g.norm().item<double>(), 1e-6) << what << " " << name;
          EXPECT_LT(std::abs(cosine(g, z)), 1e-9) << what << " " << name;
        }
      }
    }
  }
}

TEST(XddEstimators, PaperAllPairsIsAConstantOnceTheScaleIsFixed) {
  // Eq. 8 over all pairs measures only the spread, which the scale fix removes: C = -1, no
  // gradient.
  const torch::Tensor z = torch::randn({12, 6}, torch::kDouble).requires_grad_(true);
  LossOptions o = xdd_options("batch", 3, 6);
  o.pairs = xdd::Pairs::kAll;
  const torch::Tensor c = part(xdd::make_loss(o)->loss(z, balanced_labels(3, 4)), "compression");
  EXPECT_NEAR(c.item<double>(), -1.0, 1e-12);
  EXPECT_LT(torch::autograd::grad({c}, {z})[0].norm().item<double>(), 1e-12);
}

TEST(XddEstimators, TheDetachedScaleMostlyInflatesZ) {
  // The first version: for centred data the compression gradient points straight along -z, so a
  // descent step only makes the embedding bigger.
  torch::manual_seed(5);
  torch::Tensor base = torch::randn({12, 6}, torch::kDouble);
  base = base - base.mean(0, true);
  const torch::Tensor z = base.clone().requires_grad_(true);
  LossOptions o = xdd_options("in_sample", 3, 6);
  o.pairs = xdd::Pairs::kAll;
  o.scale = xdd::Scale::kDetached;
  const torch::Tensor c = part(xdd::make_loss(o)->loss(z, balanced_labels(3, 4)), "compression");
  EXPECT_LT(cosine(torch::autograd::grad({c}, {z})[0], base), -0.999);
}

TEST(XddEstimators, InterPairsRewardSeparatedClasses) {
  // Normalised eq. 8 over inter-class pairs is minus the inter-class share of the spread: about -1
  // for random labels, down to -|all pairs| / |inter pairs| for collapsed classes.
  torch::manual_seed(6);
  const torch::Tensor y = balanced_labels(3, 4);
  LossOptions o = xdd_options("batch", 3, 50);
  auto loss = xdd::make_loss(o);
  const torch::Tensor centres = torch::randn({3, 50}, torch::kDouble);
  const double clustered =
      part(
          loss->loss(centres.index_select(0, y) + 1e-4 * torch::randn({12, 50}, torch::kDouble), y),
          "compression")
          .item<double>();
  EXPECT_NEAR(clustered, -66.0 / 48.0, 1e-6);  // 66 pairs, 48 of them inter-class
  const double random =
      part(loss->loss(torch::randn({12, 50}, torch::kDouble), y), "compression").item<double>();
  EXPECT_GT(random, -1.15);
  EXPECT_LT(clustered, random);
}
