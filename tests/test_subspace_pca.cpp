// The randomised PCA of the live t-SNE against the exact one (tsne/pca.h).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/error.h"
#include "session/subspace_pca.h"
#include "tsne/pca.h"

namespace xdd {
namespace {

// rows x cols points: a decaying spectrum (axis k has standard deviation 20 / (k + 1)) in a random
// rotation, plus small isotropic noise.
PointMatrix decaying_spectrum(std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int rank = 30;
  std::vector<float> dirs(static_cast<size_t>(rank * cols));
  for (auto& v : dirs) v = normal(rng);
  PointMatrix m;
  m.rows = rows;
  m.cols = cols;
  m.values.assign(static_cast<size_t>(rows * cols), 0.0f);
  for (std::int64_t i = 0; i < rows; ++i) {
    for (int k = 0; k < rank; ++k) {
      const float a = normal(rng) * 20.0f / static_cast<float>(k + 1);
      for (std::int64_t j = 0; j < cols; ++j) m.values[i * cols + j] += a * dirs[k * cols + j];
    }
    for (std::int64_t j = 0; j < cols; ++j) m.values[i * cols + j] += 0.05f * normal(rng) + 3.0f;
  }
  return m;
}

double column_variance(const PointMatrix& m, std::int64_t col) {
  double mean = 0.0, sq = 0.0;
  for (std::int64_t i = 0; i < m.rows; ++i) mean += m.row(i)[col];
  mean /= static_cast<double>(m.rows);
  for (std::int64_t i = 0; i < m.rows; ++i) sq += std::pow(m.row(i)[col] - mean, 2);
  return sq / static_cast<double>(m.rows);
}

// The largest difference between the two projections' scores on axis c.
double max_score_difference(const PointMatrix& a, const PointMatrix& b, std::int64_t c) {
  double diff = 0.0;
  for (std::int64_t i = 0; i < a.rows; ++i)
    diff = std::max(diff, std::abs(static_cast<double>(a.row(i)[c] - b.row(i)[c])));
  return diff;
}

// More rows than one block of the centring (1,024): the blocks add up to the exact PCA, and a
// view of the points gives the matrix's result.
TEST(SubspacePca, CentresInBlocksOfRowsAsTheExactPcaDoes) {
  const PointMatrix points = decaying_spectrum(2500, 40, 4);
  const PointMatrix exact = pca_project(points, 6);
  SubspacePca fast(SubspacePcaOptions{6, 10, 2, 1, 7});
  const PointMatrix approx = fast.project(points);
  ASSERT_EQ(approx.rows, 2500);
  for (std::int64_t c = 0; c < 6; ++c) {
    EXPECT_LT(max_score_difference(approx, exact, c), 0.02 * std::sqrt(column_variance(exact, c)))
        << c;
  }
  SubspacePca again(SubspacePcaOptions{6, 10, 2, 1, 7});
  EXPECT_EQ(again.project(view_of(points)).values, approx.values);
}

TEST(SubspacePca, MatchesTheExactPcaOnTheLeadingAxes) {
  const PointMatrix points = decaying_spectrum(400, 120, 1);
  const PointMatrix exact = pca_project(points, 10);
  SubspacePca fast(SubspacePcaOptions{10, 10, 2, 1, 7});
  const PointMatrix approx = fast.project(points);
  ASSERT_EQ(approx.rows, 400);
  ASSERT_EQ(approx.cols, 10);
  EXPECT_TRUE(fast.warm());
  for (std::int64_t c = 0; c < 10; ++c) {
    // Same variance per axis, and the same scores (signs are fixed the same way).
    EXPECT_NEAR(column_variance(approx, c) / column_variance(exact, c), 1.0, 1e-3) << c;
    EXPECT_LT(max_score_difference(approx, exact, c), 0.02 * std::sqrt(column_variance(exact, c)))
        << c;
  }
}

TEST(SubspacePca, WarmStartTracksAChangingInput) {
  PointMatrix points = decaying_spectrum(300, 80, 2);
  SubspacePca fast(SubspacePcaOptions{8, 8, 2, 1, 7});
  fast.project(points);
  // The next frame: the same data slightly changed. One warm power iteration still finds it.
  std::mt19937_64 rng(3);
  std::normal_distribution<float> normal(0.0f, 0.2f);
  for (auto& v : points.values) v += normal(rng);
  const PointMatrix warm = fast.project(points);
  const PointMatrix exact = pca_project(points, 8);
  for (std::int64_t c = 0; c < 8; ++c) {
    EXPECT_NEAR(column_variance(warm, c) / column_variance(exact, c), 1.0, 2e-3) << c;
  }
}

TEST(SubspacePca, SmallInputsAndBadInput) {
  PointMatrix tiny;
  tiny.rows = 3;
  tiny.cols = 2;
  tiny.values = {1, 2, 3, 5, 5, 8};
  SubspacePca pca(SubspacePcaOptions{50, 10, 2, 1, 7});
  const PointMatrix same = pca.project(tiny);  // components >= cols: the centred input
  ASSERT_EQ(same.cols, 2);
  EXPECT_FLOAT_EQ(same.values[0], 1.0f - 3.0f);
  EXPECT_FLOAT_EQ(same.values[5], 8.0f - 5.0f);
  // More columns than rows: at most rows components.
  PointMatrix wide = decaying_spectrum(5, 40, 4);
  SubspacePca few(SubspacePcaOptions{10, 4, 2, 1, 7});
  EXPECT_EQ(few.project(wide).cols, 5);
  tiny.values[2] = std::nanf("");
  EXPECT_THROW(pca.project(tiny), DataError);
  EXPECT_THROW(SubspacePca(SubspacePcaOptions{0, 10, 2, 1, 7}), InvalidArgument);
}

}  // namespace
}  // namespace xdd
