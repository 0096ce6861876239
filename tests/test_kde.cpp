#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "scoring/kde.h"

namespace {

torch::Tensor points(std::vector<double> xy) {
  const int64_t n = static_cast<int64_t>(xy.size()) / 2;
  return torch::tensor(xy, torch::kFloat64).reshape({n, 2});
}

// Three reference points and three queries in 2-D, worked by hand below.
const torch::Tensor& reference() {
  static const torch::Tensor r = points({0, 0, 2, 0, 0, 1});
  return r;
}

}  // namespace

TEST(Kde, MatchesHandComputation) {
  const torch::Tensor query = points({1, 0, 0, 0, -1, 3});
  const torch::Tensor s = xdd::kde_scores(query, reference(), 1.0);
  ASSERT_EQ(s.scalar_type(), torch::kFloat64);
  ASSERT_EQ(s.sizes(), (std::vector<int64_t>{3}));
  // Squared distances to (0,0), (2,0), (0,1); h = 1 so each kernel is exp(-d^2 / 2).
  // (1,0): 1, 1, 2.  (0,0): 0, 4, 1.  (-1,3): 10, 18, 5.
  const double log3 = std::log(3.0);
  EXPECT_NEAR(s[0].item<double>(), log3 - std::log(2 * std::exp(-0.5) + std::exp(-1.0)), 1e-12);
  EXPECT_NEAR(s[1].item<double>(), log3 - std::log(1 + std::exp(-2.0) + std::exp(-0.5)), 1e-12);
  EXPECT_NEAR(s[2].item<double>(),
              log3 - std::log(std::exp(-5.0) + std::exp(-9.0) + std::exp(-2.5)), 1e-12);
  // numpy, same formula: [0.6405922, 0.54365537, 3.51833413].
  EXPECT_NEAR(s[2].item<double>(), 3.51833413, 1e-8);
}

TEST(Kde, BandwidthScalesTheKernel) {
  // h = 0.5: exp(-d^2 / 0.5) = exp(-2 d^2).
  const torch::Tensor s = xdd::kde_scores(points({1, 0}), reference(), 0.5);
  EXPECT_NEAR(s[0].item<double>(), std::log(3.0) - std::log(2 * std::exp(-2.0) + std::exp(-4.0)),
              1e-12);
  EXPECT_NEAR(s[0].item<double>(), 2.33998861, 1e-8);  // numpy
}

TEST(Kde, FarQueriesStayFinite) {
  // exp(-5000) underflows to 0 in double; the log-sum-exp keeps the exact answer 5000.
  const torch::Tensor s = xdd::kde_scores(points({100, 0}), points({0, 0}), 1.0);
  EXPECT_DOUBLE_EQ(s[0].item<double>(), 5000.0);
  // With two equidistant references the mean kernel is the same: log 2 - log 2 + 5000.
  const torch::Tensor t = xdd::kde_scores(points({100, 0}), points({0, 0, 200, 0}), 1.0);
  EXPECT_NEAR(t[0].item<double>(), 5000.0, 1e-9);
}

TEST(Kde, ChunkedMatchesDirectComputation) {
  // d = 4096 makes a chunk 256 rows, so 600 queries span three chunks; float32 input.
  torch::manual_seed(0);
  const torch::Tensor q = torch::randn({600, 4096});
  const torch::Tensor r = torch::randn({7, 4096});
  const double h = 60.0;
  const torch::Tensor s = xdd::kde_scores(q, r, h);
  const torch::Tensor q64 = q.to(torch::kFloat64), r64 = r.to(torch::kFloat64);
  std::vector<torch::Tensor>
      cols;  // squared distances by explicit differences, one reference at a time
  for (int64_t j = 0; j < r.size(0); ++j) cols.push_back((q64 - r64[j]).pow(2).sum(1));
  const torch::Tensor d2 = torch::stack(cols, 1);  // [600, 7]
  const torch::Tensor direct = -torch::log(torch::exp(-d2 / (2 * h * h)).mean(1));
  EXPECT_LT((s - direct).abs().max().item<double>(), 1e-9);
}

TEST(Kde, EmptyQueryGivesEmptyScores) {
  EXPECT_EQ(xdd::kde_scores(torch::zeros({0, 2}), reference(), 1.0).numel(), 0);
}

TEST(Kde, RejectsBadArguments) {
  const torch::Tensor q = points({1, 0});
  EXPECT_THROW(xdd::kde_scores(q, reference(), 0.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(q, reference(), -1.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(q, reference(), std::nan("")), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(q, reference(), std::numeric_limits<double>::infinity()),
               xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(torch::zeros({2, 3}), reference(), 1.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(torch::zeros({2}), reference(), 1.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(q, torch::zeros({0, 2}), 1.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(points({std::nan(""), 0}), reference(), 1.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_scores(torch::zeros({1, 2}, torch::kInt64), reference(), 1.0),
               xdd::InvalidArgument);
}

// The finiteness check reads a large embedding a chunk at a time: a bad value past the first chunk
// (2^20 values) is still found, and a transposed (non-contiguous) query is checked too.
TEST(Kde, FindsANonFiniteValueAnywhereInALargeQuery) {
  const auto type = reference().scalar_type();
  torch::Tensor wide = torch::zeros({2, 700000}, type);
  EXPECT_NO_THROW(xdd::kde_scores(wide.t(), reference(), 1.0));
  wide[1][699999] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(xdd::kde_scores(wide.t(), reference(), 1.0), xdd::InvalidArgument);
  wide[1][699999] = 0.0f;
  wide[0][5] = std::nan("");
  EXPECT_THROW(xdd::kde_scores(wide.t(), reference(), 1.0), xdd::InvalidArgument);
}

TEST(MedianPairwiseDistance, OddNumberOfPairs) {
  // A 3-4-5 triangle: distances 3, 4, 5.
  EXPECT_DOUBLE_EQ(xdd::median_pairwise_distance(points({0, 0, 3, 0, 0, 4})), 4.0);
}

TEST(MedianPairwiseDistance, EvenNumberOfPairsAveragesTheMiddleTwo) {
  // (0,0) (1,0) (0,2) (3,0): distances 1, 2, 3, sqrt 5, 2, sqrt 13; sorted 1 2 2 sqrt5 3 sqrt13.
  // Median (2 + sqrt 5) / 2, as numpy.median(scipy pdist) = 2.118033988749895.
  const double m = xdd::median_pairwise_distance(points({0, 0, 1, 0, 0, 2, 3, 0}));
  EXPECT_NEAR(m, (2.0 + std::sqrt(5.0)) / 2.0, 1e-15);
}

TEST(MedianPairwiseDistance, TwoPointsAndFloat32) {
  const torch::Tensor z = torch::tensor({1.0f, 1.0f, 4.0f, 5.0f}).reshape({2, 2});
  EXPECT_DOUBLE_EQ(xdd::median_pairwise_distance(z), 5.0);
}

TEST(MedianPairwiseDistance, RejectsBadArguments) {
  EXPECT_THROW(xdd::median_pairwise_distance(points({0, 0})), xdd::InvalidArgument);
  EXPECT_THROW(xdd::median_pairwise_distance(torch::zeros({4})), xdd::InvalidArgument);
  EXPECT_THROW(xdd::median_pairwise_distance(points({0, 0, std::nan(""), 1})),
               xdd::InvalidArgument);
}

TEST(Kde, NearestNeighbourScoreIsTheSmallBandwidthLimit) {
  // Distances to (0,0), (2,0), (0,1): (1,0) -> 1, (0,0) -> 0, (-1,3) -> sqrt 5.
  const torch::Tensor query = points({1, 0, 0, 0, -1, 3});
  const torch::Tensor s = xdd::nearest_neighbour_scores(query, reference());
  ASSERT_EQ(s.scalar_type(), torch::kFloat64);
  EXPECT_NEAR(s[0].item<double>(), 1.0, 1e-12);
  EXPECT_NEAR(s[1].item<double>(), 0.0, 1e-6);
  EXPECT_NEAR(s[2].item<double>(), std::sqrt(5.0), 1e-12);
  // As h -> 0, h^2 * (kde score - log M) -> nearest squared distance / 2: the same ranking.
  const double h = 0.05;
  const torch::Tensor k = xdd::kde_scores(query, reference(), h);
  for (int i = 0; i < 3; ++i) {
    const double d = s[i].item<double>();
    EXPECT_NEAR(h * h * (k[i].item<double>() - std::log(3.0)), d * d / 2.0, 2 * h * h) << i;
  }
  EXPECT_THROW(xdd::nearest_neighbour_scores(query, torch::zeros({0, 2})), xdd::InvalidArgument);
  EXPECT_THROW(xdd::nearest_neighbour_scores(torch::zeros({2, 3}), reference()),
               xdd::InvalidArgument);
}

TEST(Kde, BothScoresInOnePassEqualTheScoresComputedApart) {
  // More query rows than one chunk (1,048,576 / 64 = 16,384 rows), float32 as embeddings are.
  torch::manual_seed(3);
  const torch::Tensor query = torch::randn({20000, 64});
  const torch::Tensor ref = torch::randn({90, 64});
  const xdd::TestScores both = xdd::kde_and_nearest_scores(query, ref, 7.5);
  EXPECT_TRUE(torch::equal(both.kde, xdd::kde_scores(query, ref, 7.5)));
  EXPECT_TRUE(torch::equal(both.nearest, xdd::nearest_neighbour_scores(query, ref)));
  EXPECT_THROW(xdd::kde_and_nearest_scores(query, ref, 0.0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::kde_and_nearest_scores(query, torch::randn({90, 3}), 1.0),
               xdd::InvalidArgument);
}
