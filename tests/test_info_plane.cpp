// Information-plane estimates (nats): I(X;Z) by the kde mixture entropy, I(Z;Y) by the variational
// bound H(Y) + E log q(y|z) with the relevance term's Gaussian class model.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "losses/info_plane.h"

namespace {

// The 4-point example of the XDD suite: z0 = (0,0), z1 = (2,0) class 0; z2 = (1,1), z3 = (3,2)
// class 1.
torch::Tensor points() {
  return torch::tensor({0., 0., 2., 0., 1., 1., 3., 2.}, torch::kDouble).view({4, 2});
}
torch::Tensor labels() {
  return torch::tensor({0, 0, 1, 1}, torch::kLong);
}

}  // namespace

TEST(InfoPlane, IxzHandComputation) {
  // sigma^2 = median squared distance 4; see LossesXdd.KdeCompression for the arithmetic.
  EXPECT_NEAR(xdd::estimate_ixz(points()), 0.394246534027957, 1e-12);
  EXPECT_NEAR(xdd::estimate_ixz(points() * 7.0), 0.394246534027957, 1e-12);  // scale-free
}

TEST(InfoPlane, IxzLimits) {
  // Fixed sigma = 1: points 100 apart -> every off-diagonal kernel is exp(-5000) = 0 -> log N.
  const torch::Tensor far = torch::tensor({0., 100., 200., 300.}, torch::kDouble).view({4, 1});
  EXPECT_NEAR(xdd::estimate_ixz(far, 1.0), std::log(4.0), 1e-12);
  // Identical points: every kernel is 1 -> log N - log N = 0, at any sigma.
  const torch::Tensor same = torch::ones({6, 3});
  EXPECT_NEAR(xdd::estimate_ixz(same), 0.0, 1e-12);
  EXPECT_NEAR(xdd::estimate_ixz(same, 0.5), 0.0, 1e-12);
  EXPECT_EQ(xdd::estimate_ixz(torch::ones({1, 3})), 0.0);
  // Median sigma on 9 far-apart groups of 10 identical points (simplex vertices L e_k): 405 of the
  // 4005 pairs are within a group, so the median pair is between groups: sigma^2 = 2 L^2. Each row
  // then sums 10 kernels of 1 and 80 of exp(-1/2): I = log 90 - log(10 + 80 e^-0.5), whatever L.
  const torch::Tensor groups = torch::eye(9, torch::kDouble).repeat_interleave(10, 0) * 1000.0;
  EXPECT_NEAR(xdd::estimate_ixz(groups), std::log(90.0) - std::log(10 + 80 * std::exp(-0.5)),
              1e-12);
  // Bounds on random clouds of several shapes.
  torch::manual_seed(5);
  for (int64_t n : {2, 7, 90}) {
    const torch::Tensor z = torch::randn({n, 16}) * torch::rand({n, 1}) * 20.0;
    const double v = xdd::estimate_ixz(z);
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, std::log(static_cast<double>(n)) + 1e-12);
  }
  EXPECT_THROW(xdd::estimate_ixz(points(), 0.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::estimate_ixz(torch::ones({4})), xdd::InvalidArgument);
}

TEST(InfoPlane, IzyHandComputation) {
  // H(Y) = log 2 (two classes of two); E log q(y|z) = R of the XDD suite (batch mode, same points):
  // -(1/4)[log(1 + 0.8 e^-4) + log(1 + 0.8 e^-0.8) + log 2.25 + log(1 + 1.25 e^-7)].
  const double r = -(std::log(1 + 0.8 * std::exp(-4.0)) + std::log(1 + 0.8 * std::exp(-0.8)) +
                     std::log(2.25) + std::log(1 + 1.25 * std::exp(-7.0))) /
                   4.0;
  const double v = xdd::estimate_izy(points(), labels(), points(), labels(), 2);
  EXPECT_NEAR(v, std::log(2.0) + r, 1e-12);
  EXPECT_LE(v, std::log(2.0));
}

TEST(InfoPlane, IzyNearEntropyForSeparatedClassesAndNeverAbove) {
  // Classes of 5, 3 and 2 points around centres 100 apart: q(y|z) ~ 1, so I ~ H(Y) =
  // -(.5 log .5 + .3 log .3 + .2 log .2).
  torch::manual_seed(9);
  const torch::Tensor y = torch::tensor({0, 0, 0, 0, 0, 1, 1, 1, 2, 2}, torch::kLong);
  const torch::Tensor centres = torch::eye(3, torch::kDouble) * 100.0;
  const torch::Tensor z = centres.index_select(0, y) + torch::randn({10, 3}, torch::kDouble);
  const double h = -(0.5 * std::log(0.5) + 0.3 * std::log(0.3) + 0.2 * std::log(0.2));
  EXPECT_NEAR(xdd::estimate_izy(z, y, z, y, 3), h, 1e-6);
  // Held-out evaluation set, reference from other draws: still near H(Y).
  const torch::Tensor z_ref = centres.index_select(0, y) + torch::randn({10, 3}, torch::kDouble);
  EXPECT_NEAR(xdd::estimate_izy(z, y, z_ref, y, 3), h, 1e-6);
  // Overlapping classes: well below H(Y) but never above it.
  for (int trial = 0; trial < 5; ++trial) {
    const torch::Tensor noise = torch::randn({10, 3}, torch::kDouble);
    EXPECT_LE(xdd::estimate_izy(noise, y, torch::randn({10, 3}, torch::kDouble), y, 3), h);
  }
}

TEST(InfoPlane, IzyRejectsLabelsWithoutReference) {
  const torch::Tensor y3 =
      torch::tensor({0, 0, 2, 2}, torch::kLong);  // class 2 not in the reference
  EXPECT_THROW(xdd::estimate_izy(points(), y3, points(), labels(), 3), xdd::InvalidArgument);
  EXPECT_THROW(xdd::estimate_izy(points(), labels(), points(), labels(), 1), xdd::InvalidArgument);
  EXPECT_THROW(xdd::estimate_izy(points(), labels(), torch::ones({4, 3}), labels(), 2),
               xdd::InvalidArgument);
}
