#include "studio_app.h"

#include <imgui.h>

#include "error_modal.h"
#include "layout.h"
#include "status_bar.h"

namespace xdd {

StudioApp::StudioApp(const AppOptions& options, GlWindow& window)
    : window_(window),
      fonts_(load_fonts()),
      controller_(options.config, &GlWindow::wake),
      experiment_panel_(&GlWindow::wake),
      info_plane_panel_(options.plane_set, options.plane_zoom),
      embedding_panel_(&GlWindow::wake) {
  select_info_plane_ = options.tab == "infoplane";
  pending_betas_.assign(options.betas.begin(), options.betas.end());
  if (options.autostart && !pending_betas_.empty()) {
    controller_.config().beta = pending_betas_.front();
    pending_betas_.pop_front();
  }
  view_.presentation = options.presentation;
  theme_presentation_ = options.presentation;
  apply_theme(view_.presentation);
  if (options.guide) {
    guide_.next(controller_);  // step 1 starts the run
  } else if (options.autostart) {
    controller_.run();
  }
}

void StudioApp::clear_color(float& r, float& g, float& b) const {
  // The tiled windows draw no background (layout.h): the clear colour is their background.
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  r = bg.x;
  g = bg.y;
  b = bg.z;
}

void StudioApp::continue_beta_sweep() {
  const Snapshot& s = controller_.snapshot();
  if (pending_betas_.empty() || s.status != SessionStatus::kDone ||
      s.finished_runs.size() <= runs_at_last_start_) {
    return;
  }
  runs_at_last_start_ = s.finished_runs.size();
  controller_.config().beta = pending_betas_.front();
  pending_betas_.pop_front();
  controller_.run();
}

void StudioApp::draw(double frame_ms) {
  controller_.refresh();
  continue_beta_sweep();
  guide_.update(controller_);
  handle_shortcuts(controller_, guide_, window_, view_);
  if (view_.presentation != theme_presentation_) {
    theme_presentation_ = view_.presentation;
    apply_theme(view_.presentation);
  }
  ImGui::PushFont(view_.presentation ? fonts_.large : fonts_.normal);
  draw_menu_bar();
  draw_panels(frame_ms);
  draw_help_overlay(view_);
  draw_error_modal(controller_);
  ImGui::PopFont();
}

void StudioApp::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Quit")) glfwSetWindowShouldClose(window_.handle(), GLFW_TRUE);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    const bool busy = controller_.in_progress();
    if (ImGui::MenuItem(busy ? "Restart" : "Run", busy ? nullptr : "Space")) controller_.run();
    if (ImGui::MenuItem(controller_.paused() ? "Resume" : "Pause", "Space", false, busy)) {
      controller_.toggle_run_pause();
    }
    if (ImGui::MenuItem("Stop", "S", false, busy)) controller_.stop();
    if (ImGui::MenuItem("Reset settings")) controller_.reset();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Presentation mode", "F11", &view_.presentation);
    if (ImGui::MenuItem("Full screen", "F", window_.fullscreen())) window_.toggle_fullscreen();
    if (ImGui::MenuItem(guide_.active() ? "Guide: next step" : "Guide: start", "N")) {
      guide_.next(controller_);
    }
    if (ImGui::MenuItem("End guide", nullptr, false, guide_.active())) guide_.end();
    ImGui::MenuItem("Keyboard shortcuts", "H", &view_.help);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void StudioApp::draw_panels(double frame_ms) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float guide_h = guide_.active() ? line * 3.2f + ImGui::GetStyle().WindowPadding.y * 2 : 0;
  const float status_h = ImGui::GetFrameHeight() + 8;
  const Layout l = tile_layout(ImGui::GetIO().DisplaySize, ImGui::GetFrameHeight(), status_h,
                               guide_h, view_.presentation);
  const Snapshot& s = controller_.snapshot();
  guide_.draw(controller_, l.guide.pos, l.guide.size);
  place_next_window(l.experiment);
  experiment_panel_.draw(controller_, view_.presentation);
  place_next_window(l.gan_samples);
  gan_samples_panel_.draw(s);
  place_next_window(l.loss);
  draw_curve_tabs(s);
  place_next_window(l.auprc);
  auprc_panel_.draw(s, controller_.config());
  place_next_window(l.embedding);
  embedding_panel_.draw(s, view_.presentation);
  draw_status_bar(s, controller_.config().threads, frame_ms, l.status.pos, l.status.size);
}

void StudioApp::draw_curve_tabs(const Snapshot& s) {
  // One tile, two tabs: the tab bar takes the place of the title bar.
  ImGui::Begin("##curves", nullptr, kTiledWindowFlags | ImGuiWindowFlags_NoTitleBar);
  if (ImGui::BeginTabBar("##curve_tabs")) {
    if (ImGui::BeginTabItem("Loss terms")) {
      loss_panel_.draw(s);
      ImGui::EndTabItem();
    }
    const ImGuiTabItemFlags flags = select_info_plane_ ? ImGuiTabItemFlags_SetSelected : 0;
    select_info_plane_ = false;
    if (ImGui::BeginTabItem("Information plane", nullptr, flags)) {
      const bool idle = s.status == SessionStatus::kIdle;
      info_plane_panel_.draw(controller_.snapshot_ptr(), idle ? controller_.config() : s.config);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace xdd
