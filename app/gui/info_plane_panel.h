#pragma once
// The Information plane panel (issue 10): the current run's path through (I(X;Z), I(Z;Y)) as it
// trains, beside the paths of the other runs of this session on the same holdout (one per beta),
// and of the runs in the run store, on the labeled set or the fixed test sample. Draws into the
// caller's window or tab.
#include <memory>
#include <string>

#include "info_plane_data.h"
#include "info_plane_plot.h"
#include "info_plane_store.h"
#include "session/snapshot.h"

namespace xdd {

class InfoPlanePanel {
 public:
  // `set`: "labeled" or "test"; `zoom`: axes zoomed to the paths.
  InfoPlanePanel(const std::string& set, bool zoom);

  // `like`: the setting whose stored runs to compare with (the snapshot's run, or the panel's
  // settings before the first run).
  void draw(const std::shared_ptr<const Snapshot>& snapshot, const ExperimentConfig& like);

 private:
  int set_ = 0;  // index into kPlaneSets
  bool show_stored_ = true;
  PlaneView view_;
  StoredPlaneRuns stored_;
  // The paths of the last snapshot drawn, rebuilt only when the snapshot or the set changes.
  std::shared_ptr<const Snapshot> cached_snapshot_;
  int cached_set_ = -1;
  bool cached_show_stored_ = true;
  PlaneData data_;
};

}  // namespace xdd
