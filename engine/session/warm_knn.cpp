#include "session/warm_knn.h"

#include <algorithm>
#include <string>
#include <utility>

#include "core/error.h"
#include "tsne/worker_pool.h"

namespace xdd {
namespace {

float squared_distance(const float* a, const float* b, std::int64_t dim) {
  float s = 0.0f;
  for (std::int64_t d = 0; d < dim; ++d) {
    const float t = a[d] - b[d];
    s += t * t;
  }
  return s;
}

}  // namespace

KnnGraph refine_neighbors(const PointMatrix& points, const KnnGraph& previous, int hops,
                          int threads) {
  check_points(points, "neighbour refinement input");
  const std::int64_t n = points.rows;
  const int k = previous.k;
  if (previous.n != n || k < 1 || k >= n || previous.indices.size() != static_cast<size_t>(n * k)) {
    throw InvalidArgument("neighbour refinement: the previous graph is over " +
                          std::to_string(previous.n) + " points with k = " + std::to_string(k) +
                          "; the new frame has " + std::to_string(n) + " points");
  }
  if (hops < 0 || hops > k) {
    throw InvalidArgument("neighbour refinement: hops must be 0.." + std::to_string(k) + ", got " +
                          std::to_string(hops));
  }
  if (threads < 1) throw InvalidArgument("neighbour refinement needs threads >= 1");
  for (std::int32_t j : previous.indices) {
    if (j < 0 || j >= n)
      throw InvalidArgument("previous neighbour graph has an index outside 0..n-1");
  }

  KnnGraph graph;
  graph.n = n;
  graph.k = k;
  graph.indices.resize(static_cast<size_t>(n * k));
  graph.sq_distances.resize(graph.indices.size());
  // Per thread: the query that last saw each point (dedups the candidates) and the candidates.
  struct Scratch {
    std::vector<std::int64_t> seen_by;
    std::vector<std::pair<float, std::int32_t>> candidates;
  };
  tsne::WorkerPool pool(threads);
  std::vector<Scratch> scratch(static_cast<size_t>(pool.threads()));
  for (auto& s : scratch) s.seen_by.assign(static_cast<size_t>(n), -1);

  pool.run(n, 64, [&](std::int64_t begin, std::int64_t end, int thread) {
    Scratch& s = scratch[static_cast<size_t>(thread)];
    for (std::int64_t i = begin; i < end; ++i) {
      s.candidates.clear();
      s.seen_by[i] = i;  // never its own neighbour
      const float* xi = points.row(i);
      auto consider = [&](std::int32_t j) {
        if (s.seen_by[j] == i) return;
        s.seen_by[j] = i;
        s.candidates.emplace_back(squared_distance(xi, points.row(j), points.cols), j);
      };
      const std::int32_t* row = previous.indices.data() + i * k;
      for (int t = 0; t < k; ++t) consider(row[t]);
      for (int h = 0; h < hops; ++h) {
        const std::int32_t* hop = previous.indices.data() + static_cast<std::int64_t>(row[h]) * k;
        for (int t = 0; t < k; ++t) consider(hop[t]);
      }
      // Nearest first; ties by index so the result does not depend on the candidate order.
      const auto keep = std::min<size_t>(static_cast<size_t>(k), s.candidates.size());
      std::partial_sort(s.candidates.begin(), s.candidates.begin() + static_cast<long>(keep),
                        s.candidates.end());
      for (size_t t = 0; t < keep; ++t) {
        graph.indices[i * k + static_cast<std::int64_t>(t)] = s.candidates[t].second;
        graph.sq_distances[i * k + static_cast<std::int64_t>(t)] = s.candidates[t].first;
      }
    }
  });
  return graph;
}

}  // namespace xdd
