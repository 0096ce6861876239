#pragma once
// The legend row shared by the plot widgets: a colour swatch (or a short line) and a name per item,
// left to right, wrapping onto more rows when the plot is narrow (presentation fonts).
#include <imgui.h>

#include <string>
#include <vector>

namespace xdd {

struct LegendItem {
  std::string name;
  ImU32 color = 0;
  bool line = false;  // a short line instead of a filled box (reference marks)
};

// Lays the items out in [x0, x1] from y0; draws them when `dl` is not null. Returns the height.
float layout_legend(ImDrawList* dl, const std::vector<LegendItem>& items, float x0, float x1,
                    float y0);

}  // namespace xdd
