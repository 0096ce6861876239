#include "shell/status_bar.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace xdd {

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) return "—";
  const long s = std::lround(seconds);
  char text[32];
  if (s >= 3600) {
    std::snprintf(text, sizeof text, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
  } else if (s >= 60) {
    std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld s", s);
  }
  return text;
}

void draw_status_bar(const Snapshot& s, int panel_threads, double frame_ms, ImVec2 pos,
                     ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 3));
  ImGui::Begin("##status_bar", nullptr, flags);
  ImGui::PopStyleVar();
  const bool active = s.status == SessionStatus::kRunning || s.status == SessionStatus::kPaused;
  ImGui::Text("%s", status_name(s.status));
  if (s.phase && active) {
    ImGui::SameLine();
    ImGui::Text("· %s", phase_name(*s.phase));
  }
  ImGui::SameLine();
  const float bar_w = ImGui::GetFontSize() * 14;
  const float fraction =
      s.total_steps > 0 ? static_cast<float>(s.step) / static_cast<float>(s.total_steps) : 0.0f;
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%lld / %lld", static_cast<long long>(s.step),
                static_cast<long long>(s.total_steps));
  ImGui::ProgressBar(active ? fraction : (s.status == SessionStatus::kDone ? 1.0f : 0.0f),
                     ImVec2(bar_w, 0), active && s.total_steps > 0 ? overlay : "");
  ImGui::SameLine();
  ImGui::Text("ETA %s", active ? format_duration(s.eta_seconds).c_str() : "—");
  ImGui::SameLine();
  ImGui::Text("| %.1f steps/s", active ? s.steps_per_second : 0.0);
  ImGui::SameLine();
  ImGui::Text("| threads %d",
              s.threads > 0 ? s.threads : (active ? s.config.threads : panel_threads));
  ImGui::SameLine();
  ImGui::Text("| frame %.1f ms", frame_ms);
  ImGui::End();
}

}  // namespace xdd
