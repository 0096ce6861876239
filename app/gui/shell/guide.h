#pragma once
// The guided sequence a lecturer steps through with N: 1 pre-train, 2 score the pre-trained
// embedding, 3 re-train with XDD, 4 compare. Each step has a caption with the live numbers; the
// guide pauses the run when re-training is about to begin, so step 2 can be discussed first.
#include <imgui.h>

#include "logic/controller.h"

namespace xdd {

class Guide {
 public:
  bool active() const { return step_ > 0; }
  int step() const { return step_; }

  void next(Controller& c);  // advances (from 4 the guide ends) and does the step's action
  void end() { step_ = 0; }
  void update(Controller& c);  // every frame: holds the run at the start of re-training
  void draw(const Controller& c, ImVec2 pos, ImVec2 size) const;

 private:
  int step_ = 0;
  bool holding_ = false;         // the guide paused the run before re-training
  bool was_retraining_ = false;  // the phase seen last frame was re-training
};

}  // namespace xdd
