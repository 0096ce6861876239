#pragma once
// Session save and load (File menu, and --session FILE at start): the app's settings, view and the
// stored runs it has open, written with the engine's session files (store/session_file.h,
// versioned, atomic) and read back only when the whole file checks out
// (logic/app_session.h): a damaged file, one from a newer program or one with a setting this
// program does not know opens a dialog that says so, and nothing changes.
#include <filesystem>
#include <functional>
#include <string>

#include "logic/app_session.h"

namespace xdd {

class SessionFiles {
 public:
  // `current` gives the app's state to save; `apply` takes a loaded, fully checked one. `base`:
  // the settings a session's missing keys fall back to.
  SessionFiles(std::function<gui::AppSession()> current,
               std::function<void(const gui::AppSession&)> apply, ExperimentConfig base);

  // The File menu's items (call between BeginMenu("File") and EndMenu()).
  void menu_items();
  // Loads `file` now (for --session); a failure opens the error dialog.
  void load(const std::filesystem::path& file);
  // The path prompts and the error dialog. `blocked`: another modal is up, wait for it.
  void draw(bool blocked);

 private:
  enum class Prompt { kNone, kOpen, kSaveAs };
  void save(const std::filesystem::path& file);
  void fail(const std::string& title, const std::string& message);
  void draw_prompt();
  void draw_error();

  std::function<gui::AppSession()> current_;
  std::function<void(const gui::AppSession&)> apply_;
  ExperimentConfig base_;
  std::filesystem::path file_;  // the session last opened or saved ("" = none yet)
  Prompt prompt_ = Prompt::kNone;
  bool open_prompt_ = false;
  char path_[2048] = {};
  std::string error_title_, error_message_;
  std::string notice_;  // "Saved <file>" for the menu
};

}  // namespace xdd
