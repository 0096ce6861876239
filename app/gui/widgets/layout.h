#pragma once
// The fixed tiling of the main window: every panel gets its own rectangle, together they fill the
// window (no overlaps, nothing to drag into place), recomputed each frame so resizing and full
// screen just work. The Embedding scatter, the heart of the app, gets the large centre.
#include <imgui.h>

namespace xdd {

struct Rect {
  ImVec2 pos, size;
};

struct Layout {
  Rect guide;  // caption strip of the guided sequence (zero height when the guide is off)
  Rect experiment, gan_samples;  // left column
  Rect embedding;                // centre
  Rect loss, auprc;              // right column (loss: the Loss terms / Information plane tabs)
  Rect status;                   // bottom strip
};

// `top` is the menu bar's height; `guide_height` 0 when the guide is not shown.
Layout tile_layout(ImVec2 display, float top, float status_height, float guide_height,
                   bool presentation);

// Flags for a tiled panel: it cannot be moved, resized or collapsed out of its rectangle.
constexpr ImGuiWindowFlags kTiledWindowFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;

// Places the next ImGui window exactly on `r` (every frame, so the tiling holds). Tiled windows
// draw no background of their own: the frame is cleared to the window colour instead, which
// halves the pixels a software renderer (llvmpipe under Xvfb) has to blend each frame.
void place_next_window(const Rect& r);

}  // namespace xdd
