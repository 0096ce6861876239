#pragma once
// Principal component analysis for t-SNE: the 50-D reduction before the neighbour search and the
// 2-D initial layout. The scatter matrix and its leading eigenvectors are computed on our worker
// pool (not LibTorch/OpenBLAS, whose OpenMP threads stall when the cores are shared); the sign of
// each axis is fixed so that results do not depend on the eigensolver's arbitrary choice.
#include <cstdint>
#include <vector>

#include "tsne/point_matrix.h"

namespace xdd {

// Centres the rows of `points` and projects them onto their first `components` principal axes
// (largest variance first). Asks for at most min(rows, cols) components; when components >= cols
// the centred input itself is returned (no reduction is needed). Each axis is flipped so that its
// entry of largest magnitude is positive.
// The points are read in place: a view of an embedding tensor needs no copy beside the centred one.
PointMatrix pca_project(const PointView& points, int components, int threads = 0);
PointMatrix pca_project(const PointMatrix& points, int components, int threads = 0);

// The t-SNE starting layout (SPEC §6): the 2-D PCA of `points`, scaled so that the first axis has
// standard deviation `std`. Interleaved x, y per point. When the data has fewer than two directions
// of variance, the missing axis is filled with seeded Gaussian noise of the same spread.
std::vector<float> pca_init(const PointMatrix& points, double std = 1e-4, std::uint64_t seed = 42,
                            int threads = 0);

}  // namespace xdd
