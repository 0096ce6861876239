#include "render/scatter_animation.h"

#include <algorithm>

namespace xdd::gui {

void LayoutAnimation::set_target(const std::vector<float>& xy, double now) {
  if (shown_.size() != xy.size() || duration_ <= 0.0) {
    from_ = to_ = shown_ = xy;
    moving_ = false;
    return;
  }
  from_ = shown_;  // from wherever the points are now, even mid-way through the last move
  to_ = xy;
  start_ = now;
  moving_ = true;
}

bool LayoutAnimation::update(double now) {
  if (!moving_) return false;
  const double t = std::clamp((now - start_) / duration_, 0.0, 1.0);
  const auto s = static_cast<float>(t * t * (3.0 - 2.0 * t));  // smoothstep
  for (size_t k = 0; k < shown_.size(); ++k) shown_[k] = from_[k] + s * (to_[k] - from_[k]);
  if (t >= 1.0) moving_ = false;
  return true;
}

}  // namespace xdd::gui
