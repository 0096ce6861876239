#include "render/stored_scatter.h"

#include <algorithm>
#include <cmath>

#include "render/scatter_markers.h"
#include "widgets/scatter_colors.h"

namespace xdd::gui {

StoredScatter::StoredScatter() : renderer_(std::make_unique<ScatterRenderer>()) {}

void StoredScatter::set_layout(std::shared_ptr<const TsneLayout> layout, int holdout,
                               int labeled_per_class) {
  if (layout == layout_ && holdout == holdout_ && labeled_per_class == per_class_) return;
  layout_ = std::move(layout);
  holdout_ = holdout;
  per_class_ = std::max(1, labeled_per_class);
  restyle();
}

void StoredScatter::restyle() {
  order_.clear();
  content_changed_ = true;
  if (!layout_ || !layout_->frame) return;
  const auto& labels = layout_->frame->labels;
  const auto n = static_cast<std::int32_t>(
      std::min<std::int64_t>(layout_->test_count, static_cast<std::int64_t>(labels.size())));
  for (int pass = 0; pass < 2; ++pass) {
    for (std::int32_t i = 0; i < n; ++i) {
      if ((labels[i] == holdout_) == (pass == 1)) order_.push_back(i);
    }
  }
  std::vector<std::uint32_t> colors(order_.size());
  std::vector<float> diameters(order_.size()), outlines(order_.size()), xy(2 * order_.size());
  for (size_t k = 0; k < order_.size(); ++k) {
    const std::int32_t i = order_[k];
    const bool held_out = labels[i] == holdout_;
    colors[k] = digit_color(labels[i], held_out ? 255 : 215);
    diameters[k] = held_out ? 5.0f : 3.0f;
    outlines[k] = held_out ? 1.0f : 0.0f;
    xy[2 * k] = layout_->xy[2 * static_cast<size_t>(i)];
    xy[2 * k + 1] = layout_->xy[2 * static_cast<size_t>(i) + 1];
  }
  renderer_->set_styles(colors, diameters, outlines);
  renderer_->set_positions(xy);
}

void StoredScatter::draw(const char* id, ImVec2 size) {
  size.x = std::max(size.x, 32.0f);
  size.y = std::max(size.y, 32.0f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 corner(origin.x + size.x, origin.y + size.y);
  if (!layout_) {
    draw->AddRect(origin, corner, IM_COL32(150, 150, 150, 255));
    const char* text = "no stored layout";
    const ImVec2 t = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2(origin.x + 0.5f * (size.x - t.x), origin.y + 0.5f * (size.y - t.y)),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), text);
    return;
  }
  view_.set_canvas(origin, size);
  view_.fit(bounds_of(layout_->xy.data(),
                      static_cast<long>(layout_->test_count + layout_->labeled_count)));
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const int width = static_cast<int>(size.x * scale.x), height = static_cast<int>(size.y * scale.y);
  if (content_changed_ || width != rendered_width_ || height != rendered_height_) {
    renderer_->render(width, height, view_.transform(), IM_COL32(255, 255, 255, 255), kMarkerInk);
    content_changed_ = false;
    rendered_width_ = width;
    rendered_height_ = height;
  }
  draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(renderer_->texture())),
                 origin, corner, ImVec2(0, 1), ImVec2(1, 0));
  draw->PushClipRect(origin, corner, true);
  for (std::int64_t j = 0; j < layout_->labeled_count; ++j) {
    const std::int64_t k = layout_->test_count + j;
    const ImVec2 c = view_.to_screen(layout_->xy[2 * k], layout_->xy[2 * k + 1]);
    if ((j / per_class_) % 2 == 0) {
      circle_marker(draw, c, 3.5f, 1.3f);
    } else {
      cross_marker(draw, c, 3.0f, 1.3f);
    }
  }
  const DataBounds b = bounds_of(layout_->xy.data(), static_cast<long>(layout_->test_count));
  if (b.valid() && std::max(b.max_x - b.min_x, b.max_y - b.min_y) < 1e-9f) {
    // t-SNE put every point in one place (the embedding collapsed): say so, or it looks empty.
    draw->AddText(ImVec2(origin.x + 6, origin.y + 4), kMarkerInk, "all points in one place");
  }
  draw->PopClipRect();
  draw->AddRect(origin, corner, IM_COL32(150, 150, 150, 255));
  if (hovered) draw_tooltip(ImGui::GetIO().MousePos);
}

void StoredScatter::draw_tooltip(ImVec2 mouse) const {
  // The nearest test point within a few pixels (a linear scan: only while hovered).
  const float pick = 6.0f;
  float best = pick * pick;
  long found = -1;
  for (std::int32_t i : order_) {
    const ImVec2 p = view_.to_screen(layout_->xy[2 * i], layout_->xy[2 * i + 1]);
    const float d2 = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
    if (d2 <= best) {
      best = d2;
      found = i;
    }
  }
  if (found < 0) return;
  const EmbeddingFrame& frame = *layout_->frame;
  ImGui::BeginTooltip();
  ImGui::Text("Digit %d%s", frame.labels[found],
              frame.labels[found] == holdout_ ? " (held out)" : "");
  if (found < static_cast<long>(frame.scores.size())) {
    ImGui::Text("Anomaly score %.4g", frame.scores[found]);
  }
  ImGui::TextDisabled("Test image %ld", found + 1);
  ImGui::EndTooltip();
}

}  // namespace xdd::gui
