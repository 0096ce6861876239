#include "figures/loss_figure.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "figures/axes.h"
#include "figures/legend.h"
#include "figures/text.h"

namespace xdd::figures {
namespace {

const std::vector<std::vector<double>> kDashes = {{}, {5, 2}, {1.5, 1.5}, {6, 2, 1.5, 2}};

template <typename T>
int index_of(std::vector<T>& list, const T& v) {
  auto it = std::find(list.begin(), list.end(), v);
  if (it != list.end()) return static_cast<int>(it - list.begin());
  list.push_back(v);
  return static_cast<int>(list.size()) - 1;
}

void check(const LossFigureData& d) {
  for (const auto& s : d.series) {
    if (s.step.size() != s.value.size()) {
      throw InvalidArgument("loss figure: series '" + s.run + " / " + s.term + "' has " +
                            std::to_string(s.step.size()) + " steps and " +
                            std::to_string(s.value.size()) + " values");
    }
  }
}

}  // namespace

void draw_loss_figure(cairo_t* cr, double width, double height, const LossFigureData& data) {
  check(data);
  std::vector<std::string> runs, terms;
  for (const auto& s : data.series) index_of(runs, s.run), index_of(terms, s.term);
  const bool compare = runs.size() > 1;

  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  const Scale probe(1, 10, data.log_y);
  for (const auto& s : data.series) {
    for (size_t i = 0; i < s.step.size(); ++i) {
      if (!std::isfinite(s.step[i]) || !probe.drawable(s.value[i])) continue;
      x0 = std::min(x0, s.step[i]), x1 = std::max(x1, s.step[i]);
      y0 = std::min(y0, s.value[i]), y1 = std::max(y1, s.value[i]);
    }
  }
  const Scale sx = Scale::nice(x0, x1), sy = Scale::nice(y0, y1, data.log_y);
  // A term with nothing drawable (all <= 0 on a log axis) says so in the legend.
  std::vector<bool> term_drawn(terms.size(), false);
  for (const auto& s : data.series) {
    for (double v : s.value) {
      if (probe.drawable(v)) term_drawn[static_cast<size_t>(index_of(terms, s.term))] = true;
    }
  }
  auto term_text = [&](size_t t) { return term_drawn[t] ? terms[t] : terms[t] + " (not shown)"; };

  std::vector<LegendEntry> legend;
  if (compare) {
    for (size_t r = 0; r < runs.size(); ++r) {
      legend.push_back({runs[r], cycle_colour(static_cast<int>(r)), Mark::line, {}, false});
    }
    for (size_t t = 0; t < terms.size(); ++t) {
      legend.push_back({term_text(t), grey(0.2), Mark::line, kDashes[t % kDashes.size()], false});
    }
  } else {
    for (size_t t = 0; t < terms.size(); ++t) {
      legend.push_back({term_text(t), cycle_colour(static_cast<int>(t)), Mark::line, {}, false});
    }
  }
  std::string title = data.title;
  if (!compare && !runs.empty() && !runs[0].empty()) title += ": " + runs[0];
  draw_text(cr, width / 2, 8, title, TextStyle{11, true, black()}, HAlign::centre, VAlign::top);
  const double legend_h = draw_legend_rows(cr, 60, 26, width - 70, legend);
  const Rect plot{60, 34 + legend_h, width - 72, height - (34 + legend_h) - 42};
  draw_y_axis(cr, plot, sy, data.log_y ? "value (log scale; values <= 0 not shown)" : "value");
  draw_x_axis(cr, plot, sx, "step");

  cairo_save(cr);
  cairo_rectangle(cr, plot.x, plot.y, plot.w, plot.h);
  cairo_clip(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const auto& s : data.series) {
    const int r = index_of(runs, s.run), t = index_of(terms, s.term);
    set_colour(cr, cycle_colour(compare ? r : t));
    const auto& dash = compare ? kDashes[static_cast<size_t>(t) % kDashes.size()] : kDashes[0];
    cairo_set_dash(cr, dash.data(), static_cast<int>(dash.size()), 0);
    bool pen_down = false;
    for (size_t i = 0; i < s.step.size(); ++i) {
      if (!std::isfinite(s.step[i]) || !sy.drawable(s.value[i])) {
        pen_down = false;  // a gap, not a line through a missing value
        continue;
      }
      const double px = sx.map(s.step[i], plot.x, plot.right());
      const double py = sy.map(s.value[i], plot.bottom(), plot.y);
      pen_down ? cairo_line_to(cr, px, py) : cairo_move_to(cr, px, py);
      pen_down = true;
    }
    cairo_stroke(cr);
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_restore(cr);
  draw_frame(cr, plot);
}

void write_loss_figure(const std::filesystem::path& path, const LossFigureData& data,
                       const FigureOutput& out) {
  check(data);
  write_figure(path, out,
               [&](cairo_t* cr, double w, double h) { draw_loss_figure(cr, w, h, data); });
}

}  // namespace xdd::figures
