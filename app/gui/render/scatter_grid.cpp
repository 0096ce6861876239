#include "render/scatter_grid.h"

#include <algorithm>
#include <cmath>

namespace xdd::gui {

void ScatterGrid::build(const float* xy, long count) {
  xy_ = xy;
  bounds_ = bounds_of(xy, count);
  order_.clear();
  cell_start_.assign(1, 0);
  columns_ = rows_ = 0;
  if (count <= 0) return;
  // About four points per cell on average, over the bounding box.
  const float w = std::max(bounds_.max_x - bounds_.min_x, 1e-20f);
  const float h = std::max(bounds_.max_y - bounds_.min_y, 1e-20f);
  cell_size_ = std::max(std::sqrt(w * h * 4.0f / static_cast<float>(count)), 1e-20f);
  columns_ = std::clamp(static_cast<int>(w / cell_size_) + 1, 1, 4096);
  rows_ = std::clamp(static_cast<int>(h / cell_size_) + 1, 1, 4096);
  cell_size_ = std::max(w / static_cast<float>(columns_), h / static_cast<float>(rows_)) * 1.0001f;
  const size_t cells = static_cast<size_t>(columns_) * rows_;
  cell_start_.assign(cells + 1, 0);
  std::vector<std::int32_t> cell_of(static_cast<size_t>(count));
  for (long i = 0; i < count; ++i) {
    const int c = cell_y(xy[2 * i + 1]) * columns_ + cell_x(xy[2 * i]);
    cell_of[i] = c;
    ++cell_start_[static_cast<size_t>(c) + 1];
  }
  for (size_t c = 0; c < cells; ++c) cell_start_[c + 1] += cell_start_[c];
  std::vector<std::int32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
  order_.resize(static_cast<size_t>(count));
  for (long i = 0; i < count; ++i) order_[fill[cell_of[i]]++] = static_cast<std::int32_t>(i);
}

int ScatterGrid::cell_x(float x) const {
  return std::clamp(static_cast<int>((x - bounds_.min_x) / cell_size_), 0, columns_ - 1);
}

int ScatterGrid::cell_y(float y) const {
  return std::clamp(static_cast<int>((y - bounds_.min_y) / cell_size_), 0, rows_ - 1);
}

long ScatterGrid::nearest(float x, float y, float radius) const {
  if (order_.empty()) return -1;
  long best = -1;
  float best_d2 = radius * radius;
  for (int cy = cell_y(y - radius); cy <= cell_y(y + radius); ++cy) {
    for (int cx = cell_x(x - radius); cx <= cell_x(x + radius); ++cx) {
      const int c = cy * columns_ + cx;
      for (int k = cell_start_[c]; k < cell_start_[c + 1]; ++k) {
        const long i = order_[k];
        const float dx = xy_[2 * i] - x, dy = xy_[2 * i + 1] - y;
        const float d2 = dx * dx + dy * dy;
        if (d2 <= best_d2) {
          best_d2 = d2;
          best = i;
        }
      }
    }
  }
  return best;
}

std::vector<long> ScatterGrid::inside(const DataBounds& box) const {
  std::vector<long> found;
  if (order_.empty() || !box.valid()) return found;
  for (int cy = cell_y(box.min_y); cy <= cell_y(box.max_y); ++cy) {
    for (int cx = cell_x(box.min_x); cx <= cell_x(box.max_x); ++cx) {
      const int c = cy * columns_ + cx;
      for (int k = cell_start_[c]; k < cell_start_[c + 1]; ++k) {
        const long i = order_[k];
        const float x = xy_[2 * i], y = xy_[2 * i + 1];
        if (x >= box.min_x && x <= box.max_x && y >= box.min_y && y <= box.max_y) {
          found.push_back(i);
        }
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace xdd::gui
