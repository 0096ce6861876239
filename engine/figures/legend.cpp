#include "figures/legend.h"

#include <algorithm>

#include "figures/text.h"

namespace xdd::figures {
namespace {

constexpr double kSample = 14;  // width of the sample before each text
constexpr double kGap = 4;

void draw_sample(cairo_t* cr, const LegendEntry& e, double x, double y_mid, double size) {
  set_colour(cr, e.colour);
  const double r = size * 0.35;
  const double cx = x + kSample / 2;
  if (e.mark == Mark::box) {
    cairo_rectangle(cr, x + 2, y_mid - r, kSample - 4, 2 * r);
    cairo_fill(cr);
    return;
  }
  cairo_set_line_width(cr, e.mark == Mark::line ? 1.5 : 1.0);
  if (e.mark == Mark::line) {
    cairo_set_dash(cr, e.dash.data(), static_cast<int>(e.dash.size()), 0);
    cairo_move_to(cr, x, y_mid);
    cairo_line_to(cr, x + kSample, y_mid);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    return;
  }
  add_marker(cr, e.mark, cx, y_mid, r);
  if (is_stroked(e.mark)) {
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
}

TextStyle style_of(const LegendEntry& e, double size) {
  return TextStyle{size, e.bold, black()};
}

double entry_width(cairo_t* cr, const LegendEntry& e, double size) {
  return kSample + kGap + text_width(cr, e.text, style_of(e, size));
}

}  // namespace

double draw_legend_rows(cairo_t* cr, double x, double y, double max_width,
                        const std::vector<LegendEntry>& entries, double font_size) {
  const double line = font_size * 1.6;
  double cx = x, cy = y;
  for (const auto& e : entries) {
    const double w = entry_width(cr, e, font_size);
    if (cx > x && cx + w > x + max_width) {
      cx = x;
      cy += line;
    }
    draw_sample(cr, e, cx, cy + line / 2, font_size);
    draw_text(cr, cx + kSample + kGap, cy + line / 2, e.text, style_of(e, font_size), HAlign::left,
              VAlign::middle);
    cx += w + 3 * kGap;
  }
  return entries.empty() ? 0 : cy + line - y;
}

double legend_column_width(cairo_t* cr, const std::vector<LegendEntry>& entries, double font_size) {
  double w = 0;
  for (const auto& e : entries) w = std::max(w, entry_width(cr, e, font_size));
  return w;
}

double draw_legend_column(cairo_t* cr, double x, double y, const std::vector<LegendEntry>& entries,
                          double font_size) {
  const double line = font_size * 1.6;
  for (size_t i = 0; i < entries.size(); ++i) {
    const double mid = y + (static_cast<double>(i) + 0.5) * line;
    draw_sample(cr, entries[i], x, mid, font_size);
    draw_text(cr, x + kSample + kGap, mid, entries[i].text, style_of(entries[i], font_size),
              HAlign::left, VAlign::middle);
  }
  return legend_column_width(cr, entries, font_size);
}

}  // namespace xdd::figures
