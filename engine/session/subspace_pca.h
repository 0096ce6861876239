#pragma once
// The PCA-50 reduction of the live t-SNE, fast enough to redo for every new embedding. The exact
// reduction (tsne/pca.h) forms the 3136 x 3136 covariance and solves its full eigenproblem: about
// ten seconds on two cores for the 10,000 test embeddings, far longer than the t-SNE needs between
// updates. This one is the randomised range finder of Halko, Martinsson and Tropp (2011) with
// power iterations: a handful of passes of X times a thin matrix (components + oversampling
// columns). It keeps the subspace it found and starts the next call from it (subspace iteration),
// so a new embedding that differs little from the last one needs one power iteration, not two.
// Only the subspace matters to the t-SNE (distances in it), so the small error of the randomised
// method in the trailing components is harmless.
#include <cstdint>
#include <vector>

#include "tsne/point_matrix.h"

namespace xdd {

struct SubspacePcaOptions {
  int components = 50;
  int oversampling = 10;          // extra columns of the sketch; the top components converge faster
  int power_iterations = 2;       // passes of X X^T from a random start
  int warm_power_iterations = 1;  // from the previous call's subspace
  std::uint64_t seed = 7;
};

class SubspacePca {
 public:
  explicit SubspacePca(SubspacePcaOptions options = {});

  // Centres the rows of `points` and projects them onto (approximately) their first
  // min(components, rows, cols) principal axes, largest variance first, each axis flipped so that
  // its score of largest magnitude is positive. When components >= cols the centred input is
  // returned. The input is read in place (no centred copy). Warm-starts from the previous call when
  // the column count is the same. DataError for NaN/Inf or an empty matrix (tsne/point_matrix.h),
  // InvalidArgument for bad options.
  PointMatrix project(const PointView& points);
  PointMatrix project(const PointMatrix& points);

  // Forgets the kept subspace (the next call starts from a random one).
  void reset() { basis_.clear(); }
  bool warm() const { return !basis_.empty(); }

 private:
  SubspacePcaOptions options_;
  // [basis_rows_, basis_cols_] row-major: an orthonormal basis of the last X's leading right
  // singular subspace, the start of the next call.
  std::vector<float> basis_;
  std::int64_t basis_rows_ = 0, basis_cols_ = 0;
};

}  // namespace xdd
