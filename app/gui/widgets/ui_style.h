#pragma once
// Fonts, themes and the colours every plot shares, for the normal and the presentation mode.
#include <imgui.h>

namespace xdd {

struct UiFonts {
  ImFont* normal = nullptr;  // DejaVu Sans for desktop use
  ImFont* large = nullptr;   // DejaVu Sans big enough to read from the back of a lecture hall
};

// Loads DejaVu Sans at two sizes (ImGui's built-in font when the file is missing). Call after the
// ImGui context exists and before the first frame.
UiFonts load_fonts();

// Dark theme for desktop use; a high-contrast light theme (black on white, thick borders, bigger
// padding) for projectors.
void apply_theme(bool presentation);

// The paper's Figure 1 colours (matplotlib's first two): blue = before, orange = after.
constexpr ImU32 kBeforeColor = IM_COL32(31, 119, 180, 255);
constexpr ImU32 kAfterColor = IM_COL32(255, 127, 14, 255);

// A distinct colour for plot series i (matplotlib's tab10 cycle).
ImU32 series_color(int i);

}  // namespace xdd
