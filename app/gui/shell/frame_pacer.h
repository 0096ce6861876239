#pragma once
// When the main loop draws: after each event (input, a new snapshot, a t-SNE update) plus two
// frames for ImGui to settle, at most 60 frames a second, and otherwise not at all (it sleeps in
// glfwWaitEventsTimeout; a refresh every 5 s is the only idle cost).
#include <chrono>

namespace xdd {

class FramePacer {
 public:
  // Waits for the moment to draw the next frame. `continuous`: draw without waiting for events.
  void wait(bool continuous);
  void frame_started();
  // The time from frame_started() to now, in ms (the frame's work, swap included).
  double frame_finished();
  // The time from frame_started() to now, in ms, without ending the frame.
  double since_frame_start() const;

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point frame_start_ = Clock::now();
  int extra_frames_ = 2;  // ImGui settles hover and layout over a frame or two after an event
};

}  // namespace xdd
