#pragma once
// The Export dialog every panel's Export button opens: what to write (the panel's figure, or its
// data as CSV), the format (SVG, PDF, PNG), the size in points, the dpi of a PNG and the path.
// The checks (logic/export_options.h) name a problem before anything is written; the file is
// written on a worker with the engine's Cairo figures (engine/figures) or CSV writers, atomically,
// and the dialog says what was written or why it failed. Never throws into the frame.
#include <functional>
#include <string>
#include <vector>

#include "figures/figure_output.h"
#include "logic/background_job.h"
#include "logic/export_options.h"

namespace xdd {

class ExportDialog {
 public:
  explicit ExportDialog(std::function<void()> wake);

  // Opens the dialog on the next draw with these choices (the first available one selected).
  void open(const std::string& title, std::vector<ExportChoice> choices);
  void draw();
  bool visible() const { return visible_; }
  // Types `path` into the open dialog and presses Export on the next frame, as a user would
  // (--export-to, for scripts and tests).
  void press_export(const std::string& path);

 private:
  void select(int choice);
  void draw_fields();
  void draw_buttons();

  gui::BackgroundJob<std::string> writing_;
  std::string title_;
  std::vector<ExportChoice> choices_;
  int choice_ = 0;
  gui::ExportRequest request_;
  char path_[2048] = {};
  std::string folder_;  // where the last file went: the next default path is beside it
  bool open_next_frame_ = false;
  bool press_next_frame_ = false;
  bool visible_ = false;
  std::string outcome_;
  bool outcome_ok_ = false;
};

}  // namespace xdd
