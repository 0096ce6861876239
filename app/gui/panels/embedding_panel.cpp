#include "panels/embedding_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/atomic_file.h"
#include "core/error.h"
#include "logic/layout_export.h"
#include "panels/panel_exports.h"
#include "widgets/layout.h"

namespace xdd::gui {
namespace {

constexpr std::uint32_t kCanvasBackground = IM_COL32(255, 255, 255, 255);
constexpr std::uint32_t kOutline = IM_COL32(20, 20, 20, 255);
constexpr const char* kCollapsed = "all points in one place: the embedding collapsed";

}  // namespace

EmbeddingPanel::EmbeddingPanel(std::function<void()> wake) : wake_(std::move(wake)) {
  try {
    renderer_ = std::make_unique<ScatterRenderer>();
    thumbnail_ = std::make_unique<DigitThumbnail>();
  } catch (const std::exception& e) {
    // No scatter without shaders, but the rest of the app keeps working; the window says why.
    renderer_.reset();
    renderer_error_ = e.what();
  }
}

EmbeddingPanel::~EmbeddingPanel() = default;

void EmbeddingPanel::take_layout(double now, std::shared_ptr<const TsneLayout> latest, bool fixed) {
  showing_fixed_ = fixed && latest != nullptr;
  if (latest && latest != layout_) {
    if (layout_ && latest->test_count != layout_->test_count) {
      selection_.clear();
      selected_.clear();
      ++selection_version_;
    }
    if (layout_ && latest->generation != layout_->generation) {
      // A fresh layout (a new run): show it at once and fit it, wherever the view was.
      animation_.clear();
      auto_fit_ = true;
    }
    layout_ = std::move(latest);
    animation_.set_target(layout_->xy, now);
    grid_stale_ = positions_changed_ = true;
  }
  if (animation_.update(now)) grid_stale_ = positions_changed_ = true;
  if (animation_.moving() && wake_) wake_();  // keep frames coming until the points arrive
}

int EmbeddingPanel::labeled_digit(std::int64_t i) const {
  if (!layout_) return -1;
  return gui::labeled_digit(i, layout_->labeled_count, config_.holdout, config_.labeled_per_class);
}

void EmbeddingPanel::restyle(int holdout, bool presentation_mode) {
  const EmbeddingFrame& frame = *layout_->frame;
  const auto n = static_cast<std::int32_t>(layout_->test_count);
  if (static_cast<std::int64_t>(frame.labels.size()) != n) return;  // cannot happen (tsne_input)
  if (styled_frame_ != layout_->frame) score_range_ = score_range(frame.scores);
  selected_.resize(static_cast<size_t>(n), 0);
  count_selection();

  // Drawing order: the other digits, then the held-out digit, then the selection, on top.
  order_.clear();
  for (int pass = 0; pass < 3; ++pass) {
    for (std::int32_t i = 0; i < n; ++i) {
      const int layer = selected_[i] ? 2 : (frame.labels[i] == holdout ? 1 : 0);
      if (layer == pass) order_.push_back(i);
    }
  }
  const float base = presentation_mode ? 6.0f : 4.0f;
  std::vector<std::uint32_t> colors(order_.size());
  std::vector<float> diameters(order_.size()), outlines(order_.size());
  for (size_t k = 0; k < order_.size(); ++k) {
    const std::int32_t i = order_[k];
    const bool held_out = frame.labels[i] == holdout;
    const float score = i < static_cast<std::int32_t>(frame.scores.size()) ? frame.scores[i] : 0.0f;
    colors[k] = color_mode_ == ColorMode::kLabel
                    ? digit_color(frame.labels[i], held_out ? 255 : 215)
                    : score_color(score_range_.normalise(score), held_out ? 255 : 230);
    diameters[k] = held_out ? base + 3.0f : base;
    outlines[k] = held_out ? 1.0f : 0.0f;
    if (selected_[i]) {
      diameters[k] += 2.0f;
      outlines[k] = 2.0f;
    }
  }
  renderer_->set_styles(colors, diameters, outlines);
  positions_changed_ = true;  // the order changed
  styled_frame_ = layout_->frame;
  styled_holdout_ = holdout;
  styled_mode_ = color_mode_;
  styled_presentation_ = presentation_mode;
  styled_selection_ = selection_version_;
}

void EmbeddingPanel::select_box(const DataBounds& box) {
  if (!layout_) return;
  if (grid_stale_) {
    grid_.build(animation_.positions().data(), static_cast<long>(layout_->test_count));
    grid_stale_ = false;
  }
  selection_ = grid_.inside(box);
  selected_.assign(static_cast<size_t>(layout_->test_count), 0);
  for (long i : selection_) selected_[i] = 1;
  ++selection_version_;
  count_selection();
}

void EmbeddingPanel::count_selection() {
  selection_counts_.fill(0);
  if (!layout_) return;
  const auto& labels = layout_->frame->labels;
  for (long i : selection_) {
    if (i < static_cast<long>(labels.size())) ++selection_counts_[labels[i] % 10];
  }
}

bool EmbeddingPanel::draw(Controller& controller, bool presentation_mode, const Snapshot* stored,
                          std::shared_ptr<const TsneLayout> stored_layout) {
  export_clicked_ = false;
  const Snapshot& live = controller.snapshot();
  const LiveTsneFeed& tsne = controller.live_tsne();
  const Snapshot& shown = stored ? *stored : live;
  config_ = shown.config;
  take_layout(ImGui::GetTime(), stored ? std::move(stored_layout) : tsne.latest(),
              stored != nullptr);
  draw_header(controller, stored);
  if (!renderer_) {
    ImGui::TextColored(ImVec4(0.9f, 0.2f, 0.2f, 1.0f), "Cannot draw the scatter: %s",
                       renderer_error_.c_str());
  } else if (!layout_ || (stored && !showing_fixed_)) {
    ImGui::TextWrapped(stored ? "This stored run has no t-SNE layout of that stage to show."
                              : "The t-SNE of the test embeddings appears here once the test set "
                                "has been scored after pre-training; it then follows re-training "
                                "live.");
  } else {
    draw_canvas(shown, presentation_mode);
    draw_selection_summary(shown.config.holdout);
  }
  return export_clicked_;
}

void EmbeddingPanel::draw_canvas(const Snapshot& snapshot, bool presentation_mode) {
  const int holdout = snapshot.config.holdout;
  if (styled_frame_ != layout_->frame || styled_holdout_ != holdout ||
      styled_mode_ != color_mode_ || styled_presentation_ != presentation_mode ||
      styled_selection_ != selection_version_) {
    restyle(holdout, presentation_mode);
  }
  const std::vector<float>& shown = animation_.positions();
  if (positions_changed_) {
    ordered_xy_.resize(2 * order_.size());
    for (size_t k = 0; k < order_.size(); ++k) {
      ordered_xy_[2 * k] = shown[2 * static_cast<size_t>(order_[k])];
      ordered_xy_[2 * k + 1] = shown[2 * static_cast<size_t>(order_[k]) + 1];
    }
    renderer_->set_positions(ordered_xy_);
    positions_changed_ = false;
    ++content_version_;
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float summary = selection_.empty() ? 0.0f : 2.2f * ImGui::GetFrameHeightWithSpacing();
  const ImVec2 size(std::max(avail.x, 64.0f), std::max(avail.y - summary, 64.0f));
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##scatter", size);
  const bool hovered = ImGui::IsItemHovered();
  view_.set_canvas(origin, size);
  if (auto_fit_) {
    const long all = static_cast<long>(layout_->test_count + layout_->labeled_count);
    view_.fit(bounds_of(shown.data(), all));
  }
  handle_input(hovered);

  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const int width = static_cast<int>(size.x * scale.x), height = static_cast<int>(size.y * scale.y);
  const ScatterTransform transform = view_.transform();
  if (content_version_ != rendered_version_ || width != rendered_width_ ||
      height != rendered_height_ ||
      std::memcmp(&transform, &rendered_transform_, sizeof(transform)) != 0) {
    renderer_->render(width, height, transform, kCanvasBackground, kOutline);
    rendered_version_ = content_version_;
    rendered_width_ = width;
    rendered_height_ = height;
    rendered_transform_ = transform;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 corner(origin.x + size.x, origin.y + size.y);
  // GL textures are stored bottom-up: flip v.
  draw->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(renderer_->texture())),
                 origin, corner, ImVec2(0, 1), ImVec2(1, 0));
  draw->PushClipRect(origin, corner, true);
  draw_labeled_markers(presentation_mode);
  if (box_dragging_) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const ImVec2 a(std::min(box_start_.x, m.x), std::min(box_start_.y, m.y));
    const ImVec2 b(std::max(box_start_.x, m.x), std::max(box_start_.y, m.y));
    draw->AddRectFilled(a, b, IM_COL32(40, 110, 220, 40));
    draw->AddRect(a, b, IM_COL32(40, 110, 220, 220), 0.0f, 0, 1.5f);
  }
  draw_legend(holdout);
  const DataBounds b = bounds_of(shown.data(), static_cast<long>(layout_->test_count));
  if (b.valid() && std::max(b.max_x - b.min_x, b.max_y - b.min_y) < 1e-9f) {
    // Every point in one place (the embedding collapsed): say so, or the canvas looks empty.
    const ImVec2 at(origin.x + 0.5f * size.x - 0.5f * ImGui::CalcTextSize(kCollapsed).x,
                    origin.y + 0.5f * size.y + ImGui::GetTextLineHeight());
    draw->AddText(at, kOutline, kCollapsed);
  }
  draw->PopClipRect();
  if (hovered && !box_dragging_ && !ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    draw_tooltip(snapshot);
  }
}

void EmbeddingPanel::handle_input(bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0.0f) {
    view_.zoom_at(io.MousePos, std::pow(1.2f, io.MouseWheel));
    auto_fit_ = false;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) auto_fit_ = true;
  if (ImGui::IsItemActivated()) {
    box_dragging_ = io.KeyShift;
    box_start_ = io.MousePos;
  }
  if (ImGui::IsItemActive() && !box_dragging_ &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    view_.pan(io.MouseDelta);
    auto_fit_ = false;
  }
  if (ImGui::IsItemDeactivated() && box_dragging_) {
    box_dragging_ = false;
    const ImVec2 a = view_.to_data(box_start_);
    const ImVec2 b = view_.to_data(io.MousePos);
    const bool click = std::abs(box_start_.x - io.MousePos.x) < 3.0f &&
                       std::abs(box_start_.y - io.MousePos.y) < 3.0f;
    if (click) {
      selection_.clear();
      selected_.clear();
      ++selection_version_;
    } else {
      select_box(DataBounds{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x),
                            std::max(a.y, b.y)});
    }
  }
}

bool EmbeddingPanel::draw(const PanelContext& context) {
  return draw(context.controller, context.presentation,
              context.stored() ? context.shown.get() : nullptr, context.stored_layout);
}

ExportOffer EmbeddingPanel::export_offer(const PanelContext& context) const {
  if (context.stored() && context.stored_run) {
    return {"Export the t-SNE of stored run " + context.stored_name,
            stored_embedding_choices(*context.stored_run, context.stored_stage)};
  }
  return {"Export the t-SNE scatter", live_embedding_choices(*this, context.controller.live_tsne(),
                                                             context.controller.snapshot())};
}

}  // namespace xdd::gui
