#include "render/scatter_view.h"

#include <algorithm>
#include <cmath>

namespace xdd::gui {

DataBounds bounds_of(const float* xy, long count) {
  DataBounds b{1.0f, 1.0f, -1.0f, -1.0f};
  for (long i = 0; i < count; ++i) {
    const float x = xy[2 * i], y = xy[2 * i + 1];
    if (i == 0) {
      b = {x, y, x, y};
      continue;
    }
    b.min_x = std::min(b.min_x, x);
    b.max_x = std::max(b.max_x, x);
    b.min_y = std::min(b.min_y, y);
    b.max_y = std::max(b.max_y, y);
  }
  return b;
}

ImVec2 ScatterView::to_screen(float x, float y) const {
  return ImVec2(static_cast<float>(origin_.x + 0.5 * size_.x + (x - centre_x_) * zoom_),
                static_cast<float>(origin_.y + 0.5 * size_.y - (y - centre_y_) * zoom_));
}

ImVec2 ScatterView::to_data(ImVec2 screen) const {
  return ImVec2(static_cast<float>(centre_x_ + (screen.x - origin_.x - 0.5 * size_.x) / zoom_),
                static_cast<float>(centre_y_ - (screen.y - origin_.y - 0.5 * size_.y) / zoom_));
}

void ScatterView::pan(ImVec2 pixel_delta) {
  centre_x_ -= pixel_delta.x / zoom_;
  centre_y_ += pixel_delta.y / zoom_;
}

void ScatterView::zoom_at(ImVec2 screen, float factor) {
  const ImVec2 fixed = to_data(screen);
  zoom_ = std::clamp(zoom_ * factor, 1e-6, 1e12);
  // Move the centre so that `fixed` is under `screen` again.
  centre_x_ = fixed.x - (screen.x - origin_.x - 0.5 * size_.x) / zoom_;
  centre_y_ = fixed.y + (screen.y - origin_.y - 0.5 * size_.y) / zoom_;
}

void ScatterView::fit(const DataBounds& box, float margin) {
  if (!box.valid()) return;
  const double w = std::max(1e-12, static_cast<double>(box.max_x - box.min_x));
  const double h = std::max(1e-12, static_cast<double>(box.max_y - box.min_y));
  const double frame = 1.0 + 2.0 * margin;
  zoom_ = std::min(size_.x / (w * frame), size_.y / (h * frame));
  centre_x_ = 0.5 * (static_cast<double>(box.min_x) + box.max_x);
  centre_y_ = 0.5 * (static_cast<double>(box.min_y) + box.max_y);
}

ScatterTransform ScatterView::transform() const {
  // clip x = (x - cx) * zoom * 2 / width; y likewise (clip y up = screen up).
  ScatterTransform t;
  const double sx = 2.0 * zoom_ / std::max(1.0f, size_.x);
  const double sy = 2.0 * zoom_ / std::max(1.0f, size_.y);
  t.scale[0] = static_cast<float>(sx);
  t.scale[1] = static_cast<float>(sy);
  t.offset[0] = static_cast<float>(-centre_x_ * sx);
  t.offset[1] = static_cast<float>(-centre_y_ * sy);
  return t;
}

}  // namespace xdd::gui
