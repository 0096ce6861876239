#include "widgets/layout.h"

#include <algorithm>

namespace xdd {

Layout tile_layout(ImVec2 display, float top, float status_height, float guide_height,
                   bool presentation) {
  Layout l;
  const float w = display.x;
  const float y0 = top + guide_height;
  const float h = std::max(100.0f, display.y - y0 - status_height);
  l.guide = {ImVec2(0, top), ImVec2(w, guide_height)};
  l.status = {ImVec2(0, display.y - status_height), ImVec2(w, status_height)};

  // Column widths: the plots' labels need more room with presentation fonts.
  const float left = std::clamp(w * (presentation ? 0.25f : 0.22f), 280.0f, 620.0f);
  const float right = std::clamp(w * (presentation ? 0.33f : 0.30f), 320.0f, 800.0f);
  const float centre = std::max(200.0f, w - left - right);

  const float experiment_h = h * (presentation ? 0.45f : 0.68f);
  l.experiment = {ImVec2(0, y0), ImVec2(left, experiment_h)};
  l.gan_samples = {ImVec2(0, y0 + experiment_h), ImVec2(left, h - experiment_h)};
  l.embedding = {ImVec2(left, y0), ImVec2(centre, h)};
  const float loss_h = h * (presentation ? 0.42f : 0.5f);
  l.loss = {ImVec2(left + centre, y0), ImVec2(right, loss_h)};
  l.auprc = {ImVec2(left + centre, y0 + loss_h), ImVec2(right, h - loss_h)};
  return l;
}

void place_next_window(const Rect& r) {
  ImGui::SetNextWindowPos(r.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(r.size, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.0f);  // ImGui skips fully transparent fills
}

}  // namespace xdd
