#pragma once
// A line plot widget on ImGui draw lists: one value per step for each series, axes with ticks, a
// legend, a hover read-out (step and every series' value) and an optional log10 y axis. Long
// series are drawn as per-pixel min/max envelopes, so 100,000 steps cost what ~2 x width do.
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/shared_series.h"

namespace xdd {

struct PlotSeries {
  std::string name;
  const SharedSeries<float>* values = nullptr;  // values[i] belongs to step first_step + i
  ImU32 color = 0;
};

struct LinePlotOptions {
  bool log_y = false;
  const char* x_label = "step";
  int64_t first_step = 1;  // the step of values[0] (a resumed pre-training starts later)
};

// Draws into a size.x x size.y area at the cursor (negative sizes: fill the remaining space, as
// ImGui widgets do). With log_y, series holding a value <= 0 cannot be drawn: they are left out and
// named under the plot.
void draw_line_plot(const char* id, const std::vector<PlotSeries>& series,
                    const LinePlotOptions& options, ImVec2 size);

}  // namespace xdd
