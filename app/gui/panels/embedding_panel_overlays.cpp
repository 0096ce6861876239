// The Embedding window's text and overlays: the header (stage, t-SNE progress, controls), the
// labeled-example markers, the legend or colour bar, the hover tooltip and the selection summary.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "panels/embedding_panel.h"
#include "render/scatter_markers.h"

namespace xdd::gui {
namespace {

constexpr ImU32 kInk = kMarkerInk;
constexpr float kPickPixels = 7.0f;

std::string stage_words(const EmbeddingFrame& frame) {
  switch (frame.stage) {
    case EmbeddingStage::kBefore:
      return "Before re-training (after pre-training)";
    case EmbeddingStage::kAfter:
      return "After re-training";
    case EmbeddingStage::kDuring:
      return "During re-training, step " + std::to_string(frame.step);
  }
  return stage_name(frame.stage);
}

// A filled dot in the text flow, then the cursor moves on beside it.
void swatch(ImU32 color) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 0.5f * h, p.y + 0.5f * h), 0.35f * h,
                                              color);
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine(0.0f, 2.0f);
}

}  // namespace

void EmbeddingPanel::draw_header(Controller& controller, bool stored) {
  const Snapshot& live = controller.snapshot();
  const LiveTsneFeed& tsne = controller.live_tsne();
  if (stored) {
    // A stored layout: written by the run at SPEC §6's settings; nothing is computed here.
    if (layout_ && showing_fixed_) {
      ImGui::Text("%s: stored t-SNE layout, %lld points", stage_words(*layout_->frame).c_str(),
                  static_cast<long long>(layout_->test_count + layout_->labeled_count));
    }
  } else if (layout_ && layout_->frame) {
    ImGui::TextUnformatted(stage_words(*layout_->frame).c_str());
    if (live.embedding && layout_->frame != live.embedding) {
      ImGui::SameLine();
      ImGui::TextDisabled("(t-SNE catching up with step %lld)",
                          static_cast<long long>(live.embedding->step));
    }
  } else {
    ImGui::TextUnformatted("No embedding yet");
  }
  const LiveTsneStatus st = tsne.status();
  if (!stored && layout_) {
    ImGui::TextDisabled("t-SNE %s | iteration %d | KL %.3f | %lld points | %d thread%s | %.0f it/s",
                        live_tsne_state_name(st.state), layout_->iteration, layout_->kl,
                        static_cast<long long>(layout_->test_count + layout_->labeled_count),
                        st.threads, st.threads == 1 ? "" : "s", st.iterations_per_second);
  } else if (!stored && st.state == LiveTsneState::kPreparing) {
    ImGui::TextDisabled("t-SNE preparing (PCA and affinities)");
  }
  if (!stored && st.state == LiveTsneState::kFailed) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.9f, 0.25f, 0.2f, 1.0f));
    ImGui::TextWrapped("t-SNE could not use the last embedding: %s", st.error.c_str());
    ImGui::PopStyleColor();
  }

  ImGui::TextUnformatted("Colour by");
  ImGui::SameLine();
  if (ImGui::RadioButton("digit", color_mode_ == ColorMode::kLabel))
    color_mode_ = ColorMode::kLabel;
  ImGui::SameLine();
  if (ImGui::RadioButton("anomaly score", color_mode_ == ColorMode::kScore)) {
    color_mode_ = ColorMode::kScore;
  }
  ImGui::SameLine();
  if (ImGui::Button("Fit view")) auto_fit_ = true;
  ImGui::SameLine();
  if (ImGui::Button("Export...")) export_clicked_ = true;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "The scatter before and after re-training as SVG, PDF or PNG (Figures 2-3), "
        "or the layout and the scores as CSV");
  }
  if (!stored) {
    ImGui::SameLine();
    if (ImGui::Button("t-SNE threads")) ImGui::OpenPopup("tsne_threads");
  }
  if (ImGui::BeginPopup("tsne_threads")) {
    int training = tsne.training_threads(), idle = tsne.idle_threads();
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    bool changed = ImGui::SliderInt("while training", &training, 1, 16);
    ImGui::SetNextItemWidth(8.0f * ImGui::GetFontSize());
    changed |= ImGui::SliderInt("otherwise", &idle, 1, 16);
    if (changed) controller.set_tsne_threads(training, idle);
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Drag to pan, wheel to zoom, double-click to fit.\nShift-drag to select a box; "
        "shift-click to clear.\nHover a point for its test image.");
  }
}

void EmbeddingPanel::draw_labeled_markers(bool presentation_mode) {
  if (!layout_) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::vector<float>& xy = animation_.positions();
  const float r = presentation_mode ? 6.0f : 4.5f;
  const float thickness = presentation_mode ? 2.2f : 1.6f;
  const int per_class = std::max(1, config_.labeled_per_class);
  for (std::int64_t j = 0; j < layout_->labeled_count; ++j) {
    const std::int64_t k = layout_->test_count + j;
    const ImVec2 c = view_.to_screen(xy[2 * k], xy[2 * k + 1]);
    // Circles and crosses alternate from one known digit to the next.
    if ((j / per_class) % 2 == 0) {
      circle_marker(draw, c, r, thickness);
    } else {
      cross_marker(draw, c, r * 0.85f, thickness);
    }
  }
}

void EmbeddingPanel::draw_legend(int holdout) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight() * 1.15f;
  const float pad = 6.0f;
  const ImVec2 origin(view_.canvas_origin().x + 8.0f, view_.canvas_origin().y + 8.0f);
  const bool by_label = color_mode_ == ColorMode::kLabel;
  const int rows = (by_label ? 10 : 7) + (layout_ && layout_->labeled_count > 0 ? 1 : 0);
  const float width = ImGui::CalcTextSize("0 held out").x + line + 2.0f * pad;
  const ImVec2 box_end(origin.x + std::max(width, ImGui::CalcTextSize("x labeled").x + 2 * line),
                       origin.y + rows * line + 2.0f * pad);
  draw->AddRectFilled(origin, box_end, IM_COL32(255, 255, 255, 225), 4.0f);
  draw->AddRect(origin, box_end, IM_COL32(170, 170, 170, 255), 4.0f);
  float y = origin.y + pad;
  const float x = origin.x + pad;
  char text[64];
  if (by_label) {
    for (int d = 0; d < 10; ++d, y += line) {
      const ImVec2 c(x + 0.5f * line, y + 0.5f * line);
      draw->AddCircleFilled(c, 0.3f * line, digit_color(d));
      if (d == holdout) draw->AddCircle(c, 0.3f * line, kInk, 12, 1.5f);
      std::snprintf(text, sizeof(text), d == holdout ? "%d held out" : "%d", d);
      draw->AddText(ImVec2(x + line, y), kInk, text);
    }
  } else {
    // Colour bar: high scores (anomalous) at the top.
    const float bar_top = y, bar_bottom = y + 6.0f * line;
    const int steps = 24;
    for (int s = 0; s < steps; ++s) {
      const float t0 = static_cast<float>(s) / steps, t1 = static_cast<float>(s + 1) / steps;
      draw->AddRectFilled(ImVec2(x, bar_bottom - t1 * (bar_bottom - bar_top)),
                          ImVec2(x + 0.6f * line, bar_bottom - t0 * (bar_bottom - bar_top) + 0.5f),
                          score_color(0.5f * (t0 + t1)));
    }
    std::snprintf(text, sizeof(text), "%.3g", score_range_.high);
    draw->AddText(ImVec2(x + line, bar_top), kInk, text);
    draw->AddText(ImVec2(x + line, 0.5f * (bar_top + bar_bottom) - 0.5f * line), kInk, "score");
    std::snprintf(text, sizeof(text), "%.3g", score_range_.low);
    draw->AddText(ImVec2(x + line, bar_bottom - line), kInk, text);
    y = bar_bottom;
    std::snprintf(text, sizeof(text), "%d outlined", holdout);
    draw->AddText(ImVec2(x, y), kInk, text);
    y += line;
  }
  if (layout_ && layout_->labeled_count > 0) {
    circle_marker(draw, ImVec2(x + 0.3f * line, y + 0.5f * line), 0.22f * line, 1.4f);
    cross_marker(draw, ImVec2(x + 0.9f * line, y + 0.5f * line), 0.2f * line, 1.4f);
    draw->AddText(ImVec2(x + 1.4f * line, y), kInk, "labeled");
  }
}

void EmbeddingPanel::draw_tooltip(const Snapshot& snapshot) {
  hovered_test_ = hovered_labeled_ = -1;
  if (!layout_) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const std::vector<float>& xy = animation_.positions();
  float best = kPickPixels * kPickPixels;
  for (std::int64_t j = 0; j < layout_->labeled_count; ++j) {
    const std::int64_t k = layout_->test_count + j;
    const ImVec2 c = view_.to_screen(xy[2 * k], xy[2 * k + 1]);
    const float d2 = (c.x - mouse.x) * (c.x - mouse.x) + (c.y - mouse.y) * (c.y - mouse.y);
    if (d2 <= best) {
      best = d2;
      hovered_labeled_ = static_cast<long>(j);
    }
  }
  if (hovered_labeled_ < 0) {
    if (grid_stale_) {
      grid_.build(xy.data(), static_cast<long>(layout_->test_count));
      grid_stale_ = false;
    }
    const ImVec2 at = view_.to_data(mouse);
    hovered_test_ = grid_.nearest(at.x, at.y, kPickPixels / view_.pixels_per_unit());
  }
  if (hovered_labeled_ >= 0) {
    const int digit = labeled_digit(hovered_labeled_);
    ImGui::BeginTooltip();
    ImGui::Text("Labeled example %ld", hovered_labeled_ + 1);
    if (digit >= 0) ImGui::Text("Digit %d", digit);
    ImGui::TextDisabled("one of the %lld examples XDD re-trains on",
                        static_cast<long long>(layout_->labeled_count));
    ImGui::EndTooltip();
    return;
  }
  if (hovered_test_ < 0) return;
  const EmbeddingFrame& frame = *layout_->frame;
  const long i = hovered_test_;
  const int digit = frame.labels[i];
  constexpr size_t kPixels = DigitThumbnail::kSide * DigitThumbnail::kSide;
  const auto& images = snapshot.test_images;
  ImGui::BeginTooltip();
  if (images && images->size() >= (static_cast<size_t>(i) + 1) * kPixels && thumbnail_) {
    const auto key =
        (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(images.get())) << 20) ^
        static_cast<std::uint64_t>(i);
    thumbnail_->show(images->data() + static_cast<size_t>(i) * kPixels, key);
    const float side = 4.0f * DigitThumbnail::kSide;
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(thumbnail_->texture())),
                 ImVec2(side, side));
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  swatch(digit_color(digit));
  ImGui::Text("Digit %d%s", digit, digit == snapshot.config.holdout ? " (held out)" : "");
  if (i < static_cast<long>(frame.scores.size())) {
    ImGui::Text("Anomaly score %.4g", frame.scores[i]);
  }
  ImGui::TextDisabled("Test image %ld", i + 1);
  ImGui::EndGroup();
  ImGui::EndTooltip();
}

void EmbeddingPanel::draw_selection_summary(int holdout) {
  if (selection_.empty()) return;
  ImGui::Text("Selected %zu:", selection_.size());
  for (int d = 0; d < 10; ++d) {
    if (selection_counts_[d] == 0) continue;
    ImGui::SameLine();
    swatch(digit_color(d));
    ImGui::Text(d == holdout ? "%d*: %d" : "%d: %d", d, selection_counts_[d]);
  }
  const double share =
      static_cast<double>(selection_counts_[holdout % 10]) / static_cast<double>(selection_.size());
  ImGui::Text("Held-out digit %d: %.1f%% of the selection", holdout, 100.0 * share);
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear selection")) {
    selection_.clear();
    selected_.clear();
    ++selection_version_;
  }
}

}  // namespace xdd::gui
