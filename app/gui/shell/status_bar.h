#pragma once
// The status bar along the bottom edge: status and phase, progress, ETA, steps per second,
// training threads and the UI's frame time.
#include <imgui.h>

#include "session/snapshot.h"

namespace xdd {

void draw_status_bar(const Snapshot& snapshot, int panel_threads, double frame_ms, ImVec2 pos,
                     ImVec2 size);

// "1 h 02 min", "3 min 05 s", "42 s"; "—" for a negative (unknown) time.
std::string format_duration(double seconds);

}  // namespace xdd
