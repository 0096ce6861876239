#include "figures/axes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "figures/palette.h"
#include "figures/text.h"

namespace xdd::figures {
namespace {

// 1, 2 or 5 times a power of ten, about span / 5.
double round_step(double span) {
  const double raw = span / 5.0;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

const TextStyle kTickStyle{8, false, black()};
const TextStyle kTitleStyle{9, false, black()};

}  // namespace

Scale::Scale(double lo, double hi, bool log, double step) : lo_(lo), hi_(hi), log_(log) {
  if (!(hi_ > lo_)) hi_ = lo_ + 1;
  step_ = log_ ? 1 : step > 0 ? step : round_step(hi_ - lo_);
}

Scale Scale::nice(double min, double max, bool log) {
  if (!std::isfinite(min) || !std::isfinite(max)) return Scale(log ? 0.1 : 0, 1, log);
  if (log) {
    min = std::max(min, 1e-300);
    max = std::max(max, min);
    double lo = std::pow(10.0, std::floor(std::log10(min)));
    double hi = std::pow(10.0, std::ceil(std::log10(max)));
    if (hi <= lo) hi = lo * 10;
    return Scale(lo, hi, true);
  }
  if (max - min < 1e-12 * std::max(1.0, std::abs(max))) {
    const double pad = min == 0 ? 1 : std::abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const double step = round_step(max - min);
  return Scale(std::floor(min / step) * step, std::ceil(max / step) * step, false, step);
}

double Scale::map(double v, double px_lo, double px_hi) const {
  const double t = log_ ? (std::log10(v) - std::log10(lo_)) / (std::log10(hi_) - std::log10(lo_))
                        : (v - lo_) / (hi_ - lo_);
  return px_lo + t * (px_hi - px_lo);
}

bool Scale::drawable(double v) const {
  return std::isfinite(v) && (!log_ || v > 0);
}

std::vector<double> Scale::ticks() const {
  std::vector<double> out;
  if (log_) {
    const int a = static_cast<int>(std::floor(std::log10(lo_) + 1e-9));
    const int b = static_cast<int>(std::ceil(std::log10(hi_) - 1e-9));
    const int every = std::max(1, (b - a) / 6);  // at most ~7 decades labelled
    for (int e = a; e <= b; e += every) out.push_back(std::pow(10.0, e));
    return out;
  }
  const double first = std::ceil(lo_ / step_ - 1e-9) * step_;
  for (double v = first; v <= hi_ + step_ * 1e-9; v += step_) {
    out.push_back(std::abs(v) < step_ * 1e-9 ? 0.0 : v);
  }
  return out;
}

std::string Scale::tick_label(double v) const {
  char buf[32];
  if (log_) {
    std::snprintf(buf, sizeof buf, "%g", v);
  } else {
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step_) + 1e-9)));
    std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 6), v);
  }
  return buf;
}

void draw_frame(cairo_t* cr, const Rect& plot) {
  set_colour(cr, black());
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, plot.x, plot.y);
  cairo_line_to(cr, plot.x, plot.bottom());
  cairo_line_to(cr, plot.right(), plot.bottom());
  cairo_stroke(cr);
}

void draw_y_axis(cairo_t* cr, const Rect& plot, const Scale& y, const std::string& title) {
  double widest = 0;
  for (double v : y.ticks()) {
    const double py = y.map(v, plot.bottom(), plot.y);
    set_colour(cr, grey(0.88));
    cairo_set_line_width(cr, 0.5);
    cairo_move_to(cr, plot.x, py);
    cairo_line_to(cr, plot.right(), py);
    cairo_stroke(cr);
    set_colour(cr, black());
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, plot.x - 3, py);
    cairo_line_to(cr, plot.x, py);
    cairo_stroke(cr);
    const std::string label = y.tick_label(v);
    widest = std::max(widest, text_width(cr, label, kTickStyle));
    draw_text(cr, plot.x - 5, py, label, kTickStyle, HAlign::right, VAlign::middle);
  }
  draw_text(cr, plot.x - widest - 10, plot.y + plot.h / 2, title, kTitleStyle, HAlign::centre,
            VAlign::bottom, -M_PI / 2);
}

void draw_x_axis(cairo_t* cr, const Rect& plot, const Scale& x, const std::string& title) {
  set_colour(cr, black());
  cairo_set_line_width(cr, 0.8);
  for (double v : x.ticks()) {
    const double px = x.map(v, plot.x, plot.right());
    cairo_move_to(cr, px, plot.bottom());
    cairo_line_to(cr, px, plot.bottom() + 3);
    cairo_stroke(cr);
    draw_text(cr, px, plot.bottom() + 5, x.tick_label(v), kTickStyle, HAlign::centre, VAlign::top);
  }
  draw_text(cr, plot.x + plot.w / 2, plot.bottom() + 20, title, kTitleStyle, HAlign::centre,
            VAlign::top);
}

}  // namespace xdd::figures
