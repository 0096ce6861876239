#pragma once
// The Loss terms panel: the GAN's discriminator and generator losses while it pre-trains, and
// every term of the re-training loss (names from the snapshot) per step, live. Draws into the
// caller's window or tab.
#include <cstdint>

#include "session/snapshot.h"

namespace xdd {

class LossPanel {
 public:
  void draw(const Snapshot& snapshot);

 private:
  bool log_y_ = false;
  // The step of the first GAN loss shown: pre-training resumed from a checkpoint starts there.
  int64_t gan_first_step_ = 1;
};

}  // namespace xdd
