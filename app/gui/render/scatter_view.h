#pragma once
// Where the scatter's data coordinates land on screen: a centre and a zoom (pixels per data unit),
// with the y axis pointing up. Pan by a pixel delta, zoom around a fixed screen point (the cursor
// stays over the same data point), and fit to a bounding box.
#include <imgui.h>

#include "render/scatter_renderer.h"

namespace xdd::gui {

struct DataBounds {
  float min_x = 0.0f, min_y = 0.0f, max_x = 0.0f, max_y = 0.0f;
  bool valid() const { return max_x >= min_x && max_y >= min_y; }
};

// Bounds of `count` interleaved x, y points (invalid when count is 0).
DataBounds bounds_of(const float* xy, long count);

class ScatterView {
 public:
  // The canvas: top-left corner and size in screen pixels.
  void set_canvas(ImVec2 origin, ImVec2 size) {
    origin_ = origin;
    size_ = size;
  }
  ImVec2 canvas_origin() const { return origin_; }
  ImVec2 canvas_size() const { return size_; }

  ImVec2 to_screen(float x, float y) const;
  ImVec2 to_data(ImVec2 screen) const;
  float pixels_per_unit() const { return static_cast<float>(zoom_); }

  void pan(ImVec2 pixel_delta);
  void zoom_at(ImVec2 screen, float factor);
  // Shows the whole box with a margin (fraction of the box on each side).
  void fit(const DataBounds& box, float margin = 0.06f);

  // The renderer's mapping for a canvas of this size.
  ScatterTransform transform() const;

 private:
  ImVec2 origin_{0, 0}, size_{1, 1};
  double centre_x_ = 0.0, centre_y_ = 0.0;
  double zoom_ = 1.0;
};

}  // namespace xdd::gui
