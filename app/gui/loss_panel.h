#pragma once
// The Loss terms window: the GAN's discriminator and generator losses while it pre-trains, and
// every term of the re-training loss (names from the snapshot) per step, live.
#include "session/snapshot.h"

namespace xdd {

class LossPanel {
 public:
  void draw(const Snapshot& snapshot);

 private:
  bool log_y_ = false;
};

}  // namespace xdd
