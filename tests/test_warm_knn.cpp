// The warm-started neighbour search of live t-SNE updates against an exact search.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/error.h"
#include "session/warm_knn.h"
#include "tsne/knn.h"

namespace xdd {
namespace {

// Points on noisy 2-D sheets in 10-D (a low intrinsic dimension, like real embeddings).
PointMatrix sheet_points(std::int64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  PointMatrix m;
  m.rows = n;
  m.cols = 10;
  for (std::int64_t i = 0; i < n; ++i) {
    const float u = 3.0f * normal(rng), v = 3.0f * normal(rng);
    const int sheet = static_cast<int>(i % 3);
    for (int d = 0; d < 10; ++d) {
      const float a = static_cast<float>((d + sheet) % 4) - 1.5f;
      const float b = static_cast<float>((2 * d + sheet) % 5) - 2.0f;
      m.values.push_back(8.0f * sheet + a * u + b * v + 0.05f * normal(rng));
    }
  }
  return m;
}

KnnGraph exact_graph(const PointMatrix& points, int k) {
  TsneParams params;
  params.knn = KnnMethod::kExact;
  params.threads = 1;
  return find_neighbors(points, k, params);
}

// Share of (point, neighbour) pairs of `a` that are also in `b`.
double overlap(const KnnGraph& a, const KnnGraph& b) {
  std::int64_t same = 0;
  for (std::int64_t i = 0; i < a.n; ++i) {
    std::set<std::int32_t> row(b.indices.begin() + i * b.k, b.indices.begin() + (i + 1) * b.k);
    for (int t = 0; t < a.k; ++t) same += row.count(a.indices[i * a.k + t]);
  }
  return static_cast<double>(same) / static_cast<double>(a.n * a.k);
}

TEST(WarmKnn, UnmovedPointsKeepTheirExactNeighbours) {
  const PointMatrix points = sheet_points(600, 1);
  const KnnGraph exact = exact_graph(points, 15);
  const KnnGraph refined = refine_neighbors(points, exact, 5, 2);
  EXPECT_EQ(refined.n, 600);
  EXPECT_EQ(refined.k, 15);
  EXPECT_EQ(refined.indices, exact.indices);
  for (size_t t = 0; t < exact.sq_distances.size(); ++t) {
    EXPECT_NEAR(refined.sq_distances[t], exact.sq_distances[t],
                1e-3f * (1.0f + exact.sq_distances[t]));
  }
}

TEST(WarmKnn, FollowsPointsThatMovedALittle) {
  PointMatrix points = sheet_points(600, 2);
  const KnnGraph before = exact_graph(points, 15);
  std::mt19937_64 rng(3);
  std::normal_distribution<float> drift(0.0f, 0.5f);
  for (auto& v : points.values) v += drift(rng);
  const KnnGraph exact = exact_graph(points, 15);
  const KnnGraph refined = refine_neighbors(points, before, 10, 1);
  // The old graph alone is noticeably stale; one refinement round recovers nearly all of it.
  const double stale = overlap(before, exact);
  const double found = overlap(refined, exact);
  EXPECT_LT(stale, 0.95);
  EXPECT_GT(found, 0.99);
  // Rows are sorted nearest first and never contain the point itself; any thread count agrees.
  for (std::int64_t i = 0; i < refined.n; ++i) {
    for (int t = 0; t < refined.k; ++t) {
      EXPECT_NE(refined.indices[i * refined.k + t], i);
      if (t > 0) {
        EXPECT_LE(refined.sq_distances[i * refined.k + t - 1],
                  refined.sq_distances[i * refined.k + t]);
      }
    }
  }
  EXPECT_EQ(refine_neighbors(points, before, 10, 2).indices, refined.indices);
}

TEST(WarmKnn, RejectsAGraphOfOtherPoints) {
  const PointMatrix points = sheet_points(100, 4);
  const KnnGraph graph = exact_graph(points, 10);
  const PointMatrix fewer = sheet_points(90, 4);
  EXPECT_THROW(refine_neighbors(fewer, graph, 3, 1), InvalidArgument);
  EXPECT_THROW(refine_neighbors(points, graph, 11, 1), InvalidArgument);
  EXPECT_THROW(refine_neighbors(points, graph, 3, 0), InvalidArgument);
  KnnGraph broken = graph;
  broken.indices[5] = 100;
  EXPECT_THROW(refine_neighbors(points, broken, 3, 1), InvalidArgument);
}

}  // namespace
}  // namespace xdd
