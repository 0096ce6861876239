#pragma once
// The t-SNE input of an embedding: its test embeddings, then (optionally) its labeled ones, as
// one matrix of points, after checking that the arrays agree with each other and with the frame.
#include "session/snapshot.h"
#include "tsne/point_matrix.h"

namespace xdd {

// Rows: frame->labels.size() test points, then z_labeled.size() / dim labeled points when
// `include_labeled`. DataError naming the field when there is no frame, dim < 1, z_test is not
// labels.size() * dim, scores is neither empty nor one per test point, z_labeled is not a whole
// number of rows, there are no test points, or a value is NaN/Inf. The view reads the points' own
// memory when that holds the rows back to back (the session's do: 125 MB not copied for 10,000
// test points), and otherwise a copy made in `scratch`; it is valid while both live.
PointView tsne_points(const EmbeddingPoints& points, bool include_labeled, PointMatrix& scratch);

// Number of labeled rows tsne_points() appends for these points.
std::int64_t labeled_rows(const EmbeddingPoints& points, bool include_labeled);

}  // namespace xdd
