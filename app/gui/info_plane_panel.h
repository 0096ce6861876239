#pragma once
// The Information plane panel (issue 10): the current run's path through (I(X;Z), I(Z;Y)) as it
// trains, beside the paths of the other runs of this session on the same holdout (one per beta),
// on the labeled set or the fixed test sample. Draws into the caller's window or tab.
#include <memory>

#include "info_plane_data.h"
#include "session/snapshot.h"

namespace xdd {

class InfoPlanePanel {
 public:
  void draw(const std::shared_ptr<const Snapshot>& snapshot);

 private:
  int set_ = 0;  // index into kPlaneSets
  // The paths of the last snapshot drawn, rebuilt only when the snapshot or the set changes.
  std::shared_ptr<const Snapshot> cached_snapshot_;
  int cached_set_ = -1;
  PlaneData data_;
};

}  // namespace xdd
