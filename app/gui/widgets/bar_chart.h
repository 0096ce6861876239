#pragma once
// A grouped bar chart on ImGui draw lists, in the style of the paper's Figure 1: one group per
// category (held-out digit), one bar per series (before / after), error bars, and a reference mark
// per group (chance level). Hovering a group shows its tooltip text.
#include <imgui.h>

#include <cmath>
#include <string>
#include <vector>

namespace xdd {

struct Bar {
  double value = NAN;  // NaN: no bar (no run yet)
  double error = 0.0;  // half-length of the error bar; 0 draws none
};

struct BarGroup {
  std::string label;
  std::vector<Bar> bars;   // one per series
  double reference = NAN;  // NaN: no mark
  std::string tooltip;
};

struct BarChartOptions {
  std::vector<std::string> series_names;
  std::vector<ImU32> series_colors;
  std::string reference_name = "chance";
  std::string x_label;
  double y_max = 1.0;  // the y axis runs from 0 to y_max
};

void draw_bar_chart(const char* id, const std::vector<BarGroup>& groups,
                    const BarChartOptions& options, ImVec2 size);

}  // namespace xdd
