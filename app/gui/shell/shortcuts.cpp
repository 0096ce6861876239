#include "shell/shortcuts.h"

#include <imgui.h>

#include <algorithm>

namespace xdd {
namespace {

bool pressed(int glfw_key) {
  return ImGui::IsKeyPressed(glfw_key, false);
}

struct Shortcut {
  const char* keys;
  const char* action;
};

constexpr Shortcut kShortcuts[] = {
    {"Space", "run / pause / resume"},
    {"S", "stop"},
    {"0 – 9", "held-out digit (restarts a run in progress)"},
    {"↑ / ↓", "β × 10 / β ÷ 10 (re-trains from the cached GAN)"},
    {"N", "next step of the guide: pre-train → score → re-train → compare"},
    {"F11", "presentation mode (large fonts, high contrast)"},
    {"F", "full screen"},
    {"H", "this help"},
};

}  // namespace

void handle_shortcuts(Controller& c, Guide& guide, GlWindow& window, ViewState& view) {
  if (pressed(GLFW_KEY_F11)) view.presentation = !view.presentation;
  if (ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
  if (pressed(GLFW_KEY_F)) window.toggle_fullscreen();
  if (pressed(GLFW_KEY_H)) view.help = !view.help;
  if (pressed(GLFW_KEY_ESCAPE)) view.help = false;
  if (pressed(GLFW_KEY_SPACE)) c.toggle_run_pause();
  if (pressed(GLFW_KEY_S)) c.stop();
  if (pressed(GLFW_KEY_N)) guide.next(c);
  for (int d = 0; d < 10; ++d) {
    if (pressed(GLFW_KEY_0 + d) || pressed(GLFW_KEY_KP_0 + d)) c.set_holdout(d);
  }
  const double beta = c.config().beta;
  if (pressed(GLFW_KEY_UP)) c.set_beta(beta > 0 ? std::min(beta * 10, 1e3) : 1e-3);
  if (pressed(GLFW_KEY_DOWN)) c.set_beta(std::max(beta / 10, 1e-3));
}

void draw_help_overlay(ViewState& view) {
  if (!view.help) return;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.95f);
  ImGui::Begin("Keyboard shortcuts", &view.help,
               ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings);
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (const Shortcut& s : kShortcuts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.keys);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.action);
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("H or Esc closes this help");
  ImGui::End();
}

}  // namespace xdd
