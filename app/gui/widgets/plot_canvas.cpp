#include "widgets/plot_canvas.h"

#include <algorithm>

namespace xdd {

PlotCanvas place_plot_canvas(const char* id, ImVec2 size, float reserve_below) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = std::max(50.0f, avail.x + size.x);
  if (size.y <= 0) size.y = std::max(50.0f, avail.y + size.y);
  size.y -= reserve_below;
  PlotCanvas canvas;
  canvas.origin = ImGui::GetCursorScreenPos();
  canvas.size = size;
  ImGui::InvisibleButton(id, size);
  canvas.hovered = ImGui::IsItemHovered();
  canvas.draw_list = ImGui::GetWindowDrawList();
  return canvas;
}

}  // namespace xdd
