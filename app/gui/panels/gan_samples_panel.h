#pragma once
// The GAN samples window: the generator's latest samples (same latent vectors each time, so the
// digits visibly sharpen) as one grid texture, scaled up with nearest filtering. Needs the GL
// context: construct it after the window exists.
#include <epoxy/gl.h>

#include <cstdint>
#include <vector>

#include "session/snapshot.h"

namespace xdd {

class GanSamplesPanel {
 public:
  GanSamplesPanel();
  ~GanSamplesPanel();
  GanSamplesPanel(const GanSamplesPanel&) = delete;
  GanSamplesPanel& operator=(const GanSamplesPanel&) = delete;

  void draw(const Snapshot& snapshot);

 private:
  void upload(const std::vector<uint8_t>& pixels, int count);

  GLuint texture_ = 0;
  std::vector<uint8_t> uploaded_;  // the samples now in the texture (re-upload only on change)
  int columns_ = 0, rows_ = 0;
};

}  // namespace xdd
