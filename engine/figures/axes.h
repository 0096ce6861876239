#pragma once
// Plot geometry: a rectangle on the page, a data scale (linear or log10) with round tick values,
// and the axes drawn with ticks, tick labels, grid lines and titles.
#include <cairo.h>

#include <string>
#include <vector>

namespace xdd::figures {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

class Scale {
 public:
  // Data range [lo, hi]; log means log10 (then lo must be > 0). Linear ticks every `step`
  // (0: a round step for the range).
  Scale(double lo, double hi, bool log = false, double step = 0);
  // A range covering [min, max] that starts and ends on round ticks; copes with min == max,
  // NaN (-> 0..1) and, on a log scale, non-positive values (ignored by the caller beforehand).
  static Scale nice(double min, double max, bool log = false);

  double lo() const { return lo_; }
  double hi() const { return hi_; }
  bool log() const { return log_; }
  // Maps v into [px_lo, px_hi] (px_hi may be smaller: the y axis grows upward).
  double map(double v, double px_lo, double px_hi) const;
  // Whether v can be drawn at all (finite, and > 0 on a log scale).
  bool drawable(double v) const;
  std::vector<double> ticks() const;
  std::string tick_label(double v) const;

 private:
  double lo_, hi_;
  bool log_;
  double step_;  // linear tick spacing
};

// Left axis with ticks, labels, light horizontal grid lines and a rotated title.
void draw_y_axis(cairo_t* cr, const Rect& plot, const Scale& y, const std::string& title);
// Bottom axis with ticks, labels and a title.
void draw_x_axis(cairo_t* cr, const Rect& plot, const Scale& x, const std::string& title);
// The plot's left and bottom lines.
void draw_frame(cairo_t* cr, const Rect& plot);

}  // namespace xdd::figures
