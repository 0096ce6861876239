#include "tsne/point_matrix.h"

#include <cmath>

#include "core/error.h"

namespace xdd {

void check_points(const PointMatrix& points, const std::string& what) {
  if (points.rows <= 0 || points.cols <= 0) {
    throw DataError(what + ": no data (" + std::to_string(points.rows) + " rows of " +
                    std::to_string(points.cols) +
                    " values); t-SNE needs points with at least one value");
  }
  if (static_cast<std::int64_t>(points.values.size()) != points.rows * points.cols) {
    throw DataError(what + ": holds " + std::to_string(points.values.size()) +
                    " values, expected " + std::to_string(points.rows) + " x " +
                    std::to_string(points.cols));
  }
  for (std::int64_t i = 0; i < points.rows; ++i) {
    const float* r = points.row(i);
    for (std::int64_t j = 0; j < points.cols; ++j) {
      if (!std::isfinite(r[j])) {
        throw DataError(what + ": row " + std::to_string(i + 1) + ", column " +
                        std::to_string(j + 1) + " is " + (std::isnan(r[j]) ? "NaN" : "infinite") +
                        "; every value must be a finite number");
      }
    }
  }
}

}  // namespace xdd
