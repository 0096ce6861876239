#pragma once
// What a panel with an Export button is to the app (shell/studio_app.h): it draws what the app
// shows, and offers the Export dialog copies of it. The app keeps a list of them by PanelId; a
// new panel implements this and is added to that list.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "logic/controller.h"
#include "logic/export_options.h"
#include "logic/stored_run.h"
#include "session/live_tsne.h"
#include "session/snapshot.h"

namespace xdd {

// What every panel is drawn from: the live session and, when the user opened a stored run, that
// run in its place.
struct PanelContext {
  PanelContext(Controller& c, std::shared_ptr<const Snapshot> s, bool presentation_mode)
      : controller(c), shown(std::move(s)), presentation(presentation_mode) {}

  Controller& controller;
  std::shared_ptr<const Snapshot> shown;  // the stored run's snapshot, else the live one
  bool presentation = false;
  // The stored run shown (all empty for the live session).
  std::int64_t stored_id = 0;
  std::string stored_name;  // "#12 xdd β=1 h=8"
  std::shared_ptr<const gui::StoredRun> stored_run;
  std::shared_ptr<const TsneLayout> stored_layout;
  EmbeddingStage stored_stage = EmbeddingStage::kAfter;

  bool stored() const { return stored_id != 0; }
  // The settings a per-setting view compares with: the panel's while idle, else the run's.
  const ExperimentConfig& like() const {
    return shown->status == SessionStatus::kIdle ? controller.config() : shown->config;
  }
};

// The Export dialog's title and choices.
struct ExportOffer {
  std::string title;
  std::vector<ExportChoice> choices;
};

class Panel {
 public:
  virtual ~Panel() = default;
  // Draws into the current ImGui window; true when its Export button was pressed.
  virtual bool draw(const PanelContext& context) = 0;
  // Copies of what it shows now, for the Export dialog.
  virtual ExportOffer export_offer(const PanelContext& context) const = 0;
};

}  // namespace xdd
