#pragma once
// The Information plane panel (issue 10): the current run's path through (I(X;Z), I(Z;Y)) as it
// trains, beside the paths of the other runs of this session on the same holdout (one per beta),
// and of the runs in the run store, on the labeled set or the fixed test sample. Draws into the
// caller's window or tab.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "logic/info_plane_store.h"
#include "panels/panel.h"
#include "session/snapshot.h"
#include "widgets/info_plane_data.h"
#include "widgets/info_plane_plot.h"

namespace xdd {

class InfoPlanePanel : public Panel {
 public:
  // Panel: draws what `context` shows; offers copies of it to the Export dialog.
  bool draw(const PanelContext& context) override;
  ExportOffer export_offer(const PanelContext& context) const override;

  // `set`: the set shown first; `zoom`: axes zoomed to the paths; `store_file`: the run store.
  InfoPlanePanel(PlaneSet set, bool zoom, const std::filesystem::path& store_file);

  // `like`: the setting whose stored runs to compare with (the snapshot's run, or the panel's
  // settings before the first run). `shown_run`: the store id when the snapshot is a stored run's
  // (it is then not drawn twice), else 0. True when the user asked to export the picture.
  bool draw(const std::shared_ptr<const Snapshot>& snapshot, const ExperimentConfig& like,
            std::int64_t shown_run = 0);

  const PlaneData& data() const { return data_; }  // the paths last drawn
  PlaneSet set() const { return set_ == 1 ? PlaneSet::kTest : PlaneSet::kLabeled; }
  void set_set(PlaneSet set) { set_ = set == PlaneSet::kTest ? 1 : 0; }
  bool zoom() const { return view_.fit; }
  void set_zoom(bool on) { view_.fit = on; }
  void set_store(const std::filesystem::path& store_file) { stored_.set_store(store_file); }

 private:
  int set_ = 0;  // the selector's button: 0 labeled, 1 test (ImGui's radio buttons take an int)
  bool show_stored_ = true;
  PlaneView view_;
  StoredPlaneRuns stored_;
  // The paths of the last snapshot drawn, rebuilt only when the snapshot or the set changes.
  std::shared_ptr<const Snapshot> cached_snapshot_;
  int cached_set_ = -1;
  bool cached_show_stored_ = true;
  std::int64_t cached_shown_run_ = -1;
  PlaneData data_;
};

}  // namespace xdd
