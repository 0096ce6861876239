#include "widgets/bar_chart.h"

#include <algorithm>

#include "widgets/axis_ticks.h"
#include "widgets/plot_canvas.h"
#include "widgets/plot_legend.h"

namespace xdd {
namespace {

void draw_error_bar(ImDrawList* dl, float x, float y_lo, float y_hi, float cap, ImU32 color) {
  dl->AddLine(ImVec2(x, y_lo), ImVec2(x, y_hi), color, 1.5f);
  dl->AddLine(ImVec2(x - cap, y_lo), ImVec2(x + cap, y_lo), color, 1.5f);
  dl->AddLine(ImVec2(x - cap, y_hi), ImVec2(x + cap, y_hi), color, 1.5f);
}

}  // namespace

void draw_bar_chart(const char* id, const std::vector<BarGroup>& groups, const BarChartOptions& o,
                    ImVec2 size) {
  const PlotCanvas canvas = place_plot_canvas(id, size);
  const ImVec2 origin = canvas.origin;
  size = canvas.size;
  const bool hovered = canvas.hovered;
  ImDrawList* dl = canvas.draw_list;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_TextDisabled, 0.35f);
  const float font = ImGui::GetFontSize();
  const float line_h = ImGui::GetTextLineHeightWithSpacing();

  std::vector<LegendItem> legend;
  for (size_t i = 0; i < o.series_names.size(); ++i) {
    legend.push_back({o.series_names[i], o.series_colors[i]});
  }
  legend.push_back({o.reference_name, text, true});
  const float legend_h = layout_legend(dl, legend, origin.x, origin.x + size.x, origin.y);
  const float label_w = ImGui::CalcTextSize("0.0").x;
  const ImVec2 p0(origin.x + label_w + font * 0.5f, origin.y + legend_h + font * 0.3f);
  const ImVec2 p1(origin.x + size.x - font * 0.5f, origin.y + size.y - line_h * 2.0f);
  if (p1.x - p0.x < 20 || p1.y - p0.y < 20 || groups.empty()) return;

  auto to_y = [&](double v) {
    return p1.y - (p1.y - p0.y) * static_cast<float>(std::clamp(v / o.y_max, 0.0, 1.0));
  };
  const AxisTicks yt = nice_ticks(0.0, o.y_max, std::max(2, int((p1.y - p0.y) / (line_h * 1.8f))));
  for (double v : yt.values) {
    const float y = to_y(v);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid);
    const std::string label = format_tick(v, yt.step);
    const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    dl->AddText(ImVec2(p0.x - ts.x - 4, y - ts.y / 2), text, label.c_str());
  }

  const float group_w = (p1.x - p0.x) / static_cast<float>(groups.size());
  const size_t series = o.series_names.size();
  const float bar_w = group_w * 0.8f / static_cast<float>(std::max<size_t>(1, series));
  const float mouse_x = ImGui::GetIO().MousePos.x;
  for (size_t g = 0; g < groups.size(); ++g) {
    const float gx = p0.x + group_w * static_cast<float>(g);
    const float left = gx + group_w * 0.1f;
    for (size_t s = 0; s < series && s < groups[g].bars.size(); ++s) {
      const Bar& bar = groups[g].bars[s];
      if (std::isnan(bar.value)) continue;
      const float x0 = left + bar_w * static_cast<float>(s);
      dl->AddRectFilled(ImVec2(x0, to_y(bar.value)), ImVec2(x0 + bar_w - 1, p1.y),
                        o.series_colors[s]);
      if (bar.error > 0) {
        draw_error_bar(dl, x0 + bar_w / 2, to_y(bar.value - bar.error), to_y(bar.value + bar.error),
                       bar_w * 0.2f, text);
      }
    }
    if (!std::isnan(groups[g].reference)) {
      const float y = to_y(groups[g].reference);
      dl->AddLine(ImVec2(gx + group_w * 0.04f, y), ImVec2(gx + group_w * 0.96f, y), text, 2.0f);
    }
    const ImVec2 ls = ImGui::CalcTextSize(groups[g].label.c_str());
    dl->AddText(ImVec2(gx + (group_w - ls.x) / 2, p1.y + 3), text, groups[g].label.c_str());
    if (hovered && mouse_x >= gx && mouse_x < gx + group_w && !groups[g].tooltip.empty()) {
      dl->AddRect(ImVec2(gx, p0.y), ImVec2(gx + group_w, p1.y), grid);
      ImGui::SetTooltip("%s", groups[g].tooltip.c_str());
    }
  }
  dl->AddRect(p0, p1, text);
  const ImVec2 xl = ImGui::CalcTextSize(o.x_label.c_str());
  dl->AddText(ImVec2((p0.x + p1.x - xl.x) / 2, p1.y + 3 + line_h), text, o.x_label.c_str());
}

}  // namespace xdd
