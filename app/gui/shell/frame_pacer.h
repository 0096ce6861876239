#pragma once
// When the main loop draws: after each event (input, a new snapshot, a t-SNE update) plus two
// frames for ImGui to settle, and otherwise not at all (it sleeps in glfwWaitEventsTimeout; a
// refresh every 5 s is the only idle cost). At most 60 frames a second while the user is at the
// mouse or keyboard (input in the last second), 30 while the frames only show the workers'
// progress: under a software renderer each frame costs the training a few ms of a core, and the
// workers publish at most a few times a second (the t-SNE every 0.2 s, its easing lasts 0.15 s).
#include <chrono>

namespace xdd {

class FramePacer {
 public:
  // Waits for the moment to draw the next frame. `continuous`: draw without waiting for events;
  // `seconds_since_input`: since the user's last input (GlWindow::seconds_since_input).
  void wait(bool continuous, double seconds_since_input);
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
