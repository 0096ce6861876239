#pragma once
// What the Information plane panel draws, taken from a snapshot: the current run's path and one
// path per beta of the other runs finished in this session on the same holdout and data, all for
// one set (labeled or test, InfoPlanePoint::set), with the two upper limits drawn as guides.
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "logic/info_plane_store.h"
#include "session/snapshot.h"

namespace xdd {

struct PlanePoint {
  int64_t step = 0;
  double ixz = 0.0;  // x, nats
  double izy = 0.0;  // y, nats
};

struct PlanePath {
  std::string label;   // "β = 1" (other methods: their name)
  std::string source;  // "this run", "this session", "stored run #12"
  double beta = 0.0;
  bool current = false;  // the run in progress (or just finished): drawn early-to-late, marked
  ImU32 color = 0;       // other runs' colour (the current run uses a ramp)
  std::vector<PlanePoint> points;  // step order, finite values only
};

struct PlaneData {
  std::vector<PlanePath> paths;  // the current run last, so it is drawn on top
  int64_t n = 0;                 // points in the set: log N bounds I(X;Z)
  double h_y = 0.0;              // H(Y) of the set's known digits: bounds I(Z;Y)
  bool h_y_exact = true;         // false: estimated from the whole test set, not the sample
};

// Builds the picture for `set` of the snapshot's run and the other runs with its holdout and data:
// this session's finished runs and `stored` ones (a session run replaces a stored one of the same
// beta), the latest per beta, coloured with series_color in order of beta. `shown_run` != 0: the
// snapshot is that stored run's (its own stored path is left out; its path is named after it).
PlaneData build_plane_data(const Snapshot& s, PlaneSet set,
                           const std::vector<StoredPlaneRun>& stored, int64_t shown_run = 0);

// The number of points of `set` for the snapshot's run (labeled: 9 per-class draws; test: the
// fixed sample of at most 1,000 test images).
int64_t plane_set_size(const Snapshot& s, PlaneSet set);

}  // namespace xdd
