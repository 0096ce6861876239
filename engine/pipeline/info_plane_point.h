#pragma once
// One point of a run's path through the information plane (no LibTorch, so the UI can include it).
#include <cstdint>
#include <optional>
#include <string>

namespace xdd {

// The images a point's estimates are taken on: the 90 labeled examples, or a fixed sample of
// 1,000 test images.
enum class PlaneSet { kLabeled, kTest };

const char* plane_set_name(PlaneSet set);  // "labeled" or "test" (files, the screen)
// The set named `name`; "train" too, the labeled set's name in the first stores. Nothing for any
// other name.
std::optional<PlaneSet> parse_plane_set(const std::string& name);

struct InfoPlanePoint {
  int64_t step = 0;
  std::string phase = "retrain";  // "pretrained" (step 0, the GAN's embedding) or "retrain"
  PlaneSet set = PlaneSet::kLabeled;
  double ixz = 0.0;  // I(X;Z) estimate, nats, in [0, log N]
  double izy = 0.0;  // I(Z;Y) lower bound, nats, <= H(Y)
};

}  // namespace xdd
