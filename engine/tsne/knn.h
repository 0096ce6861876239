#pragma once
// k nearest neighbours of every input point through FLANN, the first stage of the t-SNE affinities.
#include <cstdint>
#include <vector>

#include "tsne/point_matrix.h"
#include "tsne/tsne_params.h"

namespace xdd {

// Row i lists the k nearest other points of point i, nearest first, with squared Euclidean
// distances.
struct KnnGraph {
  std::int64_t n = 0;
  int k = 0;
  std::vector<std::int32_t> indices;  // n * k
  std::vector<float> sq_distances;    // n * k, ascending within a row
};

// k must be in 1..rows-1. Uses params.knn (exact linear scan, or a k-means tree with
// params.knn_branching / knn_checks / seed) on threads_for(params) threads. Deterministic for fixed
// inputs and seed: each query is answered independently of the thread that answers it.
KnnGraph find_neighbors(const PointMatrix& points, int k, const TsneParams& params);

}  // namespace xdd
