#include "widgets/line_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/axis_ticks.h"
#include "widgets/plot_canvas.h"
#include "widgets/plot_legend.h"

namespace xdd {
namespace {

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool valid() const { return lo <= hi; }
};

bool all_positive(const SharedSeries<float>& v) {
  return std::all_of(v.begin(), v.end(), [](float x) { return !(x <= 0.0f); });
}

double transform(float v, bool log_y) {
  return log_y ? std::log10(static_cast<double>(v)) : v;
}

// The y range of the drawable series, padded so lines do not touch the frame.
Range y_range(const std::vector<const PlotSeries*>& drawn, bool log_y) {
  Range r;
  for (const PlotSeries* s : drawn) {
    for (float v : *s->values) {
      if (std::isfinite(v)) r.add(transform(v, log_y));
    }
  }
  if (!r.valid()) return Range{0.0, 1.0};
  const double pad = r.hi > r.lo ? 0.05 * (r.hi - r.lo) : std::max(1e-3, 0.1 * std::abs(r.hi));
  return Range{r.lo - pad, r.hi + pad};
}

// One series as a polyline; runs of points that share a pixel column collapse to their min and
// max (in the order they occur), which keeps spikes visible.
void draw_series(ImDrawList* dl, const PlotSeries& s, bool log_y, ImVec2 p0, ImVec2 p1,
                 double x_max, const Range& y) {
  const SharedSeries<float>& v = *s.values;
  const float w = p1.x - p0.x, h = p1.y - p0.y;
  auto to_x = [&](size_t i) {
    return p0.x + w * static_cast<float>(x_max > 1 ? static_cast<double>(i) / (x_max - 1) : 0.5);
  };
  auto to_y = [&](double t) { return p1.y - h * static_cast<float>((t - y.lo) / (y.hi - y.lo)); };
  std::vector<ImVec2> line;
  // Separate segments rather than one AddPolyline: ImGui's polyline joins thin out at the sharp
  // turns of a noisy loss curve, which looks like gaps.
  const float thickness = std::clamp(ImGui::GetFontSize() / 10.0f, 1.5f, 3.0f);
  auto flush = [&] {
    for (size_t k = 1; k < line.size(); ++k) dl->AddLine(line[k - 1], line[k], s.color, thickness);
    if (line.size() == 1) dl->AddCircleFilled(line[0], thickness + 0.5f, s.color);
    line.clear();
  };
  size_t i = 0;
  while (i < v.size()) {
    const float column = std::floor(to_x(i));
    size_t lo_i = i, hi_i = i, end = i;
    bool gap = false;
    for (; end < v.size() && std::floor(to_x(end)) == column; ++end) {
      if (!std::isfinite(v[end])) {
        gap = true;
        break;
      }
      if (v[end] < v[lo_i]) lo_i = end;
      if (v[end] > v[hi_i]) hi_i = end;
    }
    if (end > i) {
      const size_t a = std::min(lo_i, hi_i), b = std::max(lo_i, hi_i);
      line.push_back(ImVec2(to_x(a), to_y(transform(v[a], log_y))));
      if (b != a) line.push_back(ImVec2(to_x(b), to_y(transform(v[b], log_y))));
    }
    if (gap) {
      flush();
      ++end;  // skip the non-finite value
    }
    i = end;
  }
  flush();
}

void draw_hover(const std::vector<const PlotSeries*>& drawn, size_t n, int64_t first_step,
                ImVec2 p0, ImVec2 p1, ImDrawList* dl) {
  const float mx = ImGui::GetIO().MousePos.x;
  const double t = std::clamp((mx - p0.x) / (p1.x - p0.x), 0.0f, 1.0f);
  const size_t i = n > 1 ? static_cast<size_t>(std::lround(t * (n - 1))) : 0;
  const float x = p0.x + (p1.x - p0.x) * static_cast<float>(n > 1 ? double(i) / (n - 1) : 0.5);
  dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), ImGui::GetColorU32(ImGuiCol_TextDisabled));
  ImGui::BeginTooltip();
  ImGui::Text("step %lld", static_cast<long long>(first_step + static_cast<int64_t>(i)));
  for (const PlotSeries* s : drawn) {
    if (i >= s->values->size()) continue;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s->color), "%s: %.5g", s->name.c_str(),
                       (*s->values)[i]);
  }
  ImGui::EndTooltip();
}

}  // namespace

void draw_line_plot(const char* id, const std::vector<PlotSeries>& series,
                    const LinePlotOptions& options, ImVec2 size) {
  std::vector<const PlotSeries*> drawn;
  std::vector<LegendItem> legend;
  std::string skipped;
  size_t n = 0;
  for (const PlotSeries& s : series) {
    if (!s.values || s.values->empty()) continue;
    if (options.log_y && !all_positive(*s.values)) {
      skipped += (skipped.empty() ? "" : ", ") + s.name;
      continue;
    }
    drawn.push_back(&s);
    legend.push_back({s.name, s.color});
    n = std::max(n, s.values->size());
  }

  const PlotCanvas canvas =
      place_plot_canvas(id, size, skipped.empty() ? 0.0f : ImGui::GetTextLineHeightWithSpacing());
  const ImVec2 origin = canvas.origin;
  size = canvas.size;
  const bool hovered = canvas.hovered;
  ImDrawList* dl = canvas.draw_list;
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.35f);
  const float font = ImGui::GetFontSize();

  // Vertical layout first (legend rows, then the plot, then two rows of x labels), so the y ticks
  // are known before the left margin is sized to their widest label.
  const float legend_h = layout_legend(nullptr, legend, origin.x, origin.x + size.x, origin.y);
  const float top = origin.y + legend_h + font * 0.3f;
  const float bottom = origin.y + size.y - line_h * 1.8f;
  if (bottom - top < 20) return;
  const Range y = y_range(drawn, options.log_y);
  const int max_y_ticks = std::max(2, static_cast<int>((bottom - top) / (line_h * 1.8f)));
  const AxisTicks yt =
      options.log_y ? log_ticks(y.lo, y.hi, max_y_ticks) : nice_ticks(y.lo, y.hi, max_y_ticks);
  std::vector<std::string> y_labels;
  float label_w = 0;
  for (double v : yt.values) {
    y_labels.push_back(options.log_y ? format_power_of_ten(v) : format_tick(v, yt.step));
    label_w = std::max(label_w, ImGui::CalcTextSize(y_labels.back().c_str()).x);
  }
  const ImVec2 p0(origin.x + label_w + font * 0.5f, top);
  const ImVec2 p1(origin.x + size.x - font * 0.8f, bottom);
  if (p1.x - p0.x < 20) return;
  layout_legend(dl, legend, origin.x, origin.x + size.x, origin.y);

  for (size_t k = 0; k < yt.values.size(); ++k) {
    const float py =
        p1.y - (p1.y - p0.y) * static_cast<float>((yt.values[k] - y.lo) / (y.hi - y.lo));
    dl->AddLine(ImVec2(p0.x, py), ImVec2(p1.x, py), grid);
    const ImVec2 ts = ImGui::CalcTextSize(y_labels[k].c_str());
    dl->AddText(ImVec2(p0.x - ts.x - 4, py - ts.y / 2), text, y_labels[k].c_str());
  }
  const double x_max = static_cast<double>(std::max<size_t>(n, 1));
  const int max_x_ticks = std::max(2, static_cast<int>((p1.x - p0.x) / (font * 5)));
  const double first = static_cast<double>(options.first_step);
  const AxisTicks xt = nice_ticks(first, first + std::max(1.0, x_max - 1), max_x_ticks);
  for (double v : xt.values) {
    if (v > first + x_max - 1) break;
    const float px =
        p0.x + (p1.x - p0.x) * static_cast<float>(x_max > 1 ? (v - first) / (x_max - 1) : 0.5);
    dl->AddLine(ImVec2(px, p1.y), ImVec2(px, p1.y + 4), text);
    const std::string label = format_tick(v, std::max(1.0, xt.step));
    dl->AddText(ImVec2(px - ImGui::CalcTextSize(label.c_str()).x / 2, p1.y + 5), text,
                label.c_str());
  }
  const ImVec2 xl = ImGui::CalcTextSize(options.x_label);
  dl->AddText(ImVec2(p1.x - xl.x, p1.y + 5 + line_h * 0.75f), text, options.x_label);
  dl->AddRect(p0, p1, text);

  dl->PushClipRect(p0, p1, true);
  for (const PlotSeries* s : drawn) draw_series(dl, *s, options.log_y, p0, p1, x_max, y);
  dl->PopClipRect();
  if (hovered && n > 0 && ImGui::GetIO().MousePos.x >= p0.x)
    draw_hover(drawn, n, options.first_step, p0, p1, dl);
  if (n == 0) {
    const char* msg = "no data yet";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((p0.x + p1.x - ts.x) / 2, (p0.y + p1.y - ts.y) / 2), grid, msg);
  }
  if (!skipped.empty()) {
    ImGui::TextDisabled("log scale n/a (values <= 0): %s", skipped.c_str());
  }
}

}  // namespace xdd
