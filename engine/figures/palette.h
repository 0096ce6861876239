#pragma once
// Colours the figures share: one per digit (the tab10 cycle, so held-out 8 is the paper's yellow
// olive), blue/orange for before/after as in the paper's Figure 1, and a ramp for time.
#include <cairo.h>

namespace xdd::figures {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// The i-th colour of the ten-colour cycle (wraps around): 0 blue, 1 orange, 2 green, 3 red, ...
Rgb cycle_colour(int i);
// A colour for t in [0, 1] from dark purple (early) through teal to yellow (late); t is clamped.
Rgb time_ramp(double t);
inline Rgb black() {
  return {0, 0, 0};
}
inline Rgb grey(double v) {
  return {v, v, v};
}

void set_colour(cairo_t* cr, const Rgb& c, double alpha = 1.0);

}  // namespace xdd::figures
