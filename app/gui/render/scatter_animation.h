#pragma once
// Smooth motion between published t-SNE layouts: each new layout becomes the target, and the
// points travel from where they are shown now to it over a short time (ease in and out), so they
// move instead of jumping. A layout with a different number of points is shown at once.
#include <vector>

namespace xdd::gui {

class LayoutAnimation {
 public:
  explicit LayoutAnimation(double duration_seconds = 0.15) : duration_(duration_seconds) {}

  // Starts moving towards `xy` (interleaved x, y) at time `now` (seconds).
  void set_target(const std::vector<float>& xy, double now);
  // Updates the shown positions for time `now`; true when they changed.
  bool update(double now);
  // True until the positions have reached the target (keep drawing frames).
  bool moving() const { return moving_; }

  const std::vector<float>& positions() const { return shown_; }
  bool empty() const { return shown_.empty(); }
  void clear() {
    from_.clear();
    to_.clear();
    shown_.clear();
  }

 private:
  double duration_;
  double start_ = 0.0;
  bool moving_ = false;
  std::vector<float> from_, to_, shown_;
};

}  // namespace xdd::gui
