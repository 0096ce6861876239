// XDD loss, first version (scale `detached`, relevance `in_sample`): each term against a hand
// computation on 4 points in 2-D, gradient directions, beta scaling, own score. Literals marked
// (py) were checked with /usr/bin/python3 + torch 1.13. The estimators that replaced them are
// tested on data with known answers in test_losses_xdd_estimators.cpp.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "losses/loss_factory.h"
#include "losses/xdd_loss.h"

namespace {

using xdd::LossOptions;
using xdd::LossTerms;

// z0 = (0,0), z1 = (2,0) in class 0; z2 = (1,1), z3 = (3,2) in class 1.
// Squared distances: d01 = 4, d02 = 2, d03 = 13, d12 = 2, d13 = 5, d23 = 5.
// Sorted 2,2,4,5,5,13: lower median 4, so sigma^2 = 4 (2 sigma^2 = 8).
torch::Tensor points() {
  return torch::tensor({0., 0., 2., 0., 1., 1., 3., 2.}, torch::kDouble).view({4, 2});
}
torch::Tensor labels() {
  return torch::tensor({0, 0, 1, 1}, torch::kLong);
}

LossOptions xdd_options(const std::string& estimator, const std::string& pairs, double beta = 1.0) {
  LossOptions o;
  o.estimator = xdd::parse_setting<xdd::Estimator>("estimator", estimator);
  o.pairs = xdd::parse_setting<xdd::Pairs>("pairs", pairs);
  o.beta = beta;
  o.scale = xdd::Scale::kDetached;
  o.relevance = xdd::Relevance::kInSample;
  o.num_classes = 2;
  o.dim = 2;
  return o;
}

double part(const LossTerms& t, const std::string& name) {
  for (const auto& [n, v] : t.parts)
    if (n == name) return v.item<double>();
  ADD_FAILURE() << "no part " << name;
  return NAN;
}

// R (eq. 10, batch mode). mu0 = (1,0), mu1 = (2,1.5); sigma0^2 = (1+1)/2/d = 0.5, sigma1^2 =
// (1.25+1.25)/2/d = 0.625. Logit_k = -||z-mu_k||^2/(2 sigma_k^2) - log sigma_k^2 (d = 2), so
// l1 - l0 = -4 - log 1.25 (z0), -0.8 - log 1.25 (z1); l0 - l1 = log 1.25 (z2), -7 + log 1.25 (z3):
// R = -(1/4)[log(1 + 0.8 e^-4) + log(1 + 0.8 e^-0.8) + log 2.25 + log(1 + 1.25 e^-7)].
double hand_relevance() {
  return -(std::log(1 + 0.8 * std::exp(-4.0)) + std::log(1 + 0.8 * std::exp(-0.8)) +
           std::log(2.25) + std::log(1 + 1.25 * std::exp(-7.0))) /
         4.0;
}

}  // namespace

TEST(LossesXdd, PaperCompressionAllPairs) {
  // C = -(1/6)(4+2+13+2+5+5)/8 = -31/48.
  auto loss = xdd::make_loss(xdd_options("paper", "all"));
  const LossTerms t = loss->loss(points(), labels());
  EXPECT_NEAR(part(t, "compression"), -31.0 / 48.0, 1e-12);
  EXPECT_NEAR(part(t, "relevance"), hand_relevance(), 1e-12);
  EXPECT_NEAR(part(t, "total"), -31.0 / 48.0 - hand_relevance(), 1e-12);
  EXPECT_NEAR(t.total.item<double>(), part(t, "total"), 0.0);
  EXPECT_NEAR(hand_relevance(), -0.283426378664932, 1e-12);  // (py)
}

TEST(LossesXdd, PaperCompressionInterClassPairsPushesClassesApart) {
  // Inter pairs (0,2),(0,3),(1,2),(1,3): C = -(1/4)(2+13+2+5)/8 = -22/32.
  auto loss = xdd::make_loss(xdd_options("paper", "inter", 0.0));
  const torch::Tensor z = points().requires_grad_(true);
  const LossTerms t = loss->loss(z, labels());
  EXPECT_NEAR(part(t, "compression"), -22.0 / 32.0, 1e-12);
  t.total.backward();
  // dC/dz_i = -(1/(|P| sigma^2)) sum_{j: y_j != y_i} (z_i - z_j) = -(1/16) sum: z0: sum = (-4,-3).
  const double expect[4][2] = {{0.25, 0.1875}, {0.0, 0.1875}, {0.0, -0.125}, {-0.25, -0.25}};
  for (int i = 0; i < 4; ++i)
    for (int c = 0; c < 2; ++c) EXPECT_NEAR(z.grad()[i][c].item<double>(), expect[i][c], 1e-12);
  // A descent step moves every point away from the other class's mean.
  const torch::Tensor other_mean =
      torch::tensor({2.0, 1.5, 2.0, 1.5, 1.0, 0.0, 1.0, 0.0}, torch::kDouble).view({4, 2});
  const torch::Tensor away = ((-z.grad()) * (z.detach() - other_mean)).sum(1);
  EXPECT_TRUE((away > 0).all().item<bool>()) << away;
}

TEST(LossesXdd, PaperCompressionAllPairsGradient) {
  // dC/dz_i = -(1/(6*4)) sum_{j != i} (z_i - z_j); z0: (-6,-3)/-24 = (0.25, 0.125).
  auto loss = xdd::make_loss(xdd_options("paper", "all", 0.0));
  const torch::Tensor z = points().requires_grad_(true);
  loss->loss(z, labels()).total.backward();
  const double expect[4][2] = {
      {0.25, 0.125}, {-2.0 / 24, 0.125}, {2.0 / 24, -1.0 / 24}, {-0.25, -5.0 / 24}};
  for (int i = 0; i < 4; ++i)
    for (int c = 0; c < 2; ++c) EXPECT_NEAR(z.grad()[i][c].item<double>(), expect[i][c], 1e-12);
}

TEST(LossesXdd, KdeCompression) {
  // Row sums of exp(-d_ij/8), j including i:
  // z0: 1+e^-.5+e^-.25+e^-1.625, z1: e^-.5+1+e^-.25+e^-.625, z2: 2e^-.25+1+e^-.625, z3:
  // e^-1.625+2e^-.625+1 C = log 4 - (1/4) sum_i log(row_i).
  const double rows[4] = {1 + std::exp(-.5) + std::exp(-.25) + std::exp(-1.625),
                          std::exp(-.5) + 1 + std::exp(-.25) + std::exp(-.625),
                          2 * std::exp(-.25) + 1 + std::exp(-.625),
                          std::exp(-1.625) + 2 * std::exp(-.625) + 1};
  double hand = std::log(4.0);
  for (double r : rows) hand -= std::log(r) / 4.0;
  EXPECT_NEAR(hand, 0.394246534027957, 1e-12);  // (py)
  auto loss = xdd::make_loss(xdd_options("kde", "all"));
  EXPECT_NEAR(part(loss->loss(points(), labels()), "compression"), hand, 1e-12);
}

TEST(LossesXdd, ScaleIsFixedByTheDetachedMedian) {
  // Scaling z by 10 scales every distance and the median alike: the terms do not change.
  for (const char* est : {"paper", "kde"}) {
    auto loss = xdd::make_loss(xdd_options(est, "all"));
    const LossTerms a = loss->loss(points(), labels());
    const LossTerms b = loss->loss(points() * 10.0, labels());
    EXPECT_NEAR(part(a, "compression"), part(b, "compression"), 1e-12) << est;
  }
}

TEST(LossesXdd, RelevancePullsPointsToTheirClassCentre) {
  auto loss = xdd::make_loss(xdd_options("paper", "all"));
  const torch::Tensor z = points().requires_grad_(true);
  const LossTerms t = loss->loss(z, labels());
  const torch::Tensor r = t.parts[1].second;
  ASSERT_EQ(t.parts[1].first, "relevance");
  const torch::Tensor g = torch::autograd::grad({-r}, {z})[0];  // gradient of the minimised -R
  // Moving along -g brings each point closer to its class mean: (-g) . (mu_y - z) > 0.
  const torch::Tensor mu =
      torch::tensor({1.0, 0.0, 1.0, 0.0, 2.0, 1.5, 2.0, 1.5}, torch::kDouble).view({4, 2});
  const torch::Tensor toward = ((-g) * (mu - z.detach())).sum(1);
  const double expect[4] = {0.05958457167741209, 0.0722758586996883, 0.39299126993130595,
                            0.15718488386023974};  // (py)
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(toward[i].item<double>(), expect[i], 1e-12);
}

TEST(LossesXdd, BetaScalesTheRelevanceTerm) {
  const torch::Tensor z = points().requires_grad_(true);
  torch::Tensor grads[3];
  const double betas[3] = {0.0, 1.0, 2.5};
  for (int b = 0; b < 3; ++b) {
    auto loss = xdd::make_loss(xdd_options("kde", "inter", betas[b]));
    const LossTerms t = loss->loss(z, labels());
    EXPECT_NEAR(t.total.item<double>(), part(t, "compression") - betas[b] * hand_relevance(),
                1e-12);
    grads[b] = torch::autograd::grad({t.total}, {z})[0];
  }
  // Linear in beta: g(2.5) = g(0) + 2.5 (g(1) - g(0)).
  EXPECT_TRUE(torch::allclose(grads[2], grads[0] + 2.5 * (grads[1] - grads[0]), 1e-10, 1e-12));
  EXPECT_THROW(xdd::make_loss(xdd_options("paper", "all", -1.0)), xdd::InvalidArgument);
  EXPECT_THROW(xdd::make_loss(xdd_options("paper", "all", NAN)), xdd::InvalidArgument);
}

TEST(LossesXdd, AbsentClassIsLeftOutOfTheSoftmax) {
  LossOptions o = xdd_options("paper", "all");
  o.num_classes = 3;  // class 2 has no example in the batch
  EXPECT_NEAR(part(xdd::make_loss(o)->loss(points(), labels()), "relevance"), hand_relevance(),
              1e-12);
}

TEST(LossesXdd, LearnedModeStartsAsDeepMcddNotFromTheBatch) {
  LossOptions o = xdd_options("paper", "all");
  o.relevance = xdd::Relevance::kLearned;
  o.num_classes = 3;
  auto loss = xdd::make_loss(o);
  loss->initialize(points(), labels());  // nothing to take from the batch
  auto params = loss->named_parameters();
  // Xavier-uniform centres: |mu| <= sqrt(6 / (K + d)) = sqrt(6/5), not the class means (1,0), ...
  const double bound = std::sqrt(6.0 / 5.0);
  EXPECT_LE(params["class_means"].abs().max().item<double>(), bound);
  EXPECT_FALSE(torch::allclose(params["class_means"].slice(0, 0, 1),
                               torch::tensor({1.0f, 0.0f}).view({1, 2})));
  EXPECT_TRUE(torch::equal(params["class_log_sigmas"], torch::zeros({3})));
  // Fixed centres: the gradient in z is that of log-softmax with constant parameters, finite.
  const torch::Tensor z = points().requires_grad_(true);
  const LossTerms t = loss->loss(z, labels());
  const torch::Tensor g = torch::autograd::grad({t.parts[1].second}, {z})[0];
  EXPECT_TRUE(torch::isfinite(g).all().item<bool>());
  EXPECT_GT(g.norm().item<double>(), 0.0);
  EXPECT_EQ(loss->parameters().size(), 2u);
  EXPECT_EQ(xdd::make_loss(xdd_options("paper", "all"))->parameters().size(), 0u);
}

TEST(LossesXdd, OwnScoreIsNegatedBestClassLogDensity) {
  // Test point (1,0) = mu0: log N = -0 - log 0.5 - log(2 pi) = -log pi; class 1 is lower
  // (-3.25/1.25 - log .625 - log 2pi). Score = log pi. Far point: much higher score.
  auto loss = xdd::make_loss(xdd_options("paper", "all"));
  const torch::Tensor test = torch::tensor({1.0, 0.0, 30.0, 30.0}, torch::kDouble).view({2, 2});
  const torch::Tensor s = loss->own_score(test, points(), labels());
  EXPECT_EQ(s.scalar_type(), torch::kDouble);
  EXPECT_NEAR(s[0].item<double>(), std::log(M_PI), 1e-12);
  EXPECT_GT(s[1].item<double>(), s[0].item<double>() + 100.0);
}

TEST(LossesXdd, FloatInputGivesFloatTerms) {
  auto loss = xdd::make_loss(xdd_options("paper", "all"));
  const LossTerms t = loss->loss(points().to(torch::kFloat), labels());
  EXPECT_EQ(t.total.scalar_type(), torch::kFloat);
  EXPECT_NEAR(t.total.item<double>(), -31.0 / 48.0 - hand_relevance(), 1e-6);
}

TEST(LossesXdd, BadBatchesThrow) {
  auto loss = xdd::make_loss(xdd_options("paper", "all"));
  EXPECT_THROW(loss->loss(points(), torch::tensor({0, 0, 1, 2}, torch::kLong)),
               xdd::InvalidArgument);
  EXPECT_THROW(loss->loss(points(), torch::tensor({0, 0, 1}, torch::kLong)), xdd::InvalidArgument);
  EXPECT_THROW(loss->loss(points(), labels().to(torch::kInt)), xdd::InvalidArgument);
  EXPECT_THROW(loss->loss(points().view({-1}), labels()), xdd::InvalidArgument);
  EXPECT_THROW(loss->loss(points().slice(0, 0, 1), labels().slice(0, 0, 1)), xdd::InvalidArgument);
  EXPECT_THROW(loss->own_score(torch::zeros({2, 3}, torch::kDouble), points(), labels()),
               xdd::InvalidArgument);
}
