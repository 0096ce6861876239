#include "widgets/info_plane_frame.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xdd {
namespace {

double to_axis(double v, bool symlog) {
  return symlog ? std::copysign(std::log10(1.0 + std::abs(v)), v) : v;
}
double from_axis(double t, bool symlog) {
  return symlog ? std::copysign(std::pow(10.0, std::abs(t)) - 1.0, t) : t;
}

}  // namespace

double plane_y_axis(double v, bool symlog) {
  return to_axis(v, symlog);
}

double plane_log_n(const PlaneData& d) {
  return std::log(static_cast<double>(std::max<int64_t>(d.n, 1)));
}

PlaneFrame plane_frame(const PlaneData& d, ImVec2 p0, ImVec2 p1, float band,
                       const PlaneView& view) {
  const bool fit = view.fit;
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo, y_lo = x_lo, y_hi = -x_lo;
  for (const PlanePath& p : d.paths) {
    for (const PlanePoint& q : p.points) {
      x_lo = std::min(x_lo, q.ixz), x_hi = std::max(x_hi, q.ixz);
      const double t = to_axis(q.izy, view.symlog);
      y_lo = std::min(y_lo, t), y_hi = std::max(y_hi, t);
    }
  }
  const bool no_points = !(x_lo <= x_hi);
  if (no_points) {  // the whole plane, [0, log N] x [0, H(Y)]: ticks that say where the paths go
    x_lo = y_lo = 0.0;
    x_hi = y_hi = -std::numeric_limits<double>::infinity();
  }
  if (!fit || no_points) {
    x_lo = std::min(x_lo, plane_log_n(d)), x_hi = std::max(x_hi, plane_log_n(d));
    y_lo = std::min(y_lo, to_axis(d.h_y, view.symlog));
    y_hi = std::max(y_hi, to_axis(d.h_y, view.symlog));
  }
  const double xs = std::max(x_hi - x_lo, 1e-3), ys = std::max(y_hi - y_lo, 1e-3);
  const double top = std::max(0.05, 1.05 * band / std::max(1.0, double(p1.y - p0.y - band)));
  return PlaneFrame{
      p0, p1, x_lo - 0.05 * xs, x_hi + 0.05 * xs, y_lo - 0.05 * ys, y_hi + top * ys, view.symlog};
}

AxisTicks plane_y_ticks(const PlaneFrame& f, int max_ticks) {
  if (!f.symlog) return nice_ticks(f.y_lo, f.y_hi, max_ticks);
  std::vector<double> candidates = {0.0};
  for (int k = 0; k <= 6; ++k) {
    candidates.push_back(std::pow(10.0, k));
    candidates.push_back(-std::pow(10.0, k));
  }
  std::sort(candidates.begin(), candidates.end());
  AxisTicks out;
  out.step = 1.0;
  for (double v : candidates) {
    const double t = to_axis(v, true);
    if (t >= f.y_lo && t <= f.y_hi) out.values.push_back(v);
  }
  if (out.values.size() < 2) {  // less than a decade: linear ticks between the ends
    return nice_ticks(from_axis(f.y_lo, true), from_axis(f.y_hi, true), max_ticks);
  }
  const size_t stride = (out.values.size() + max_ticks - 1) / std::max(1, max_ticks);
  if (stride > 1) {
    std::vector<double> thinned;
    for (size_t i = 0; i < out.values.size(); i += stride) thinned.push_back(out.values[i]);
    out.values = thinned;
  }
  return out;
}

void draw_plane_axes(ImDrawList* dl, const PlaneFrame& f, const AxisTicks& xt, const AxisTicks& yt,
                     const std::vector<std::string>& y_labels) {
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.3f);
  for (size_t k = 0; k < yt.values.size(); ++k) {
    const float py = f.map(f.x_lo, yt.values[k]).y;
    dl->AddLine(ImVec2(f.p0.x, py), ImVec2(f.p1.x, py), grid);
    const ImVec2 ts = ImGui::CalcTextSize(y_labels[k].c_str());
    dl->AddText(ImVec2(f.p0.x - ts.x - 4, py - ts.y / 2), text, y_labels[k].c_str());
  }
  for (double v : xt.values) {
    const float px = f.map(v, 0.0).x;
    dl->AddLine(ImVec2(px, f.p0.y), ImVec2(px, f.p1.y), grid);
    const std::string label = format_tick(v, xt.step);
    dl->AddText(ImVec2(px - ImGui::CalcTextSize(label.c_str()).x / 2, f.p1.y + 4), text,
                label.c_str());
  }
  dl->AddRect(f.p0, f.p1, text);
}

}  // namespace xdd
