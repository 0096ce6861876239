// Input similarities: FLANN neighbours against brute force, perplexity calibration against the
// entropy definition, and the symmetric joint P.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "core/error.h"
#include "tsne/affinities.h"
#include "tsne/knn.h"
#include "tsne/perplexity.h"
#include "tsne_test_data.h"

using xdd::Affinities;
using xdd::TsneParams;

TEST(TsneAffinities, CalibratedRowsHaveEntropyLogPerplexity) {
  std::mt19937_64 rng(3);
  std::exponential_distribution<float> dist(0.05f);
  for (double perplexity : {5.0, 30.0, 50.0}) {
    const int k = static_cast<int>(3 * perplexity);
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<float> d(static_cast<size_t>(k));
      for (float& v : d) v = dist(rng) * (trial + 1);  // scales from ~20 to ~400
      std::sort(d.begin(), d.end());
      std::vector<double> p(static_cast<size_t>(k));
      const xdd::RowCalibration r = xdd::calibrate_row(d.data(), k, perplexity, p.data());
      double sum = 0.0, entropy = 0.0;
      for (double v : p) {
        sum += v;
        if (v > 0.0) entropy -= v * std::log(v);
      }
      EXPECT_NEAR(sum, 1.0, 1e-12);
      EXPECT_NEAR(entropy, std::log(perplexity), 1e-4) << "perplexity " << perplexity;
      EXPECT_NEAR(r.entropy, entropy, 1e-9);
      // p_j = exp(-beta d_j) / sum: check the ratio of the two nearest against beta.
      EXPECT_NEAR(std::log(p[0] / p[1]), r.beta * (d[1] - d[0]), 1e-6 * (1.0 + r.beta * d[1]));
    }
  }
}

TEST(TsneAffinities, EqualDistancesGiveUniformRow) {
  std::vector<float> d(9, 2.0f);
  std::vector<double> p(9);
  xdd::calibrate_row(d.data(), 9, 3.0, p.data());
  for (double v : p) EXPECT_DOUBLE_EQ(v, 1.0 / 9.0);
}

TEST(TsneAffinities, ExactNeighboursMatchBruteForce) {
  const auto blobs = xdd::test::make_blobs(3, 60, 12, 4.0, 11);
  TsneParams params;
  params.knn = xdd::KnnMethod::kExact;
  params.threads = 2;
  const xdd::KnnGraph g = xdd::find_neighbors(blobs.points, 15, params);
  const auto expected = xdd::test::brute_force_knn(blobs.points.values, 180, 12, 15);
  for (int i = 0; i < 180; ++i) {
    for (int t = 0; t < 15; ++t) {
      EXPECT_EQ(g.indices[i * 15 + t], expected[i][t]) << "point " << i << " rank " << t;
    }
    for (int t = 1; t < 15; ++t)
      EXPECT_LE(g.sq_distances[i * 15 + t - 1], g.sq_distances[i * 15 + t]);
  }
  // Squared distances, as the calibration expects.
  double s = 0.0;
  for (int c = 0; c < 12; ++c) {
    const double diff = double{blobs.points.row(0)[c]} - blobs.points.row(g.indices[0])[c];
    s += diff * diff;
  }
  EXPECT_NEAR(g.sq_distances[0], s, 1e-4 * s);
}

TEST(TsneAffinities, ApproximateNeighboursHaveHighRecall) {
  const auto blobs = xdd::test::make_blobs(4, 250, 20, 3.0, 5);
  TsneParams params;
  params.knn = xdd::KnnMethod::kApproximate;
  params.knn_checks = 256;
  const xdd::KnnGraph g = xdd::find_neighbors(blobs.points, 30, params);
  const auto expected = xdd::test::brute_force_knn(blobs.points.values, 1000, 20, 30);
  long hits = 0;
  for (int i = 0; i < 1000; ++i) {
    for (int t = 0; t < 30; ++t) {
      hits += std::count(expected[i].begin(), expected[i].end(), g.indices[i * 30 + t]);
    }
  }
  EXPECT_GT(hits / 30000.0, 0.9);
  // Same seed, same answer.
  EXPECT_EQ(xdd::find_neighbors(blobs.points, 30, params).indices, g.indices);
}

TEST(TsneAffinities, JointPIsSymmetricAndSumsToOne) {
  const auto blobs = xdd::test::make_blobs(3, 100, 10, 5.0, 2);
  TsneParams params;
  params.perplexity = 10.0;
  const Affinities P = Affinities::compute(blobs.points, params);
  ASSERT_EQ(P.size(), 300);
  std::map<std::pair<int, int>, float> entries;
  double sum = 0.0;
  for (int i = 0; i < 300; ++i) {
    for (std::int64_t e = P.row_ptr()[i]; e < P.row_ptr()[i + 1]; ++e) {
      const int j = P.col_index()[e];
      EXPECT_NE(i, j);
      if (e > P.row_ptr()[i]) {
        EXPECT_LT(P.col_index()[e - 1], j);
      }
      EXPECT_GT(P.values()[e], 0.0f);
      entries[{i, j}] = P.values()[e];
      sum += P.values()[e];
    }
  }
  EXPECT_NEAR(sum, 1.0, 1e-5);
  for (const auto& [ij, p] : entries) {
    const auto it = entries.find({ij.second, ij.first});
    ASSERT_NE(it, entries.end());
    EXPECT_EQ(it->second, p);
  }
  // Every point keeps its 30 neighbours; the union of the directed kNN edges has at most 2 N k.
  for (int i = 0; i < 300; ++i) EXPECT_GE(P.row_ptr()[i + 1] - P.row_ptr()[i], 30);
  EXPECT_LE(P.nonzeros(), 2 * 300 * 30);
  EXPECT_GT(P.nonzeros(), 300 * 30);
  double neg_entropy = 0.0;
  for (float p : P.values()) neg_entropy += p * std::log(double{p});
  EXPECT_NEAR(P.neg_entropy(), neg_entropy, 1e-9);
}

TEST(TsneAffinities, TooFewPointsForThePerplexity) {
  const auto blobs = xdd::test::make_blobs(1, 50, 3, 1.0, 1);
  TsneParams params;  // perplexity 30 needs 91 points
  try {
    Affinities::compute(blobs.points, params);
    FAIL() << "expected InvalidArgument";
  } catch (const xdd::InvalidArgument& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("at least 91 points"), std::string::npos) << msg;
    EXPECT_NE(msg.find("has 50"), std::string::npos) << msg;
  }
  params.perplexity = 16.0;  // 48 neighbours: fits
  EXPECT_EQ(Affinities::compute(blobs.points, params).size(), 50);
}

TEST(TsneAffinities, RejectsNanAndBadParameters) {
  auto blobs = xdd::test::make_blobs(1, 40, 3, 1.0, 1);
  TsneParams params;
  params.perplexity = 5.0;
  blobs.points.values[7] = std::nanf("");
  EXPECT_THROW(Affinities::compute(blobs.points, params), xdd::DataError);
  blobs.points.values[7] = 0.0f;
  params.perplexity = 0.5;
  EXPECT_THROW(Affinities::compute(blobs.points, params), xdd::InvalidArgument);
  params.perplexity = 5.0;
  params.theta = -1.0;
  EXPECT_THROW(Affinities::compute(blobs.points, params), xdd::InvalidArgument);
}

TEST(TsneAffinities, FromCsrValidates) {
  // 3 points, P symmetric and normalised.
  EXPECT_EQ(
      Affinities::from_csr(3, {0, 2, 3, 4}, {1, 2, 0, 0}, {0.25f, 0.25f, 0.25f, 0.25f}).nonzeros(),
      4);
  EXPECT_THROW(Affinities::from_csr(3, {0, 1, 2, 3}, {0, 0, 0}, {0.3f, 0.3f, 0.4f}),
               xdd::InvalidArgument);  // diagonal entry
  EXPECT_THROW(Affinities::from_csr(3, {0, 1, 2, 3}, {1, 0, 5}, {0.3f, 0.3f, 0.4f}),
               xdd::InvalidArgument);  // column out of range
  EXPECT_THROW(Affinities::from_csr(3, {0, 1, 2, 3}, {1, 0, 0}, {0.3f, 0.3f, 0.1f}),
               xdd::InvalidArgument);  // does not sum to 1
  EXPECT_THROW(Affinities::from_csr(3, {0, 1, 2}, {1, 0}, {0.5f, 0.5f}), xdd::InvalidArgument);
}
