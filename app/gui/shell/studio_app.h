#pragma once
// XDD Studio's window contents: the controller, every panel, the guide and the view state, drawn
// once per frame in the fixed tiling. Construct after the GL context exists.
//
// The centre tile holds three tabs, Embedding | Runs | Compare: it is the largest tile, the runs
// table needs its width for eleven columns and Compare its room for scatters side by side, and the
// panels around it (Experiment on the left, the curves and AUPRC on the right) stay in view, so a
// run opened from the table shows its curves and metrics at once beside the table.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "logic/app_session.h"
#include "logic/controller.h"
#include "logic/panel_id.h"
#include "panels/auprc_panel.h"
#include "panels/compare_panel.h"
#include "panels/embedding_panel.h"
#include "panels/experiment_panel.h"
#include "panels/gan_samples_panel.h"
#include "panels/info_plane_panel.h"
#include "panels/loss_panel.h"
#include "panels/runs_panel.h"
#include "session/run_recorder.h"
#include "shell/app_options.h"
#include "shell/beta_sweep.h"
#include "shell/export_dialog.h"
#include "shell/gl_window.h"
#include "shell/guide.h"
#include "shell/session_files.h"
#include "shell/shortcuts.h"
#include "shell/shown_run.h"
#include "widgets/ui_style.h"

namespace xdd {

class StudioApp {
 public:
  StudioApp(const AppOptions& options, GlWindow& window);

  // Builds the frame's UI (between GlWindow::begin_frame and render). `frame_ms` is the previous
  // frame's time, for the status bar.
  void draw(double frame_ms);

  void clear_color(float& r, float& g, float& b) const;

  // Writes the current session file (--save-session); IoError if it cannot be written.
  void write_session(const std::filesystem::path& file) const;

 private:
  void draw_menu_bar();
  void draw_panels(double frame_ms);
  void draw_curve_tabs();  // Loss terms | Information plane
  void draw_auprc();
  void draw_centre_tabs();  // Embedding | Runs | Compare
  void handle(const RunsPanelRequest& request);
  void open_start_export();  // --export-dialog, once what it exports has been read
  void open_export(PanelId panel);
  PanelContext panel_context();      // what the panels draw this frame
  Panel* exportable(PanelId panel);  // the panel with that id's Export button, if it has one
  void select(PanelId panel);        // shows that tab on the next frame

  // Whether a stored run is shown (and read) in place of the live session: the one test of it.
  bool showing_stored() const;
  // What the right column and the Embedding panel draw: the stored run shown, else the live run.
  std::shared_ptr<const Snapshot> shown_snapshot() const;
  gui::AppSession session_state() const;
  void apply_session(const gui::AppSession& session);
  void use_store(const std::filesystem::path& store_file);

  GlWindow& window_;
  UiFonts fonts_;
  ViewState view_;
  bool theme_presentation_ = false;
  std::filesystem::path store_file_;
  std::unique_ptr<RunRecorder> recorder_;  // before controller_: it outlives the session's worker
  Controller controller_;
  ExperimentPanel experiment_panel_;
  LossPanel loss_panel_;
  InfoPlanePanel info_plane_panel_;
  PanelId curve_tab_ = PanelId::kLoss;       // Loss terms | Information plane
  std::optional<PanelId> select_curve_tab_;  // select that tab on the next frame
  BetaSweep beta_sweep_;
  AuprcPanel auprc_panel_;
  GanSamplesPanel gan_samples_panel_;
  Guide guide_;
  gui::EmbeddingPanel embedding_panel_;
  RunsPanel runs_panel_;
  ComparePanel compare_panel_;
  ShownRun shown_;
  PanelId centre_tab_ = PanelId::kEmbedding;  // Embedding | Runs | Compare
  std::optional<PanelId> select_centre_tab_;
  ExportDialog export_dialog_;
  std::optional<PanelId> start_export_;  // --export-dialog, until it has been opened
  std::string start_export_to_;          // --export-to
  SessionFiles session_files_;
};

}  // namespace xdd
