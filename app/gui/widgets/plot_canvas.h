#pragma once
// The rectangle a plot draws in, reserved at the cursor as one invisible button so that ImGui lays
// it out and hit-tests it like any other widget. Shared by the line plots, the bar chart and the
// information plane.
#include <imgui.h>

namespace xdd {

struct PlotCanvas {
  ImVec2 origin{0, 0};
  ImVec2 size{0, 0};
  bool hovered = false;
  ImDrawList* draw_list = nullptr;
};

// A component of `size` <= 0 means the space available plus that amount (at least 50 px).
// `reserve_below` is taken off the height, for a line the caller writes under the plot.
PlotCanvas place_plot_canvas(const char* id, ImVec2 size, float reserve_below = 0.0f);

}  // namespace xdd
