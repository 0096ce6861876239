#include "figures/palette.h"

#include <algorithm>
#include <cmath>

namespace xdd::figures {

Rgb cycle_colour(int i) {
  static const Rgb colours[10] = {
      {0x1f / 255.0, 0x77 / 255.0, 0xb4 / 255.0}, {0xff / 255.0, 0x7f / 255.0, 0x0e / 255.0},
      {0x2c / 255.0, 0xa0 / 255.0, 0x2c / 255.0}, {0xd6 / 255.0, 0x27 / 255.0, 0x28 / 255.0},
      {0x94 / 255.0, 0x67 / 255.0, 0xbd / 255.0}, {0x8c / 255.0, 0x56 / 255.0, 0x4b / 255.0},
      {0xe3 / 255.0, 0x77 / 255.0, 0xc2 / 255.0}, {0x7f / 255.0, 0x7f / 255.0, 0x7f / 255.0},
      {0xbc / 255.0, 0xbd / 255.0, 0x22 / 255.0}, {0x17 / 255.0, 0xbe / 255.0, 0xcf / 255.0}};
  return colours[((i % 10) + 10) % 10];
}

Rgb time_ramp(double t) {
  // Five anchors of a perceptually ordered purple-blue-teal-green-yellow ramp, linearly blended.
  static const Rgb anchors[5] = {{0.267, 0.005, 0.329},
                                 {0.229, 0.322, 0.546},
                                 {0.128, 0.567, 0.551},
                                 {0.369, 0.789, 0.383},
                                 {0.993, 0.906, 0.144}};
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  const Rgb& a = anchors[i];
  const Rgb& b = anchors[i + 1];
  return {a.r + f * (b.r - a.r), a.g + f * (b.g - a.g), a.b + f * (b.b - a.b)};
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

}  // namespace xdd::figures
