#pragma once
// The t-SNE input of an EmbeddingFrame: its test embeddings, then (optionally) its labeled ones,
// as one point matrix, after checking that the frame's arrays agree with each other.
#include "session/snapshot.h"
#include "tsne/point_matrix.h"

namespace xdd {

// Rows: frame.labels.size() test points, then z_labeled.size() / dim labeled points when
// `include_labeled`. DataError naming the field when dim < 1, z_test is not labels.size() * dim,
// scores is neither empty nor one per test point, z_labeled is not a whole number of rows, there
// are no test points, or a value is NaN/Inf.
PointMatrix tsne_points(const EmbeddingFrame& frame, bool include_labeled);

// Number of labeled rows tsne_points() appends for this frame.
std::int64_t labeled_rows(const EmbeddingFrame& frame, bool include_labeled);

}  // namespace xdd
