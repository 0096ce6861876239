#include "widgets/plot_legend.h"

namespace xdd {

float layout_legend(ImDrawList* dl, const std::vector<LegendItem>& items, float x0, float x1,
                    float y0) {
  if (items.empty()) return 0.0f;
  const float font = ImGui::GetFontSize();
  const float row_h = ImGui::GetTextLineHeightWithSpacing();
  const float box = font * 0.7f, mark_w = items.size() > 0 ? font * 1.1f : 0.0f;
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  float x = x0, y = y0;
  for (const LegendItem& item : items) {
    const float swatch = item.line ? mark_w : box;
    const float w = swatch + 4 + ImGui::CalcTextSize(item.name.c_str()).x;
    if (x > x0 && x + w > x1) {  // next row
      x = x0;
      y += row_h;
    }
    if (dl) {
      const float mid = y + font * 0.5f;
      if (item.line) {
        dl->AddLine(ImVec2(x, mid), ImVec2(x + swatch, mid), item.color, 2.0f);
      } else {
        dl->AddRectFilled(ImVec2(x, mid - box / 2), ImVec2(x + box, mid + box / 2), item.color);
      }
      dl->AddText(ImVec2(x + swatch + 4, y), text, item.name.c_str());
    }
    x += w + font * 0.9f;
  }
  return y - y0 + row_h;
}

}  // namespace xdd
