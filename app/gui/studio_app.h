#pragma once
// XDD Studio's window contents: the controller, every panel, the guide and the view state, drawn
// once per frame in the fixed tiling. Construct after the GL context exists.
#include <deque>
#include <memory>

#include "app_options.h"
#include "auprc_panel.h"
#include "controller.h"
#include "embedding_panel.h"
#include "experiment_panel.h"
#include "gan_samples_panel.h"
#include "gl_window.h"
#include "guide.h"
#include "info_plane_panel.h"
#include "loss_panel.h"
#include "shortcuts.h"
#include "ui_style.h"

namespace xdd {

class StudioApp {
 public:
  StudioApp(const AppOptions& options, GlWindow& window);

  // Builds the frame's UI (between GlWindow::begin_frame and render). `frame_ms` is the previous
  // frame's time, for the status bar.
  void draw(double frame_ms);

  void clear_color(float& r, float& g, float& b) const;

 private:
  void draw_menu_bar();
  void draw_panels(double frame_ms);
  void draw_curve_tabs(const Snapshot& s);  // Loss terms | Information plane
  void continue_beta_sweep();               // --betas: the next beta once a run is done

  GlWindow& window_;
  UiFonts fonts_;
  ViewState view_;
  bool theme_presentation_ = false;
  Controller controller_;
  ExperimentPanel experiment_panel_;
  LossPanel loss_panel_;
  InfoPlanePanel info_plane_panel_;
  bool select_info_plane_ = false;  // select that tab on the next frame (--tab infoplane)
  std::deque<double> pending_betas_;
  size_t runs_at_last_start_ = 0;  // finished runs when the sweep started its latest run
  AuprcPanel auprc_panel_;
  GanSamplesPanel gan_samples_panel_;
  Guide guide_;
  gui::EmbeddingPanel embedding_panel_;
};

}  // namespace xdd
