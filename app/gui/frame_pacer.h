#pragma once
// When the main loop draws: at most 60 frames a second while something moves (a run, the few
// frames after an input event), and not at all while idle (it sleeps in glfwWaitEventsTimeout
// until an input, a new snapshot or the once-a-second refresh).
#include <chrono>

namespace xdd {

class FramePacer {
 public:
  // Waits for the moment to draw the next frame. `animating`: keep drawing without events.
  void wait(bool animating);
  void frame_started();
  // The time from frame_started() to now, in ms (the frame's work, swap included).
  double frame_finished();

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point frame_start_ = Clock::now();
  int extra_frames_ = 2;  // ImGui settles hover and layout over a frame or two after an event
};

}  // namespace xdd
