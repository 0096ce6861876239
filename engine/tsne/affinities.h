#pragma once
// The input-space similarities of t-SNE: a sparse, symmetric joint distribution P over point pairs
// (kNN graph -> per-point perplexity calibration -> P = (P_j|i + P_i|j) / 2N), stored as CSR.
// Like openTSNE's affinity objects it is computed once and can be inspected, reused and swapped
// into a running embedding (live mode).
#include <cstdint>
#include <vector>

#include "tsne/knn.h"
#include "tsne/point_matrix.h"
#include "tsne/tsne_params.h"

namespace xdd {

class Affinities {
 public:
  Affinities() = default;

  // kNN (params.knn, k = neighbors_for(params)) + calibration + symmetrisation on the rows of
  // `points` as given (reduce them with pca_project first if wanted). InvalidArgument when there
  // are too few points for the perplexity (needs rows >= 3 * perplexity + 1), DataError for
  // NaN/Inf.
  static Affinities compute(const PointMatrix& points, const TsneParams& params);

  // Calibration + symmetrisation of a neighbour graph found elsewhere.
  static Affinities from_neighbors(const KnnGraph& graph, double perplexity, int threads);

  // A ready joint P in CSR form (square n x n); validated: finite, non-negative, in-range column
  // indices sorted within each row, sum 1 (within 1e-3; it is renormalised), symmetric not
  // required.
  static Affinities from_csr(std::int64_t n, std::vector<std::int64_t> row_ptr,
                             std::vector<std::int32_t> col_index, std::vector<float> values);

  std::int64_t size() const { return n_; }
  std::int64_t nonzeros() const { return static_cast<std::int64_t>(values_.size()); }
  const std::vector<std::int64_t>& row_ptr() const { return row_ptr_; }
  const std::vector<std::int32_t>& col_index() const { return col_index_; }
  const std::vector<float>& values() const { return values_; }

  // sum_ij p_ij log p_ij: the constant part of KL(P || Q).
  double neg_entropy() const { return neg_entropy_; }
  // Seconds spent in the neighbour search and in calibration + symmetrisation (0 if not computed).
  double knn_seconds() const { return knn_seconds_; }
  double calibration_seconds() const { return calibration_seconds_; }

 private:
  void finish();  // computes neg_entropy_

  std::int64_t n_ = 0;
  std::vector<std::int64_t> row_ptr_;
  std::vector<std::int32_t> col_index_;
  std::vector<float> values_;
  double neg_entropy_ = 0.0;
  double knn_seconds_ = 0.0;
  double calibration_seconds_ = 0.0;
};

}  // namespace xdd
