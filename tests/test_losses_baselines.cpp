// The six baseline losses of SPEC section 5, each against a hand computation in 2-D with K = 2.
// Literals marked (py) were checked with /usr/bin/python3 + torch 1.13 (torch.nn.functional).
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "losses/loss_factory.h"
#include "losses/snn_loss.h"
#include "losses/svdd_loss.h"

namespace {

using xdd::LossTerms;

std::shared_ptr<xdd::EmbeddingLoss> make(const std::string& method, int64_t dim = 2, int k = 2) {
  xdd::LossOptions o;
  o.method = xdd::parse_setting<xdd::Method>("method", method);
  o.num_classes = k;
  o.dim = dim;
  return xdd::make_loss(o);
}

torch::Tensor mat(std::vector<double> v, int64_t cols) {
  return torch::tensor(v, torch::kDouble).view({-1, cols});
}
torch::Tensor lab(std::vector<int64_t> v) {
  return torch::tensor(v, torch::kLong);
}

void set_param(xdd::EmbeddingLoss& loss, const std::string& name, const torch::Tensor& value) {
  torch::NoGradGuard no_grad;
  loss.named_parameters()[name].copy_(value);
}

double part(const LossTerms& t, const std::string& name) {
  for (const auto& [n, v] : t.parts)
    if (n == name) return v.item<double>();
  ADD_FAILURE() << "no part " << name;
  return NAN;
}

}  // namespace

TEST(LossesBaselines, SoftmaxCrossEntropyAndScore) {
  // W = I, b = (0, .5), z = (1,2), y = 0: logits (1, 2.5), CE = log(1 + e^1.5);
  // own score = 1 - max softmax = 1 - 1/(1 + e^-1.5).
  auto loss = make("softmax");
  set_param(*loss, "head.weight", torch::eye(2));
  set_param(*loss, "head.bias", torch::tensor({0.0, 0.5}));
  const LossTerms t = loss->loss(mat({1, 2}, 2), lab({0}));
  EXPECT_NEAR(part(t, "cross_entropy"), std::log(1 + std::exp(1.5)), 1e-12);
  EXPECT_NEAR(t.total.item<double>(), std::log(1 + std::exp(1.5)), 1e-12);
  const torch::Tensor s = loss->own_score(mat({1, 2}, 2), {}, {});
  EXPECT_NEAR(s[0].item<double>(), 1 - 1 / (1 + std::exp(-1.5)), 1e-12);
  EXPECT_THROW(loss->loss(mat({1, 2, 3}, 3), lab({0})), xdd::InvalidArgument);  // width != dim
}

TEST(LossesBaselines, McddInitialisationAndHandComputation) {
  auto loss = make("mcdd", 3136, 9);
  auto p = loss->named_parameters();
  const double xavier = std::sqrt(6.0 / (9 + 3136));
  EXPECT_LE(p["centres"].abs().max().item<double>(), xavier);
  EXPECT_GT(p["centres"].abs().max().item<double>(), 0.9 * xavier);
  EXPECT_EQ(p["log_sigmas"].abs().sum().item<double>(), 0.0);
  EXPECT_EQ(p["biases"].abs().sum().item<double>(), 0.0);

  // mu0 = (0,0), mu1 = (2,0); s = (-1, log 2): sigma0 = 1 (ReLU), sigma1 = 2; b = (0, .5); d = 2.
  // z0 = (1,0), y 0: D0 = 1/2, D1 = 1/8 + 2 log 2. z1 = (2,1), y 1: D0 = 5/2, D1 = 1/8 + 2 log 2.
  auto two = make("mcdd");
  set_param(*two, "centres", torch::tensor({0.0, 0.0, 2.0, 0.0}).view({2, 2}));
  set_param(*two, "log_sigmas", torch::tensor({-1.0, std::log(2.0)}));
  set_param(*two, "biases", torch::tensor({0.0, 0.5}));
  const double d1 = 0.125 + 2 * std::log(2.0);
  const double pull = (0.5 + d1) / 2;
  const double ce =
      (std::log(1 + std::exp(-d1 + 0.5 + 0.5)) + std::log(1 + std::exp(-2.5 + d1 - 0.5))) / 2;
  const LossTerms t = two->loss(mat({1, 0, 2, 1}, 2), lab({0, 1}));
  EXPECT_NEAR(part(t, "pull"), pull, 1e-6);  // float32 parameters
  EXPECT_NEAR(part(t, "cross_entropy"), ce, 1e-6);
  EXPECT_NEAR(t.total.item<double>(), 1.342302716421170, 1e-6);  // (py)
  t.total.backward();
  EXPECT_EQ(two->named_parameters()["log_sigmas"].grad()[0].item<double>(), 0.0);  // below the ReLU
  // Own score min_k D_k: (0,0) sits on mu0, D0 = 0.
  EXPECT_NEAR(two->own_score(mat({0, 0, 2, 0}, 2), {}, {})[0].item<double>(), 0.0, 1e-12);
  EXPECT_NEAR(two->own_score(mat({2, 0}, 2), {}, {})[0].item<double>(),
              std::min(2.0, 2 * std::log(2.0)), 1e-6);
}

TEST(LossesBaselines, IsoMaxCrossEntropyWithEntropicScaleAndEntropyScore) {
  auto loss = make("isomax");
  EXPECT_EQ(loss->named_parameters()["prototypes"].abs().sum().item<double>(), 0.0);  // init 0
  // p0 = (0,0), p1 = (1,1). z0 = (1,0), y 0: distances (1, 1): CE = log 2.
  // z1 = (.5,1), y 1: distances (sqrt 1.25, .5): CE = log(1 + e^{-10 (sqrt 1.25 - .5)}).
  set_param(*loss, "prototypes", torch::tensor({0.0, 0.0, 1.0, 1.0}).view({2, 2}));
  const torch::Tensor z = mat({1, 0, 0.5, 1}, 2);
  const double ce = (std::log(2.0) + std::log(1 + std::exp(-10 * (std::sqrt(1.25) - 0.5)))) / 2;
  EXPECT_NEAR(loss->loss(z, lab({0, 1})).total.item<double>(), ce, 1e-12);
  // Score: entropy of softmax(-distance), no entropic scale. z0: equal distances -> log 2.
  const torch::Tensor s = loss->own_score(z, {}, {});
  EXPECT_NEAR(s[0].item<double>(), std::log(2.0), 1e-12);
  EXPECT_NEAR(s[1].item<double>(), 0.6475881119195994, 1e-12);  // (py)
}

TEST(LossesBaselines, IsoMaxPlusIsometricDistances) {
  torch::manual_seed(7);
  auto loss = make("isomax_plus", 3136, 9);
  auto p = loss->named_parameters();
  EXPECT_EQ(p["distance_scale"].item<double>(), 1.0);
  EXPECT_NEAR(p["prototypes"].std().item<double>(), 1.0, 0.02);  // N(0,1), 28,224 draws
  torch::manual_seed(7);
  EXPECT_TRUE(torch::equal(make("isomax_plus", 3136, 9)->named_parameters()["prototypes"],
                           p["prototypes"]));

  // p0 = (2,0) -> (1,0), p1 = (0,3) -> (0,1), s = -2 (|s| = 2).
  // z = (3,4) -> (.6,.8): d = (2 sqrt .8, 2 sqrt .4); z = (4,-3) -> (.8,-.6): d = (2 sqrt .4, 2
  // sqrt 3.2).
  auto two = make("isomax_plus");
  set_param(*two, "prototypes", torch::tensor({2.0, 0.0, 0.0, 3.0}).view({2, 2}));
  set_param(*two, "distance_scale", torch::tensor({-2.0}));
  const torch::Tensor z = mat({3, 4, 4, -3}, 2);
  const double ce = (std::log(1 + std::exp(-10 * (2 * std::sqrt(.8) - 2 * std::sqrt(.4)))) +
                     std::log(1 + std::exp(-10 * (2 * std::sqrt(3.2) - 2 * std::sqrt(.4))))) /
                    2;
  EXPECT_NEAR(two->loss(z, lab({1, 0})).total.item<double>(), ce, 1e-7);
  EXPECT_NEAR(ce, 0.002644624649770, 1e-12);  // (py)
  const torch::Tensor s = two->own_score(z, {}, {});
  EXPECT_NEAR(s[0].item<double>(), 2 * std::sqrt(.4), 1e-6);
  EXPECT_NEAR(s[1].item<double>(), 2 * std::sqrt(.4), 1e-6);
}

TEST(LossesBaselines, SoftNearestNeighbourHandComputation) {
  // 1-D: 0, 1 (class 0); 3, 4 (class 1). Squared distances 1, 9, 16, 4, 9, 1.
  // T = 1: z0: -log(e^-1 / (e^-1 + e^-9 + e^-16)) = log(1 + e^-8 + e^-15); z1: log(1 + e^-3 +
  // e^-8); z2, z3 mirror z1, z0. Loss = (1/2)(log(1 + e^-8 + e^-15) + log(1 + e^-3 + e^-8)).
  const torch::Tensor z = mat({0, 1, 3, 4}, 1);
  const torch::Tensor y = lab({0, 0, 1, 1});
  auto loss = make("snn", 1);
  const double t1 = 0.5 * (std::log(1 + std::exp(-8.) + std::exp(-15.)) +
                           std::log(1 + std::exp(-3.) + std::exp(-8.)));
  EXPECT_NEAR(loss->loss(z, y).total.item<double>(), t1, 1e-12);
  EXPECT_NEAR(xdd::snn_entanglement(z, y, 1.0), t1, 1e-12);
  // initialize(): T = the median squared distance = 4, every exponent divided by 4.
  loss->initialize(z, y);
  EXPECT_NEAR(std::dynamic_pointer_cast<xdd::SnnLoss>(loss)->temperature(), 4.0, 1e-6);
  const double t4 = 0.5 * (std::log(1 + std::exp(-2.) + std::exp(-3.75)) +
                           std::log(1 + std::exp(-.75) + std::exp(-2.)));
  const LossTerms t = loss->loss(z, y);
  EXPECT_NEAR(t.total.item<double>(), t4, 1e-6);
  EXPECT_NEAR(part(t, "temperature"), 4.0, 1e-6);
  t.total.backward();  // the temperature is learned: a finite, nonzero gradient
  const double g = loss->named_parameters()["log_temperature"].grad().item<double>();
  EXPECT_TRUE(std::isfinite(g) && g != 0.0);
  // A lone class member has no term: adding class 2 at 100 leaves the loss unchanged.
  EXPECT_NEAR(xdd::snn_entanglement(mat({0, 1, 3, 4, 100}, 1), lab({0, 0, 1, 1, 2}), 1.0), t1,
              1e-12);
  EXPECT_THROW(xdd::snn_entanglement(z, y, 0.0), xdd::InvalidArgument);
}

TEST(LossesBaselines, SnnEntanglementInBlocksMatchesTheLoss) {
  torch::manual_seed(3);
  const torch::Tensor z = torch::randn({1500, 4}, torch::kDouble);  // two row blocks of 1024
  const torch::Tensor y = torch::randint(0, 3, {1500}, torch::kLong);
  auto loss = make("snn", 4, 3);  // T = 1
  EXPECT_NEAR(xdd::snn_entanglement(z, y, 1.0), loss->loss(z, y).total.item<double>(), 1e-10);
}

TEST(LossesBaselines, SnnOwnScoreIsMinorityShareAmongTenNeighbours) {
  // Labeled points at 0..11 with labels 0 x7 (0..6), 1 x3 (7..9), 2 x2 (10, 11).
  const torch::Tensor zl = torch::arange(12, torch::kDouble).view({12, 1});
  const torch::Tensor yl = lab({0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2});
  auto loss = make("snn", 1, 3);
  // At 0: neighbours 0..9 -> 7 of label 0: 0.3. At 11: 2..11 -> 5/3/2: 0.5. At 5.4: 1..10 -> 6/3/1:
  // 0.4.
  const torch::Tensor s = loss->own_score(mat({0, 11, 5.4}, 1), zl, yl);
  EXPECT_NEAR(s[0].item<double>(), 0.3, 1e-12);
  EXPECT_NEAR(s[1].item<double>(), 0.5, 1e-12);
  EXPECT_NEAR(s[2].item<double>(), 0.4, 1e-12);
  // Fewer than 10 labeled: k = M = 3; at 0 the neighbours 0, 1, 7 hold labels 0, 0, 1: 1/3.
  const torch::Tensor few = loss->own_score(mat({0}, 1), mat({0, 1, 7}, 1), lab({0, 0, 1}));
  EXPECT_NEAR(few[0].item<double>(), 1.0 / 3.0, 1e-12);
}

TEST(LossesBaselines, DeepSvddCentreLossGradientAndScore) {
  // Mean of (.5,.05,.25) and (1.5,-.15,-.25) = (1, -.05, 0) -> c = (1, -.1, +.1) (sign kept, 0 ->
  // +).
  auto loss = make("svdd", 3, 1);
  const torch::Tensor z = mat({0.5, 0.05, 0.25, 1.5, -0.15, -0.25}, 3).requires_grad_(true);
  EXPECT_THROW(loss->own_score(z.detach(), {}, {}), xdd::InvalidArgument);  // no centre yet
  loss->initialize(z.detach(), lab({0, 0}));
  const torch::Tensor c = std::dynamic_pointer_cast<xdd::SvddLoss>(loss)->centre();
  EXPECT_TRUE(torch::allclose(c, torch::tensor({1.0f, -0.1f, 0.1f})));
  EXPECT_EQ(loss->parameters().size(), 0u);  // fixed
  // ||z0-c||^2 = .25+.0225+.0225 = .295, ||z1-c||^2 = .25+.0025+.1225 = .375: mean .335.
  const LossTerms t = loss->loss(z, lab({0, 0}));
  EXPECT_NEAR(t.total.item<double>(), 0.335, 1e-7);
  t.total.backward();  // d/dz_i = 2 (z_i - c) / N: the descent step -grad points at c
  EXPECT_TRUE(torch::allclose(-z.grad(), (c.to(torch::kDouble) - z.detach()), 1e-6, 1e-7));
  const torch::Tensor s = loss->own_score(z.detach(), {}, {});
  EXPECT_NEAR(s[0].item<double>(), 0.295, 1e-7);
  EXPECT_NEAR(s[1].item<double>(), 0.375, 1e-7);
  // loss() before initialize(): the first batch sets c.
  auto lazy = make("svdd", 3, 1);
  EXPECT_NEAR(lazy->loss(z.detach(), lab({0, 0})).total.item<double>(), 0.335, 1e-7);
}
