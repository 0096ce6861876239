#include "session/tsne_input.h"

#include <string>

#include "core/error.h"

namespace xdd {
namespace {

std::string count(std::size_t n) {
  return std::to_string(n);
}

}  // namespace

std::int64_t labeled_rows(const EmbeddingPoints& points, bool include_labeled) {
  if (!include_labeled || points.dim < 1) return 0;
  return static_cast<std::int64_t>(points.z_labeled.size()) / points.dim;
}

PointView tsne_points(const EmbeddingPoints& points, bool include_labeled, PointMatrix& scratch) {
  if (!points.frame) throw DataError("embedding points without their frame (labels, scores)");
  if (points.dim < 1) {
    throw DataError("embedding frame: dim must be >= 1, got " + std::to_string(points.dim));
  }
  const EmbeddingFrame& frame = *points.frame;
  const auto dim = static_cast<std::size_t>(points.dim);
  const std::size_t n = frame.labels.size();
  if (n == 0) throw DataError("embedding frame has no test points");
  if (points.z_test.size() != n * dim) {
    throw DataError("embedding frame: z_test holds " + count(points.z_test.size()) +
                    " values; expected labels (" + count(n) + ") x dim (" + count(dim) + ")");
  }
  if (!frame.scores.empty() && frame.scores.size() != n) {
    throw DataError("embedding frame: " + count(frame.scores.size()) + " scores for " + count(n) +
                    " test points");
  }
  if (points.z_labeled.size() % dim != 0) {
    throw DataError("embedding frame: z_labeled holds " + count(points.z_labeled.size()) +
                    " values, not a multiple of dim (" + count(dim) + ")");
  }
  const auto rows = static_cast<std::int64_t>(n) + labeled_rows(points, include_labeled);
  PointView view{rows, points.dim, points.z_test.data()};
  if (include_labeled && !points.z_labeled.empty() &&
      !points.z_test.continued_by(points.z_labeled)) {
    scratch.rows = rows;
    scratch.cols = points.dim;
    scratch.values.reserve(static_cast<std::size_t>(rows) * dim);
    scratch.values.assign(points.z_test.begin(), points.z_test.end());
    scratch.values.insert(scratch.values.end(), points.z_labeled.begin(), points.z_labeled.end());
    view = view_of(scratch);
  }
  check_points(view, "embedding frame (test then labeled embeddings)");
  return view;
}

}  // namespace xdd
