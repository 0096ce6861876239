#pragma once
// The information-plane plot on ImGui draw lists: I(X;Z) across, I(Z;Y) up (nats), axes with
// ticks, the upper limits log N and H(Y) as labelled dashed guides, the current run's path shaded
// from early (faint) to late (strong) with a large marker on its newest point, the other runs in
// their own colours with a legend, and a hover read-out of the nearest point.
#include <imgui.h>

#include "widgets/info_plane_data.h"
#include "widgets/info_plane_frame.h"

namespace xdd {

// Draws into a size.x x size.y area at the cursor (negative sizes: fill the remaining space).
void draw_info_plane(const char* id, const PlaneData& data, const PlaneView& view, ImVec2 size);

}  // namespace xdd
