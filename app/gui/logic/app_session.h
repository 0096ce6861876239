#pragma once
// What a session file of the app holds (File > Save session, --session FILE): the experiment
// settings in the panel, the view (tabs, the panels' switches, the Runs table's filters and sort)
// and the stored runs open in the panels and in Compare, with the run store they belong to. The
// engine's session_file.h owns the file format; this turns the app's state into its JSON parts
// and back, checking everything before the app changes anything.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/experiment_config.h"
#include "logic/color_mode.h"
#include "logic/panel_id.h"
#include "logic/runs_table.h"
#include "pipeline/info_plane_point.h"
#include "pipeline/phase.h"
#include "store/session_file.h"

namespace xdd::gui {

struct AppView {
  bool presentation = false;
  PanelId centre_tab = PanelId::kEmbedding;  // embedding, runs or compare
  PanelId curve_tab = PanelId::kLoss;        // loss or infoplane
  PlaneSet plane_set = PlaneSet::kLabeled;
  bool plane_zoom = false;
  bool loss_log = false;
  ColorMode color_by = ColorMode::kLabel;
  RunsFilter filter;
  RunsSort sort;
  std::optional<std::int64_t> shown_run;  // the stored run shown in the panels (none: live)
  EmbeddingStage shown_stage = EmbeddingStage::kAfter;  // its t-SNE layout: before | after
  std::vector<std::int64_t> compared;                   // the runs in the Compare tab
};

struct AppSession {
  ExperimentConfig settings;
  AppView view;
  std::string store_file;  // the run store the run ids belong to
};

store::Session to_session(const AppSession& app);

// The app's state from a loaded session, the settings over `base` (the app's defaults). DataError
// naming the part and the value when something is not what this program writes (an unknown
// setting, a setting out of range, a tab that does not exist, a value of the wrong type); nothing
// is half-applied, since the caller only takes a complete result.
AppSession app_session_from(const store::Session& session, const ExperimentConfig& base);

}  // namespace xdd::gui
