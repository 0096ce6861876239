#include "tsne/knn.h"

#include <flann/flann.hpp>

#include <algorithm>
#include <limits>
#include <memory>
#include <type_traits>

#include "core/error.h"
#include "tsne/simd_kernels.h"
#include "tsne/worker_pool.h"

namespace xdd {
namespace {

// FLANN's squared-L2 functor with the distance loop vectorised (FLANN's own is scalar); the
// partial per-dimension distance is what FLANN's trees use while descending.
struct VectorL2 {
  typedef bool is_kdtree_distance;
  typedef float ElementType;
  typedef float ResultType;

  template <typename Iterator1, typename Iterator2>
  ResultType operator()(Iterator1 a, Iterator2 b, size_t size, ResultType = -1) const {
    if constexpr (std::is_convertible_v<Iterator1, const float*> &&
                  std::is_convertible_v<Iterator2, const float*>) {
      return distance(&a[0], &b[0], static_cast<std::int64_t>(size));
    } else {  // cluster centres of FLANN's k-means tree are double
      ResultType sum = 0;
      for (size_t t = 0; t < size; ++t)
        sum += static_cast<ResultType>((a[t] - b[t]) * (a[t] - b[t]));
      return sum;
    }
  }
  tsne::DistanceFunction distance = tsne::squared_distance_function();

  template <typename U, typename V>
  ResultType accum_dist(const U& a, const V& b, int) const {
    return (a - b) * (a - b);
  }
};

using FlannIndex = flann::Index<VectorL2>;

}  // namespace

KnnGraph find_neighbors(const PointMatrix& points, int k, const TsneParams& params) {
  if (points.rows > std::numeric_limits<std::int32_t>::max()) {
    throw InvalidArgument("t-SNE supports at most 2^31 - 1 points, got " +
                          std::to_string(points.rows));
  }
  if (k < 1 || k > points.rows - 1) {
    throw InvalidArgument("number of neighbours k = " + std::to_string(k) + " must be in 1.." +
                          std::to_string(points.rows - 1) + " for " + std::to_string(points.rows) +
                          " points");
  }
  const auto n = static_cast<size_t>(points.rows);
  const auto d = static_cast<size_t>(points.cols);
  // FLANN takes non-const pointers but neither the index nor the search writes to the data.
  flann::Matrix<float> data(const_cast<float*>(points.values.data()), n, d);
  const int want = k + 1;  // every point finds itself first
  std::vector<int> found_idx(n * static_cast<size_t>(want), -1);
  std::vector<float> found_dist(n * static_cast<size_t>(want));

  flann::SearchParams search;
  search.cores = 1;  // queries are spread over our own pool below
  search.sorted = true;
  std::unique_ptr<FlannIndex> index;
  if (resolve_knn_method(params.knn, points.rows) == KnnMethod::kExact) {
    index = std::make_unique<FlannIndex>(data, flann::LinearIndexParams());
    search.checks = flann::FLANN_CHECKS_UNLIMITED;
  } else {
    // k-means++ seeding draws from std::rand(), which seed_random sets: the tree is repeatable.
    // (FLANN's default random seeding shuffles with std::random_device and is not.)
    flann::seed_random(static_cast<unsigned>(params.seed));
    index = std::make_unique<FlannIndex>(
        data, flann::KMeansIndexParams(params.knn_branching, 11, flann::FLANN_CENTERS_KMEANSPP));
    search.checks = params.knn_checks;
  }
  index->buildIndex();
  // Queries in chunks from a shared counter: each answer is independent of the thread that finds
  // it.
  tsne::WorkerPool pool(threads_for(params));
  pool.run(static_cast<std::int64_t>(n), 64, [&](std::int64_t begin, std::int64_t end, int) {
    const auto b = static_cast<size_t>(begin);
    const auto rows = static_cast<size_t>(end - begin);
    flann::Matrix<float> queries(data.ptr() + b * d, rows, d);
    flann::Matrix<int> ids(found_idx.data() + b * want, rows, static_cast<size_t>(want));
    flann::Matrix<float> dists(found_dist.data() + b * want, rows, static_cast<size_t>(want));
    index->knnSearch(queries, ids, dists, static_cast<size_t>(want), search);
  });

  KnnGraph graph;
  graph.n = points.rows;
  graph.k = k;
  graph.indices.resize(n * static_cast<size_t>(k));
  graph.sq_distances.resize(n * static_cast<size_t>(k));
  for (size_t i = 0; i < n; ++i) {
    const int* ids = found_idx.data() + i * want;
    const float* ds = found_dist.data() + i * want;
    // Drop the point itself; with duplicates it may sit anywhere among the ties (or be absent, in
    // which case the farthest candidate goes).
    int skip = want - 1;
    for (int j = 0; j < want; ++j) {
      if (ids[j] == static_cast<int>(i)) {
        skip = j;
        break;
      }
    }
    int out = 0;
    for (int j = 0; j < want && out < k; ++j) {
      if (j == skip) continue;
      if (ids[j] < 0) {
        throw InvalidArgument("FLANN found fewer than " + std::to_string(k) +
                              " neighbours for point " + std::to_string(i + 1) +
                              "; raise knn_checks or use the exact index");
      }
      graph.indices[i * k + out] = ids[j];
      graph.sq_distances[i * k + out] = std::max(0.0f, ds[j]);
      ++out;
    }
  }
  return graph;
}

}  // namespace xdd
