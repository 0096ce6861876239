#include "widgets/info_plane_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "widgets/axis_ticks.h"
#include "widgets/plot_canvas.h"
#include "widgets/plot_legend.h"

namespace xdd {
namespace {

ImU32 mix(ImU32 a, ImU32 b, float t) {
  const ImVec4 ca = ImGui::ColorConvertU32ToFloat4(a), cb = ImGui::ColorConvertU32ToFloat4(b);
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(ca.x + (cb.x - ca.x) * t, ca.y + (cb.y - ca.y) * t, ca.z + (cb.z - ca.z) * t, 1.0f));
}

// The current run's colour at t in [0, 1] (early to late): from faint to full contrast.
ImU32 ramp(float t) {
  const ImU32 bg = ImGui::GetColorU32(ImGuiCol_WindowBg), fg = ImGui::GetColorU32(ImGuiCol_Text);
  return mix(bg, fg, 0.22f + 0.78f * std::clamp(t, 0.0f, 1.0f));
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash, float thickness) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (len <= 0) return;
  for (float s = 0; s < len; s += 2 * dash) {
    const float e = std::min(len, s + dash);
    dl->AddLine(ImVec2(a.x + dx * s / len, a.y + dy * s / len),
                ImVec2(a.x + dx * e / len, a.y + dy * e / len), color, thickness);
  }
}

// One path as segments between screen points at least ~1.5 px apart (long runs cost what their
// pixels do), each segment coloured by where its start lies in the run.
void draw_path(ImDrawList* dl, const PlanePath& p, const PlaneFrame& f, float thickness) {
  const size_t n = p.points.size();
  ImVec2 last = f.map(p.points[0].ixz, p.points[0].izy);
  size_t last_i = 0;
  for (size_t i = 1; i < n; ++i) {
    const ImVec2 q = f.map(p.points[i].ixz, p.points[i].izy);
    const float dx = q.x - last.x, dy = q.y - last.y;
    if (dx * dx + dy * dy < 2.25f && i + 1 < n) continue;
    const ImU32 c =
        p.current ? ramp(static_cast<float>(last_i) / static_cast<float>(n - 1)) : p.color;
    dl->AddLine(last, q, c, thickness);
    last = q;
    last_i = i;
  }
  const float font = ImGui::GetFontSize();
  const ImVec2 start = f.map(p.points[0].ixz, p.points[0].izy);
  const ImVec2 end = f.map(p.points[n - 1].ixz, p.points[n - 1].izy);
  if (p.current) {  // the newest point: a large marker with a ring in the background colour
    dl->AddCircleFilled(end, font * 0.42f, ImGui::GetColorU32(ImGuiCol_Text));
    dl->AddCircle(end, font * 0.42f, ImGui::GetColorU32(ImGuiCol_WindowBg), 0, 2.0f);
    dl->AddCircle(start, font * 0.2f, ramp(0.0f), 0, thickness);
  } else {
    dl->AddCircleFilled(end, font * 0.22f, p.color);
    dl->AddCircle(start, font * 0.2f, p.color, 0, thickness);
  }
}

// Dashed lines at log N and H(Y), labelled in the band at the top; a limit outside the zoomed
// frame is only named, with an arrow towards it.
void draw_guides(ImDrawList* dl, const PlaneData& d, const PlaneFrame& f) {
  const ImU32 c = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float font = ImGui::GetFontSize(), text_h = ImGui::GetTextLineHeight();
  const ImVec2 corner = f.map(plane_log_n(d), d.h_y);
  const bool x_in = corner.x <= f.p1.x, y_in = corner.y >= f.p0.y;
  if (x_in)
    dashed_line(dl, ImVec2(corner.x, f.p0.y), ImVec2(corner.x, f.p1.y), c, font * 0.4f, 1.5f);
  if (y_in)
    dashed_line(dl, ImVec2(f.p0.x, corner.y), ImVec2(f.p1.x, corner.y), c, font * 0.4f, 1.5f);
  char h_label[64], n_label[64];
  std::snprintf(h_label, sizeof h_label, "H(Y) %s %.2f%s", d.h_y_exact ? "=" : "≈", d.h_y,
                y_in ? "" : " ↑");
  std::snprintf(n_label, sizeof n_label, "log %lld = %.2f%s", static_cast<long long>(d.n),
                plane_log_n(d), x_in ? "" : " →");
  // Both labels at the top right, where the paths rarely go (the newest point often sits on H(Y)
  // near the left): log N at its line, H(Y) just before it; where that is too narrow, H(Y) at the
  // left.
  const float nw = ImGui::CalcTextSize(n_label).x, hw = ImGui::CalcTextSize(h_label).x;
  const float right = x_in ? corner.x : f.p1.x;
  const float nx = std::max(f.p0.x + 4, right - nw - 4);
  const float hx = nx - hw - font > f.p0.x + 4 ? nx - hw - font : f.p0.x + 4;
  dl->AddText(ImVec2(nx, f.p0.y + 2), c, n_label);
  dl->AddText(ImVec2(hx, y_in ? corner.y - text_h - 2 : f.p0.y + 2), c, h_label);
}

// The point nearest the mouse within a few pixels: tooltip and a ring around it.
void draw_hover(ImDrawList* dl, const PlaneData& d, const PlaneFrame& f) {
  const ImVec2 m = ImGui::GetIO().MousePos;
  const float reach = std::max(8.0f, ImGui::GetFontSize() * 0.8f);
  float best = reach * reach;
  const PlanePath* path = nullptr;
  const PlanePoint* point = nullptr;
  for (const PlanePath& p : d.paths) {
    for (const PlanePoint& q : p.points) {
      const ImVec2 s = f.map(q.ixz, q.izy);
      const float d2 = (s.x - m.x) * (s.x - m.x) + (s.y - m.y) * (s.y - m.y);
      if (d2 <= best) best = d2, path = &p, point = &q;
    }
  }
  if (!point) return;
  const ImU32 fg = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddCircle(f.map(point->ixz, point->izy), ImGui::GetFontSize() * 0.5f, fg, 0, 2.0f);
  ImGui::BeginTooltip();
  if (path->current) {
    ImGui::TextUnformatted(path->label.c_str());
  } else {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(path->color), "%s", path->label.c_str());
  }
  ImGui::TextDisabled("%s", path->source.c_str());
  ImGui::Text("step %lld%s", static_cast<long long>(point->step),
              point->step == 0 ? " (pre-trained GAN)" : "");
  ImGui::Text("β = %g", path->beta);
  ImGui::Text("I(X;Z) = %.4f nats", point->ixz);
  ImGui::Text("I(Z;Y) = %.4f nats", point->izy);
  ImGui::EndTooltip();
}

std::vector<LegendItem> legend_items(const PlaneData& d) {
  std::vector<LegendItem> items;
  for (const PlanePath& p : d.paths) {
    items.push_back({p.label, p.current ? ramp(1.0f) : p.color, true});
  }
  return items;
}

}  // namespace

void draw_info_plane(const char* id, const PlaneData& data, const PlaneView& view, ImVec2 size) {
  const PlotCanvas canvas = place_plot_canvas(id, size);
  const ImVec2 origin = canvas.origin;
  size = canvas.size;
  const bool hovered = canvas.hovered;
  ImDrawList* dl = canvas.draw_list;
  const float font = ImGui::GetFontSize(), line_h = ImGui::GetTextLineHeightWithSpacing();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);

  const std::vector<LegendItem> legend = legend_items(data);
  const float legend_h = layout_legend(nullptr, legend, origin.x, origin.x + size.x, origin.y);
  // The axes' names share the row under the x ticks (y at the left, x at the right) when they
  // fit side by side; otherwise the y axis' name takes a row above the frame.
  const char* y_label = "↑ I(Z;Y), nats";
  const char* x_label = "I(X;Z), nats →";
  const float yw = ImGui::CalcTextSize(y_label).x, xw = ImGui::CalcTextSize(x_label).x;
  const bool names_below = yw + xw + font * 2 < size.x;
  const float top = origin.y + legend_h + (names_below ? font * 0.3f : line_h);
  const float bottom = origin.y + size.y - line_h * 1.9f;
  if (bottom - top < 3 * line_h) return;
  // The ticks need the frame's height, the frame's left edge the widest tick label: estimate the
  // frame from a provisional margin, then fix the margin.
  const float band = line_h * 1.2f;
  PlaneFrame f = plane_frame(data, ImVec2(origin.x + font * 3, top),
                             ImVec2(origin.x + size.x - font * 0.8f, bottom), band, view);
  const AxisTicks yt =
      plane_y_ticks(f, std::max(2, static_cast<int>((bottom - top) / (line_h * 1.8f))));
  std::vector<std::string> y_labels;
  float label_w = 0;
  for (double v : yt.values) {
    y_labels.push_back(format_tick(v, yt.step));
    label_w = std::max(label_w, ImGui::CalcTextSize(y_labels.back().c_str()).x);
  }
  f.p0.x = origin.x + label_w + font * 0.5f;
  if (f.p1.x - f.p0.x < 4 * font) return;
  const AxisTicks xt =
      nice_ticks(f.x_lo, f.x_hi, std::max(2, static_cast<int>((f.p1.x - f.p0.x) / (font * 4))));

  layout_legend(dl, legend, origin.x, origin.x + size.x, origin.y);
  const float names_y = f.p1.y + 4 + line_h * 0.8f;
  dl->AddText(names_below ? ImVec2(origin.x, names_y) : ImVec2(origin.x, top - line_h), text,
              y_label);
  draw_plane_axes(dl, f, xt, yt, y_labels);
  dl->AddText(ImVec2(f.p1.x - xw, names_y), text, x_label);

  dl->PushClipRect(f.p0, f.p1, true);
  draw_guides(dl, data, f);
  const float thickness = std::clamp(font / 9.0f, 1.5f, 3.0f);
  for (const PlanePath& p : data.paths) draw_path(dl, p, f, thickness);
  if (data.paths.empty()) {
    const char* msg = "no points yet: they appear when re-training starts";
    const ImVec2 ts = ImGui::CalcTextSize(msg);
    dl->AddText(ImVec2((f.p0.x + f.p1.x - ts.x) / 2, (f.p0.y + f.p1.y - ts.y) / 2),
                ImGui::GetColorU32(ImGuiCol_TextDisabled), msg);
  }
  dl->PopClipRect();
  if (hovered) draw_hover(dl, data, f);
}

}  // namespace xdd
