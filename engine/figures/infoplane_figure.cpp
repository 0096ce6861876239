#include "figures/infoplane_figure.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "figures/axes.h"
#include "figures/markers.h"
#include "figures/text.h"

namespace xdd::figures {
namespace {

const Mark kEndMarks[] = {Mark::circle, Mark::box, Mark::triangle, Mark::cross};

void check(const InfoPlaneFigureData& d) {
  for (const auto& p : d.paths) {
    if (p.ixz.size() != p.izy.size()) {
      throw InvalidArgument("information-plane path '" + p.label + "' has " +
                            std::to_string(p.ixz.size()) + " I(X;Z) and " +
                            std::to_string(p.izy.size()) + " I(Z;Y) values");
    }
  }
}

bool finite(const InfoPlanePath& p, size_t i) {
  return std::isfinite(p.ixz[i]) && std::isfinite(p.izy[i]);
}

void draw_time_bar(cairo_t* cr, const Rect& bar) {
  cairo_pattern_t* ramp = cairo_pattern_create_linear(0, bar.bottom(), 0, bar.y);
  for (int k = 0; k <= 8; ++k) {
    const Rgb c = time_ramp(k / 8.0);
    cairo_pattern_add_color_stop_rgb(ramp, k / 8.0, c.r, c.g, c.b);
  }
  cairo_rectangle(cr, bar.x, bar.y, bar.w, bar.h);
  cairo_set_source(cr, ramp);
  cairo_fill(cr);
  cairo_pattern_destroy(ramp);
  const TextStyle small{8, false, black()};
  draw_text(cr, bar.x + bar.w / 2, bar.y - 3, "late", small, HAlign::centre, VAlign::bottom);
  draw_text(cr, bar.x + bar.w / 2, bar.bottom() + 3, "early", small, HAlign::centre, VAlign::top);
}

}  // namespace

void draw_infoplane_figure(cairo_t* cr, double width, double height,
                           const InfoPlaneFigureData& data) {
  check(data);
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const auto& p : data.paths) {
    for (size_t i = 0; i < p.ixz.size(); ++i) {
      if (!finite(p, i)) continue;
      x0 = std::min(x0, p.ixz[i]), x1 = std::max(x1, p.ixz[i]);
      y0 = std::min(y0, p.izy[i]), y1 = std::max(y1, p.izy[i]);
    }
  }
  const Scale sx = Scale::nice(x0, x1), sy = Scale::nice(y0, y1);
  draw_text(cr, width / 2, 8, data.title, TextStyle{11, true, black()}, HAlign::centre,
            VAlign::top);
  const Rect plot{60, 30, width - 130, height - 72};
  draw_y_axis(cr, plot, sy, "I(Z;Y)");
  draw_x_axis(cr, plot, sx, "I(X;Z)");
  draw_time_bar(cr, Rect{plot.right() + 40, plot.y + 16, 10, plot.h * 0.6});

  cairo_save(cr);
  cairo_rectangle(cr, plot.x - 6, plot.y - 6, plot.w + 12, plot.h + 12);
  cairo_clip(cr);
  cairo_set_line_width(cr, 1.5);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  struct Label {
    double x, y;
    std::string text;
  };
  std::vector<Label> labels;  // drawn after the clip, so a label near the frame stays whole
  for (size_t k = 0; k < data.paths.size(); ++k) {
    const auto& p = data.paths[k];
    const size_t n = p.ixz.size();
    auto px = [&](size_t i) { return sx.map(p.ixz[i], plot.x, plot.right()); };
    auto py = [&](size_t i) { return sy.map(p.izy[i], plot.bottom(), plot.y); };
    auto when = [&](size_t i) { return n > 1 ? static_cast<double>(i) / (n - 1) : 1.0; };
    for (size_t i = 0; i + 1 < n; ++i) {  // each segment takes the colour of its start
      if (!finite(p, i) || !finite(p, i + 1)) continue;
      set_colour(cr, time_ramp(when(i)));
      cairo_move_to(cr, px(i), py(i));
      cairo_line_to(cr, px(i + 1), py(i + 1));
      cairo_stroke(cr);
    }
    size_t last = n;
    for (size_t i = n; i-- > 0;) {
      if (finite(p, i)) {
        last = i;
        break;
      }
    }
    if (last == n) continue;
    const Mark mark = kEndMarks[k % 4];
    set_colour(cr, black());
    cairo_set_line_width(cr, 1.0);
    add_marker(cr, mark, px(last), py(last), 3);
    is_stroked(mark) ? cairo_stroke(cr) : cairo_fill(cr);
    cairo_set_line_width(cr, 1.5);
    labels.push_back({px(last) + 5, py(last) - 3, p.label});
  }
  cairo_restore(cr);
  for (const auto& l : labels) draw_text(cr, l.x, l.y, l.text, TextStyle{8, false, black()});
  draw_frame(cr, plot);
}

void write_infoplane_figure(const std::filesystem::path& path, const InfoPlaneFigureData& data,
                            const FigureOutput& out) {
  check(data);
  write_figure(path, out,
               [&](cairo_t* cr, double w, double h) { draw_infoplane_figure(cr, w, h, data); });
}

}  // namespace xdd::figures
