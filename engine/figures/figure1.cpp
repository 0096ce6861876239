#include "figures/figure1.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "figures/axes.h"
#include "figures/legend.h"
#include "figures/mean_interval.h"
#include "figures/text.h"

namespace xdd::figures {
namespace {

const std::vector<double> kChanceDash = {3, 2};

void check(const Figure1Data& d) {
  for (const auto& s : d.series) {
    if (s.values.size() != d.digits.size()) {
      throw InvalidArgument("Figure 1 series '" + s.name + "' has " +
                            std::to_string(s.values.size()) + " value lists for " +
                            std::to_string(d.digits.size()) + " digits");
    }
  }
  if (!d.chance.empty() && d.chance.size() != d.digits.size()) {
    throw InvalidArgument("Figure 1: " + std::to_string(d.chance.size()) + " chance levels for " +
                          std::to_string(d.digits.size()) + " digits");
  }
}

void draw_error_bar(cairo_t* cr, double x, double half_cap, double y_low, double y_high) {
  set_colour(cr, black());
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, x, y_low);
  cairo_line_to(cr, x, y_high);
  cairo_move_to(cr, x - half_cap, y_low);
  cairo_line_to(cr, x + half_cap, y_low);
  cairo_move_to(cr, x - half_cap, y_high);
  cairo_line_to(cr, x + half_cap, y_high);
  cairo_stroke(cr);
}

}  // namespace

void draw_figure1(cairo_t* cr, double width, double height, const Figure1Data& data) {
  check(data);
  std::vector<LegendEntry> legend;
  for (size_t s = 0; s < data.series.size(); ++s) {
    legend.push_back(
        {data.series[s].name, cycle_colour(static_cast<int>(s)), Mark::box, {}, false});
  }
  if (!data.chance.empty())
    legend.push_back({"chance level", black(), Mark::line, kChanceDash, false});

  draw_text(cr, width / 2, 8, data.title, TextStyle{11, true, black()}, HAlign::centre,
            VAlign::top);
  const double legend_h = draw_legend_rows(cr, 56, 26, width - 66, legend);
  const Rect plot{56, 32 + legend_h, width - 66, height - (32 + legend_h) - 50};
  const Scale y(0, 1);
  draw_y_axis(cr, plot, y, "AUPRC");

  const size_t n_digits = data.digits.size(), n_series = data.series.size();
  const double group = plot.w / static_cast<double>(std::max<size_t>(n_digits, 1));
  // At most 40 pt a bar, centred in its digit's slot: a figure of one or two digits (a study in
  // progress) keeps bars of the ten-digit figure's width instead of filling the frame.
  const double bar =
      std::min(group * 0.8 / static_cast<double>(std::max<size_t>(n_series, 1)), 40.0);
  const double bars_w = bar * static_cast<double>(n_series);
  const double y0 = y.map(0, plot.bottom(), plot.y);
  cairo_save(cr);
  cairo_rectangle(cr, plot.x, plot.y, plot.w, plot.h);
  cairo_clip(cr);  // an interval reaching past 1 is cut at the frame
  for (size_t i = 0; i < n_digits; ++i) {
    const double slot = plot.x + group * static_cast<double>(i);
    const double left = slot + (group - bars_w) / 2;
    for (size_t s = 0; s < n_series; ++s) {
      const MeanInterval m = mean_interval95(data.series[s].values[i]);
      if (m.n == 0) continue;
      const double x = left + bar * static_cast<double>(s);
      const double top = y.map(m.mean, plot.bottom(), plot.y);
      set_colour(cr, cycle_colour(static_cast<int>(s)));
      cairo_rectangle(cr, x, top, bar, y0 - top);
      cairo_fill(cr);
      if (m.n > 1) {
        draw_error_bar(cr, x + bar / 2, std::min(bar / 4, 4.0), y.map(m.low, plot.bottom(), plot.y),
                       y.map(m.high, plot.bottom(), plot.y));
      }
    }
    if (!data.chance.empty() && std::isfinite(data.chance[i])) {
      const double py = y.map(data.chance[i], plot.bottom(), plot.y);
      set_colour(cr, black());
      cairo_set_line_width(cr, 1.0);
      cairo_set_dash(cr, kChanceDash.data(), static_cast<int>(kChanceDash.size()), 0);
      cairo_move_to(cr, slot + group * 0.05, py);
      cairo_line_to(cr, slot + group * 0.95, py);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    }
  }
  cairo_restore(cr);
  draw_frame(cr, plot);
  const TextStyle tick{8, false, black()};
  for (size_t i = 0; i < n_digits; ++i) {
    draw_text(cr, plot.x + group * (static_cast<double>(i) + 0.5), plot.bottom() + 5,
              std::to_string(data.digits[i]), tick, HAlign::centre, VAlign::top);
  }
  draw_text(cr, plot.x + plot.w / 2, plot.bottom() + 18, "held-out digit",
            TextStyle{9, false, black()}, HAlign::centre, VAlign::top);
  draw_text(cr, width - 6, height - 4,
            "bars: mean over repetitions; error bars: 95% interval (Student t)",
            TextStyle{7, false, grey(0.35)}, HAlign::right, VAlign::bottom);
}

void write_figure1(const std::filesystem::path& path, const Figure1Data& data,
                   const FigureOutput& out) {
  check(data);  // before any file is touched
  write_figure(path, out, [&](cairo_t* cr, double w, double h) { draw_figure1(cr, w, h, data); });
}

}  // namespace xdd::figures
