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
      embedding_panel_(&GlWindow::wake) {
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

void StudioApp::draw(double frame_ms) {
  controller_.refresh();
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
  loss_panel_.draw(s);
  place_next_window(l.auprc);
  auprc_panel_.draw(s, controller_.config());
  place_next_window(l.embedding);
  embedding_panel_.draw(s, view_.presentation);
  draw_status_bar(s, controller_.config().threads, frame_ms, l.status.pos, l.status.size);
}

}  // namespace xdd
