// Information-plane estimates (nats): I(X;Z) by the kde mixture entropy at a fixed kernel width on
// the scale-normalised embedding, I(Z;Y) by the variational bound H(Y) + E log q(y|z) with the
// relevance term's Gaussian class model (left-one-out on the set it is fitted on).
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "losses/info_plane.h"
#include "losses/pairwise.h"
#include "pipeline/info_plane_tracker.h"

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
  // Squared distances 4, 2, 13, 2, 5, 5 (mean 31/6): scaled to mean 2 they are d * 12/31, and with
  // sigma^2 = 0.25 each kernel is exp(-2 * 12 d / 31).
  const double d[4][4] = {{0, 4, 2, 13}, {4, 0, 2, 5}, {2, 2, 0, 5}, {13, 5, 5, 0}};
  double hand = std::log(4.0);
  for (const auto& row : d) {
    double sum = 0;
    for (double v : row) sum += std::exp(-24.0 * v / 31.0);
    hand -= std::log(sum) / 4.0;
  }
  EXPECT_NEAR(xdd::estimate_ixz(points()), hand, 1e-12);
  EXPECT_NEAR(xdd::estimate_ixz(points() * 7.0), hand, 1e-12);  // the scale is fixed
}

TEST(InfoPlane, IxzLimits) {
  // Fixed sigma = 1: points 100 apart -> every off-diagonal kernel is exp(-5000) = 0 -> log N.
  const torch::Tensor far = torch::tensor({0., 100., 200., 300.}, torch::kDouble).view({4, 1});
  EXPECT_NEAR(xdd::estimate_ixz(far, 1.0), std::log(4.0), 1e-12);
  // Identical points: every kernel is 1 -> log N - log N = 0.
  const torch::Tensor same = torch::ones({6, 3});
  EXPECT_NEAR(xdd::estimate_ixz(same), 0.0, 1e-12);
  EXPECT_NEAR(xdd::estimate_ixz(same, 0.5), 0.0, 1e-12);
  EXPECT_EQ(xdd::estimate_ixz(torch::ones({1, 3})), 0.0);
  // 9 tight groups of 10 identical points at simplex vertices L e_k: 3600 of the 4005 pairs are
  // 2 L^2 apart, the rest 0, so scaled to mean 2 the between-group distance is 2 * 4005 / 3600 and
  // each row sums 10 kernels of 1 and 80 of exp(-4005 / 900): I = log 90 - log(10 + 80 e^-4.45),
  // about log 9, whatever L.
  const torch::Tensor groups = torch::eye(9, torch::kDouble).repeat_interleave(10, 0) * 1000.0;
  const double grouped = std::log(90.0) - std::log(10 + 80 * std::exp(-4005.0 / 900.0));
  EXPECT_NEAR(xdd::estimate_ixz(groups), grouped, 1e-12);
  EXPECT_NEAR(grouped, std::log(9.0), 0.1);
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

TEST(InfoPlane, IxzFallsAsFCompressesAndRisesAsItSpreads) {
  // 9 classes of 10 in d = 3136 around fixed centres; the within-class spread shrinks from that of
  // unrelated points (no compression) to a tenth of it.
  torch::manual_seed(8);
  const torch::Tensor centres = torch::randn({9, 3136}, torch::kDouble).repeat_interleave(10, 0);
  const torch::Tensor noise = torch::randn({90, 3136}, torch::kDouble);
  double previous = std::log(90.0) + 1e-9;
  for (double spread : {10.0, 1.0, 0.3, 0.1}) {
    const double v = xdd::estimate_ixz(centres + spread * noise);
    EXPECT_LT(v, previous - 0.05) << spread;
    previous = v;
  }
  EXPECT_GT(xdd::estimate_ixz(centres + 10.0 * noise), 3.4);  // spread evenly: log 90 - 0.97
  EXPECT_LT(xdd::estimate_ixz(centres + 0.1 * noise), 2.4);   // tight groups: near log 9
}

TEST(InfoPlane, IxzInFloat32IsWithinAMilliNatOfFloat64) {
  // The size the tracker uses: 1,000 test embeddings of width 3136, in loose classes.
  torch::manual_seed(9);
  const torch::Tensor z = torch::randn({10, 3136}, torch::kDouble).repeat_interleave(100, 0) * 0.6 +
                          torch::randn({1000, 3136}, torch::kDouble) + 3.0;
  const double exact = xdd::estimate_ixz(z);
  EXPECT_NEAR(xdd::estimate_ixz(z.to(torch::kFloat)), exact, 1e-3);
  EXPECT_GT(exact, 0.5);
  EXPECT_LT(exact, std::log(1000.0) - 0.5);
}

TEST(InfoPlane, IzyLeftOneOutReadsTheLabelsNotTheFit) {
  // Random labels on random points in the paper's regime: the in-sample fit reads H(Y) = log 9 by
  // construction; leaving each point out reads far below it. Clean clusters read H(Y).
  torch::manual_seed(10);
  const torch::Tensor y = torch::arange(9, torch::kLong).repeat_interleave(10);
  const torch::Tensor random = torch::randn({90, 3136}, torch::kDouble);
  EXPECT_NEAR(xdd::estimate_izy(random, y, random, y, 9), std::log(9.0), 1e-9);
  EXPECT_LT(xdd::estimate_izy_leave_one_out(random, y, 9), std::log(9.0) - 5.0);
  const torch::Tensor clusters = 3.0 * torch::randn({9, 3136}, torch::kDouble).index_select(0, y) +
                                 torch::randn({90, 3136}, torch::kDouble);
  EXPECT_NEAR(xdd::estimate_izy_leave_one_out(clusters, y, 9), std::log(9.0), 1e-6);
  EXPECT_THROW(xdd::estimate_izy_leave_one_out(random.slice(0, 0, 3),
                                               torch::tensor({0, 1, 2}, torch::kLong), 9),
               xdd::InvalidArgument);
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

TEST(InfoPlane, PointsThinAfterTheFirstTen) {
  const auto due_steps = [](int every, int64_t last) {
    std::vector<int64_t> steps;
    for (int64_t s = 0; s <= last; ++s)
      if (xdd::info_plane_due(s, every, last)) steps.push_back(s);
    return steps;
  };
  const std::vector<int64_t> steps = due_steps(1, 200);
  const std::vector<int64_t> expected = {0,  1,  2,  3,  4,  5,   6,   7,   8,   9,   10,
                                         12, 14, 16, 18, 20, 24,  28,  32,  36,  40,  48,
                                         56, 64, 72, 80, 96, 112, 128, 144, 160, 192, 200};
  EXPECT_EQ(steps, expected);
  EXPECT_EQ(due_steps(1, 10000).size(), 61u);  // about 5 more per doubling
  EXPECT_EQ(due_steps(1, 3), (std::vector<int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(due_steps(3, 10), (std::vector<int64_t>{0, 3, 6, 9, 10}));  // the last step too
  EXPECT_TRUE(due_steps(0, 200).empty());
}

TEST(InfoPlane, ReadoutDistancesInBlocksEqualTheFullProduct) {
  // 1,000 rows: four row blocks, the upper ones mirrored; 10 rows: one product.
  torch::manual_seed(10);
  for (const int64_t n : {1000, 10}) {
    const torch::Tensor z = torch::randn({n, 64}, torch::kDouble) * 2.0 + 7.0;
    const torch::Tensor blocked = xdd::readout_squared_distances(z.requires_grad_(true));
    const torch::Tensor full = xdd::pairwise_squared_distances(z.detach());
    EXPECT_FALSE(blocked.requires_grad());
    EXPECT_LT((blocked - full).abs().max().item<double>(), 1e-9 * full.max().item<double>()) << n;
    EXPECT_EQ(blocked.diagonal().abs().max().item<double>(), 0.0) << n;
    EXPECT_LT((blocked - blocked.t()).abs().max().item<double>(), 1e-9 * full.max().item<double>())
        << n;
  }
}
