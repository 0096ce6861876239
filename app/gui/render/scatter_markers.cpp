#include "render/scatter_markers.h"

namespace xdd::gui {

void circle_marker(ImDrawList* draw, ImVec2 c, float r, float thickness) {
  draw->AddCircle(c, r, kMarkerHalo, 16, thickness + 2.0f);
  draw->AddCircle(c, r, kMarkerInk, 16, thickness);
}

void cross_marker(ImDrawList* draw, ImVec2 c, float r, float thickness) {
  for (int pass = 0; pass < 2; ++pass) {
    const ImU32 col = pass == 0 ? kMarkerHalo : kMarkerInk;
    const float t = pass == 0 ? thickness + 2.0f : thickness;
    draw->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, t);
    draw->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), col, t);
  }
}

}  // namespace xdd::gui
