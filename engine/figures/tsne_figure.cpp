#include "figures/tsne_figure.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"
#include "figures/axes.h"
#include "figures/legend.h"
#include "figures/markers.h"
#include "figures/text.h"

namespace xdd::figures {
namespace {

void check(const ScatterPoints& p, const std::string& what) {
  if (p.x.size() != p.y.size() || p.x.size() != p.label.size()) {
    throw InvalidArgument("t-SNE figure: " + what + " has " + std::to_string(p.x.size()) + " x, " +
                          std::to_string(p.y.size()) + " y and " + std::to_string(p.label.size()) +
                          " labels; they must match");
  }
}

void check(const TsneFigureData& d) {
  check(d.before.test, "'before' test points");
  check(d.before.labeled, "'before' labeled points");
  check(d.after.test, "'after' test points");
  check(d.after.labeled, "'after' labeled points");
}

Rgb digit_colour(int label) {
  return label < 0 ? grey(0.6) : cycle_colour(label);
}

// Data bounds of both point sets, padded 4 % so no marker touches the frame.
void bounds(const TsnePanel& p, Scale* sx, Scale* sy) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const ScatterPoints* s : {&p.test, &p.labeled}) {
    for (size_t i = 0; i < s->x.size(); ++i) {
      if (!std::isfinite(s->x[i]) || !std::isfinite(s->y[i])) continue;
      x0 = std::min(x0, s->x[i]), x1 = std::max(x1, s->x[i]);
      y0 = std::min(y0, s->y[i]), y1 = std::max(y1, s->y[i]);
    }
  }
  if (!(x1 >= x0)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  const double px = std::max(x1 - x0, 1e-9) * 0.04, py = std::max(y1 - y0, 1e-9) * 0.04;
  *sx = Scale(x0 - px, x1 + px);
  *sy = Scale(y0 - py, y1 + py);
}

// All points of one digit as one path: one fill per colour keeps SVG and PDF files small.
void draw_digit(cairo_t* cr, const ScatterPoints& s, int digit, const Rect& r, const Scale& sx,
                const Scale& sy, double radius, double alpha) {
  bool any = false;
  for (size_t i = 0; i < s.x.size(); ++i) {
    if (s.label[i] != digit || !std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
    add_marker(cr, Mark::triangle, sx.map(s.x[i], r.x, r.right()), sy.map(s.y[i], r.bottom(), r.y),
               radius);
    any = true;
  }
  if (!any) return;
  set_colour(cr, digit_colour(digit), alpha);
  cairo_fill(cr);
}

Mark labeled_mark(int label, const std::vector<int>& known) {
  const auto rank = std::find(known.begin(), known.end(), label) - known.begin();
  return rank % 2 == 0 ? Mark::circle : Mark::cross;
}

void draw_panel(cairo_t* cr, const TsnePanel& p, const Rect& r, int heldout,
                const std::vector<int>& known) {
  draw_text(cr, r.x + r.w / 2, r.y - 4, p.title, TextStyle{9, true, black()}, HAlign::centre,
            VAlign::bottom);
  set_colour(cr, grey(0.5));
  cairo_set_line_width(cr, 0.6);
  cairo_rectangle(cr, r.x, r.y, r.w, r.h);
  cairo_stroke(cr);
  if (p.test.x.empty() && p.labeled.x.empty()) {
    draw_text(cr, r.x + r.w / 2, r.y + r.h / 2, "no layout", TextStyle{9, false, grey(0.4)},
              HAlign::centre, VAlign::middle);
    return;
  }
  Scale sx(0, 1), sy(0, 1);
  bounds(p, &sx, &sy);
  const double size = std::clamp(r.w / 260.0, 0.8, 2.5);
  std::set<int> labels(p.test.label.begin(), p.test.label.end());
  for (int d : labels) {
    if (d != heldout) draw_digit(cr, p.test, d, r, sx, sy, size, 0.75);
  }
  if (labels.count(heldout)) draw_digit(cr, p.test, heldout, r, sx, sy, size * 1.3, 1.0);
  set_colour(cr, black());
  cairo_set_line_width(cr, 0.8);
  for (size_t i = 0; i < p.labeled.x.size(); ++i) {
    if (!std::isfinite(p.labeled.x[i]) || !std::isfinite(p.labeled.y[i])) continue;
    add_marker(cr, labeled_mark(p.labeled.label[i], known), sx.map(p.labeled.x[i], r.x, r.right()),
               sy.map(p.labeled.y[i], r.bottom(), r.y), size * 1.8);
    cairo_stroke(cr);
  }
}

}  // namespace

void draw_tsne_figure(cairo_t* cr, double width, double height, const TsneFigureData& data) {
  check(data);
  std::set<int> digits;
  for (const TsnePanel* p : {&data.before, &data.after}) {
    digits.insert(p->test.label.begin(), p->test.label.end());
    digits.insert(p->labeled.label.begin(), p->labeled.label.end());
  }
  std::vector<int> known;
  std::vector<LegendEntry> legend;
  for (int d : digits) {
    const bool held = d == data.heldout;
    if (d >= 0 && !held) known.push_back(d);
    const std::string name = d < 0 ? "unknown" : std::to_string(d) + (held ? " (held out)" : "");
    legend.push_back({name, digit_colour(d), Mark::triangle, {}, held});
  }
  const bool any_labeled = !data.before.labeled.x.empty() || !data.after.labeled.x.empty();
  if (any_labeled) {
    legend.push_back({"labeled", black(), Mark::circle, {}, false});
    legend.push_back({"labeled (alt. class)", black(), Mark::cross, {}, false});
  }
  double top = 22;
  if (!data.title.empty()) {
    draw_text(cr, width / 2, 6, data.title, TextStyle{11, true, black()}, HAlign::centre,
              VAlign::top);
    top += 16;
  }
  const double legend_w = legend_column_width(cr, legend) + 14;
  const double avail_w = width - legend_w - 24, avail_h = height - top - 10;
  const double side = std::max(10.0, std::min(avail_w / 2, avail_h));
  const Rect left{10, top, side, side}, right{10 + side + 14, top, side, side};
  draw_panel(cr, data.before, left, data.heldout, known);
  draw_panel(cr, data.after, right, data.heldout, known);
  draw_legend_column(cr, right.right() + 12, top, legend);
}

void write_tsne_figure(const std::filesystem::path& path, const TsneFigureData& data,
                       const FigureOutput& out) {
  check(data);
  write_figure(path, out,
               [&](cairo_t* cr, double w, double h) { draw_tsne_figure(cr, w, h, data); });
}

}  // namespace xdd::figures
