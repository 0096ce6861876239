#include "shell/session_files.h"

#include <imgui.h>

#include <cfloat>
#include <cstdio>

#include "store/session_file.h"

namespace xdd {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPromptPopup = "Session file###session_prompt";
constexpr const char* kErrorPopup = "###session_error";

fs::path default_session_file() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return (ec ? fs::path(".") : cwd) / "xdd-session.json";
}

}  // namespace

SessionFiles::SessionFiles(std::function<gui::AppSession()> current,
                           std::function<void(const gui::AppSession&)> apply, ExperimentConfig base)
    : current_(std::move(current)), apply_(std::move(apply)), base_(std::move(base)) {}

void SessionFiles::menu_items() {
  if (ImGui::MenuItem("Open session...")) {
    prompt_ = Prompt::kOpen;
    open_prompt_ = true;
  }
  if (ImGui::MenuItem("Save session", nullptr, false, !file_.empty())) save(file_);
  if (ImGui::MenuItem("Save session as...")) {
    prompt_ = Prompt::kSaveAs;
    open_prompt_ = true;
  }
  if (!notice_.empty()) ImGui::TextDisabled("%s", notice_.c_str());
  ImGui::Separator();
}

void SessionFiles::load(const fs::path& file) {
  const std::string unchanged =
      "\n\nNothing was changed: the app keeps its current settings and view.";
  // Read and check everything first: the app changes only when the whole file is good.
  store::Session raw;
  try {
    raw = store::load_session(file);  // its errors name the file
  } catch (const std::exception& e) {
    fail("Cannot open the session", e.what() + unchanged);
    return;
  }
  gui::AppSession loaded;
  try {
    loaded = gui::app_session_from(raw, base_);
  } catch (const std::exception& e) {
    fail("Cannot open the session", "session file " + file.string() + ": " + e.what() + unchanged);
    return;
  }
  apply_(loaded);
  file_ = file;
  notice_ = "Opened " + file.string();
}

void SessionFiles::save(const fs::path& file) {
  try {
    store::save_session(file, gui::to_session(current_()));
    file_ = file;
    notice_ = "Saved " + file.string();
  } catch (const std::exception& e) {
    fail("Cannot save the session", std::string(e.what()) + "\n\nNo file was written.");
  }
}

void SessionFiles::fail(const std::string& title, const std::string& message) {
  error_title_ = title;
  error_message_ = message;
}

void SessionFiles::draw(bool blocked) {
  if (blocked) return;
  draw_prompt();
  draw_error();
}

void SessionFiles::draw_prompt() {
  if (open_prompt_) {
    const fs::path start = file_.empty() ? default_session_file() : file_;
    std::snprintf(path_, sizeof path_, "%s", start.string().c_str());
    ImGui::OpenPopup(kPromptPopup);
    open_prompt_ = false;
  }
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal(kPromptPopup, nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  const bool opening = prompt_ == Prompt::kOpen;
  ImGui::TextUnformatted(opening ? "Open the session file:" : "Save the session to:");
  ImGui::SetNextItemWidth(-1);
  const bool enter =
      ImGui::InputText("##session_path", path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::TextDisabled(opening ? "Settings, view and the stored runs open in the panels."
                              : "Written atomically; an existing file is replaced.");
  const float w = ImGui::GetFontSize() * 6;
  if (ImGui::Button(opening ? "Open" : "Save", ImVec2(w, 0)) || enter) {
    const fs::path file = path_;
    ImGui::CloseCurrentPopup();
    if (opening) {
      load(file);
    } else {
      save(file);
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(w, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void SessionFiles::draw_error() {
  if (error_title_.empty()) return;
  const std::string title = error_title_ + kErrorPopup;
  if (!ImGui::IsPopupOpen(kErrorPopup)) ImGui::OpenPopup(title.c_str());
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 20, 0),
                                      ImVec2(ImGui::GetFontSize() * 40, FLT_MAX));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 38);
  ImGui::TextUnformatted(error_message_.c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("OK", ImVec2(ImGui::GetFontSize() * 6, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    error_title_.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace xdd
