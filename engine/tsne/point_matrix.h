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

// Throws DataError naming `what`, the row and the column (1-based) of the first NaN or Inf value,
// and DataError when the matrix has no rows or no columns or values.size() != rows * cols.
void check_points(const PointMatrix& points, const std::string& what);

}  // namespace xdd
