#include "session/tsne_input.h"

#include <string>

#include "core/error.h"

namespace xdd {
namespace {

std::string count(std::size_t n) {
  return std::to_string(n);
}

}  // namespace

std::int64_t labeled_rows(const EmbeddingFrame& frame, bool include_labeled) {
  if (!include_labeled || frame.dim < 1) return 0;
  return static_cast<std::int64_t>(frame.z_labeled.size()) / frame.dim;
}

PointMatrix tsne_points(const EmbeddingFrame& frame, bool include_labeled) {
  if (frame.dim < 1) {
    throw DataError("embedding frame: dim must be >= 1, got " + std::to_string(frame.dim));
  }
  const auto dim = static_cast<std::size_t>(frame.dim);
  const std::size_t n = frame.labels.size();
  if (n == 0) throw DataError("embedding frame has no test points");
  if (frame.z_test.size() != n * dim) {
    throw DataError("embedding frame: z_test holds " + count(frame.z_test.size()) +
                    " values; expected labels (" + count(n) + ") x dim (" + count(dim) + ")");
  }
  if (!frame.scores.empty() && frame.scores.size() != n) {
    throw DataError("embedding frame: " + count(frame.scores.size()) + " scores for " + count(n) +
                    " test points");
  }
  if (frame.z_labeled.size() % dim != 0) {
    throw DataError("embedding frame: z_labeled holds " + count(frame.z_labeled.size()) +
                    " values, not a multiple of dim (" + count(dim) + ")");
  }
  PointMatrix points;
  points.cols = frame.dim;
  points.rows = static_cast<std::int64_t>(n) + labeled_rows(frame, include_labeled);
  points.values.reserve(static_cast<std::size_t>(points.rows) * dim);
  points.values.assign(frame.z_test.begin(), frame.z_test.end());
  if (include_labeled) {
    points.values.insert(points.values.end(), frame.z_labeled.begin(), frame.z_labeled.end());
  }
  check_points(points, "embedding frame (test then labeled embeddings)");
  return points;
}

}  // namespace xdd
