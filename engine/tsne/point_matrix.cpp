#include "tsne/point_matrix.h"

#include <cmath>

#include "core/error.h"

namespace xdd {

PointMatrix copy_of(const PointView& points) {
  PointMatrix copy;
  copy.rows = points.rows;
  copy.cols = points.cols;
  copy.values.assign(points.data, points.data + points.rows * points.cols);
  return copy;
}

PointView sized_view(const PointMatrix& points, const std::string& what) {
  const bool has_shape = points.rows > 0 && points.cols > 0;
  if (has_shape && static_cast<std::int64_t>(points.values.size()) != points.rows * points.cols) {
    throw DataError(what + ": holds " + std::to_string(points.values.size()) +
                    " values, expected " + std::to_string(points.rows) + " x " +
                    std::to_string(points.cols));
  }
  return view_of(points);
}

void check_points(const PointMatrix& points, const std::string& what) {
  check_points(sized_view(points, what), what);
}

void check_points(const PointView& points, const std::string& what) {
  if (points.rows <= 0 || points.cols <= 0) {
    throw DataError(what + ": no data (" + std::to_string(points.rows) + " rows of " +
                    std::to_string(points.cols) +
                    " values); t-SNE needs points with at least one value");
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
