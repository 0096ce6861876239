// PCA for t-SNE against LibTorch's LAPACK eigensolver, in all three regimes: small d (Jacobi),
// large d (subspace iteration) and more dimensions than points (Gram matrix).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <random>

#include "core/error.h"
#include "tsne/pca.h"
#include "tsne/symmetric_eigen.h"
#include "tsne_test_data.h"

namespace {

// Reference scores with the same sign convention: centred data times the top eigenvectors of the
// covariance, in double.
torch::Tensor reference_scores(const xdd::PointMatrix& m, int c) {
  auto x = torch::from_blob(const_cast<float*>(m.values.data()), {m.rows, m.cols}, torch::kFloat32)
               .to(torch::kFloat64);
  x = x - x.mean(0, true);
  auto [values, vectors] = torch::linalg::eigh(torch::mm(x.t(), x), "L");
  auto scores = torch::mm(x, vectors.flip({1}).slice(1, 0, c));
  auto where = scores.abs().argmax(0);
  auto sign = torch::where(scores.gather(0, where.unsqueeze(0)) < 0, -1.0, 1.0);
  return scores * sign;
}

xdd::PointMatrix anisotropic(int n, int d, std::uint64_t seed) {
  // Spreads 1/sqrt(k+1): a decaying spectrum without ties, like real data.
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  xdd::PointMatrix m;
  m.rows = n;
  m.cols = d;
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < d; ++k) m.values.push_back(3.0f + normal(rng) / std::sqrt(k + 1.0f));
  }
  return m;
}

void expect_matches_reference(const xdd::PointMatrix& m, int c, double tolerance) {
  const xdd::PointMatrix got = xdd::pca_project(m, c, 2);
  ASSERT_EQ(got.rows, m.rows);
  ASSERT_EQ(got.cols, c);
  const auto ref = reference_scores(m, c);
  const auto mine =
      torch::from_blob(const_cast<float*>(got.values.data()), {m.rows, c}, torch::kFloat32)
          .to(torch::kFloat64);
  for (int j = 0; j < c; ++j) {
    const double err = (mine.select(1, j) - ref.select(1, j)).norm().item<double>() /
                       ref.select(1, j).norm().item<double>();
    EXPECT_LT(err, tolerance) << "component " << j;
  }
}

}  // namespace

TEST(TsnePca, SmallDimensionMatchesLapack) {
  expect_matches_reference(anisotropic(400, 30, 1), 10, 1e-4);
}

TEST(TsnePca, LargeDimensionMatchesLapack) {
  expect_matches_reference(anisotropic(1500, 300, 2), 20, 1e-3);
}

TEST(TsnePca, MoreDimensionsThanPoints) {
  const xdd::PointMatrix m = anisotropic(60, 400, 3);
  const xdd::PointMatrix got = xdd::pca_project(m, 5, 1);
  ASSERT_EQ(got.cols, 5);
  // Same scores as through the d x d covariance (up to the shared sign convention).
  const auto ref = reference_scores(m, 5);
  for (int j = 0; j < 5; ++j) {
    double num = 0.0, den = 0.0;
    for (int i = 0; i < 60; ++i) {
      const double r = ref[i][j].item<double>();
      num += (got.row(i)[j] - r) * (got.row(i)[j] - r);
      den += r * r;
    }
    EXPECT_LT(std::sqrt(num / den), 1e-4) << "component " << j;
  }
}

TEST(TsnePca, ThreadCountDoesNotChangeTheResult) {
  const xdd::PointMatrix m = anisotropic(700, 200, 4);
  EXPECT_EQ(xdd::pca_project(m, 12, 1).values, xdd::pca_project(m, 12, 3).values);
}

TEST(TsnePca, JacobiDiagonalisesASymmetricMatrix) {
  const std::vector<double> a = {4, 1, 2, 1, 3, 0, 2, 0, 5};
  const xdd::tsne::EigenPairs e = xdd::tsne::jacobi_eigen(a, 3);
  ASSERT_EQ(e.values.size(), 3u);
  EXPECT_GE(e.values[0], e.values[1]);
  EXPECT_GE(e.values[1], e.values[2]);
  EXPECT_NEAR(e.values[0] + e.values[1] + e.values[2], 12.0, 1e-12);  // trace
  for (int j = 0; j < 3; ++j) {                                       // a v = lambda v
    for (int i = 0; i < 3; ++i) {
      double av = 0.0;
      for (int k = 0; k < 3; ++k) av += a[i * 3 + k] * e.vectors[k * 3 + j];
      EXPECT_NEAR(av, e.values[j] * e.vectors[i * 3 + j], 1e-12);
    }
  }
}

TEST(TsnePca, RankDeficientAndDegenerateInput) {
  xdd::PointMatrix line;  // every point on one line in 5-D: one direction of variance
  line.rows = 50;
  line.cols = 5;
  for (int i = 0; i < 50; ++i) {
    for (int k = 0; k < 5; ++k) line.values.push_back(static_cast<float>(i * (k + 1)));
  }
  const auto init = xdd::pca_init(line, 1e-4, 7);
  ASSERT_EQ(init.size(), 100u);
  for (float v : init) EXPECT_TRUE(std::isfinite(v));
  xdd::PointMatrix same;  // identical points: no direction at all, the layout is seeded noise
  same.rows = 10;
  same.cols = 3;
  same.values.assign(30, 1.5f);
  const auto noise = xdd::pca_init(same, 1e-4, 7);
  EXPECT_NE(noise[0], noise[2]);
  EXPECT_THROW(xdd::pca_project(same, 0), xdd::InvalidArgument);
}
