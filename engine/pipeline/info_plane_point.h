#pragma once
// One point of a run's path through the information plane (no LibTorch, so the UI can include it).
#include <cstdint>
#include <string>

namespace xdd {

struct InfoPlanePoint {
  int64_t step = 0;
  std::string phase;  // "pretrained" (step 0, the GAN's embedding) or "retrain"
  std::string set;    // "labeled" (the 90 examples) or "test" (a fixed sample of 1,000 test images)
  double ixz = 0.0;   // I(X;Z) estimate, nats, in [0, log N]
  double izy = 0.0;   // I(Z;Y) lower bound, nats, <= H(Y)
};

}  // namespace xdd
