#pragma once
// The black markers of the labeled examples on a white scatter canvas (circles and crosses,
// alternating between neighbouring classes, as the paper's Figures 2-3 draw them), each with a
// white halo so it stays readable over the coloured dots. Shared by the Embedding panel and the
// Compare tab's scatters.
#include <imgui.h>

namespace xdd::gui {

constexpr ImU32 kMarkerInk = IM_COL32(20, 20, 20, 255);      // markers and text on the canvas
constexpr ImU32 kMarkerHalo = IM_COL32(255, 255, 255, 230);  // around black markers

void circle_marker(ImDrawList* draw, ImVec2 centre, float radius, float thickness);
void cross_marker(ImDrawList* draw, ImVec2 centre, float radius, float thickness);

}  // namespace xdd::gui
