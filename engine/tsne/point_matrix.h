#pragma once
// The input of t-SNE: N points of D numbers each, row-major float32, plus the checks every input
// needs.
#include <cstdint>
#include <string>
#include <vector>

namespace xdd {

struct PointMatrix {
  std::int64_t rows = 0;      // points
  std::int64_t cols = 0;      // dimensions
  std::vector<float> values;  // rows * cols, row-major

  const float* row(std::int64_t i) const { return values.data() + i * cols; }
  bool empty() const { return rows == 0 || cols == 0; }
};

// Rows of floats that something else owns (a PointMatrix, an embedding frame): what a reader that
// does not keep the points needs, without copying them.
struct PointView {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  const float* data = nullptr;  // rows * cols, row-major

  const float* row(std::int64_t i) const { return data + i * cols; }
};

inline PointView view_of(const PointMatrix& points) {
  return {points.rows, points.cols, points.values.data()};
}

// The view of `points` once their values are rows * cols in number (DataError naming `what`
// otherwise): what a reader of views checks first, as the view's own checks read that many values.
// Does not look at the values.
PointView sized_view(const PointMatrix& points, const std::string& what);

// A matrix that owns a copy of the viewed points.
PointMatrix copy_of(const PointView& points);

// Throws DataError naming `what`, the row and the column (1-based) of the first NaN or Inf value,
// and DataError when the matrix has no rows or no columns or values.size() != rows * cols.
void check_points(const PointMatrix& points, const std::string& what);
// The same checks of a view (whose size is rows * cols by construction).
void check_points(const PointView& points, const std::string& what);

}  // namespace xdd
