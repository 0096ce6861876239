#pragma once
// Synthetic inputs shared by the t-SNE suites: Gaussian blobs with known labels, and small
// neighbourhood statistics to judge a layout.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "tsne/point_matrix.h"

namespace xdd::test {

struct Blobs {
  PointMatrix points;
  std::vector<int> labels;
};

// `clusters` isotropic Gaussian blobs of `per_cluster` points in `dims` dimensions, unit spread,
// centres drawn with spread `separation` (well separated for separation >> 1).
inline Blobs make_blobs(int clusters, int per_cluster, int dims, double separation,
                        std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Blobs b;
  b.points.rows = static_cast<std::int64_t>(clusters) * per_cluster;
  b.points.cols = dims;
  std::vector<std::vector<double>> centres(static_cast<size_t>(clusters),
                                           std::vector<double>(static_cast<size_t>(dims)));
  for (auto& c : centres) {
    for (double& v : c) v = separation * normal(rng);
  }
  for (int c = 0; c < clusters; ++c) {
    for (int i = 0; i < per_cluster; ++i) {
      for (int d = 0; d < dims; ++d) {
        b.points.values.push_back(static_cast<float>(centres[c][d] + normal(rng)));
      }
      b.labels.push_back(c);
    }
  }
  return b;
}

// Indices of the k nearest other rows of an n x d row-major matrix (brute force).
inline std::vector<std::vector<int>> brute_force_knn(const std::vector<float>& x, int n, int d,
                                                     int k) {
  std::vector<std::vector<int>> result(static_cast<size_t>(n));
  std::vector<std::pair<double, int>> dist(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      double s = 0.0;
      for (int t = 0; t < d; ++t) {
        const double diff = double{x[i * d + t]} - x[j * d + t];
        s += diff * diff;
      }
      dist[j] = {j == i ? INFINITY : s, j};
    }
    std::partial_sort(dist.begin(), dist.begin() + k, dist.end());
    for (int t = 0; t < k; ++t) result[i].push_back(dist[t].second);
  }
  return result;
}

// Fraction of each point's k nearest neighbours in the 2-D layout that carry its label.
inline double label_purity(const std::vector<float>& layout, const std::vector<int>& labels,
                           int k) {
  const int n = static_cast<int>(labels.size());
  const auto knn = brute_force_knn(layout, n, 2, k);
  long same = 0;
  for (int i = 0; i < n; ++i) {
    for (int j : knn[i]) same += labels[j] == labels[i];
  }
  return static_cast<double>(same) / (static_cast<double>(n) * k);
}

// Fraction of each point's k nearest neighbours in the input that stay among its k nearest in the
// layout (neighbourhood preservation).
inline double neighbourhood_preservation(const PointMatrix& points,
                                         const std::vector<float>& layout, int k) {
  const int n = static_cast<int>(points.rows);
  const auto high = brute_force_knn(points.values, n, static_cast<int>(points.cols), k);
  const auto low = brute_force_knn(layout, n, 2, k);
  long kept = 0;
  for (int i = 0; i < n; ++i) {
    for (int j : high[i]) kept += std::count(low[i].begin(), low[i].end(), j);
  }
  return static_cast<double>(kept) / (static_cast<double>(n) * k);
}

}  // namespace xdd::test
