#pragma once
// The command line of xdd-studio: the experiment it opens with and the switches for demos, the
// smoke test and the frame-time benchmark.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/experiment_config.h"
#include "logic/panel_id.h"
#include "pipeline/info_plane_point.h"

namespace xdd {

struct AppOptions {
  ExperimentConfig config;  // the experiment the panel starts with
  bool autostart = false;   // run it at once
  bool presentation = false;
  bool guide = false;                       // start the guided sequence (step 1 starts the run)
  PanelId tab = PanelId::kLoss;             // the right column's top tab at start: loss | infoplane
  PanelId centre = PanelId::kEmbedding;     // the centre tile's tab: embedding | runs | compare
  std::string store;                        // the run store (default store::default_store_path())
  bool record = true;                       // record finished runs in the store
  std::string session;                      // a session file to open at start
  std::string save_session;                 // the session file to write at exit (scripts and tests)
  std::int64_t show_run = 0;                // > 0: show this stored run in the panels at start
  std::vector<std::int64_t> compare;        // stored runs to open in the Compare tab at start
  std::optional<PanelId> export_dialog;     // open this panel's Export dialog at start (for
                                            // screenshots and tests)
  std::string export_to;                    // ... and export its first choice to this file
  std::vector<double> betas;                // with autostart: run these betas one after another
  PlaneSet plane_set = PlaneSet::kLabeled;  // the Information plane's set at start
  bool plane_zoom = false;                  // ... with its axes zoomed to the paths
  int frames = 0;                           // > 0: render this many frames, then exit 0
  std::string screenshot;                   // PNG written after the last frame (needs frames > 0)
  std::string frame_log;                    // per-frame times in ms, one per line, written at exit
  int width = 1600;
  int height = 1000;
};

// The outcome of parsing: options to run with, or an exit code (0 after --help, 2 for a bad value;
// the message has then been printed).
struct ParsedOptions {
  std::optional<AppOptions> options;
  int exit_code = 0;
};

ParsedOptions parse_app_options(int argc, char** argv);

// The experiment threads the app uses by default: all cores but one, which stays with the UI.
int default_training_threads();

}  // namespace xdd
