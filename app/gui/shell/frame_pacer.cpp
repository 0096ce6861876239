#include "shell/frame_pacer.h"

#include <epoxy/gl.h>
// GLFW after epoxy.
#include <GLFW/glfw3.h>

#include <thread>

namespace xdd {
namespace {

constexpr auto kInteractivePeriod = std::chrono::microseconds(16667);  // 60 Hz
constexpr auto kProgressPeriod = std::chrono::microseconds(33333);     // 30 Hz
constexpr double kInteractiveSeconds = 1.0;
constexpr double kIdleTimeoutSeconds = 5.0;

}  // namespace

void FramePacer::wait(bool continuous, double seconds_since_input) {
  // Training needs the cores more than we do: never faster than the pace the moment calls for.
  const bool interactive = seconds_since_input < kInteractiveSeconds;
  std::this_thread::sleep_until(frame_start_ +
                                (interactive ? kInteractivePeriod : kProgressPeriod));
  if (continuous || extra_frames_ > 0) {
    if (extra_frames_ > 0) --extra_frames_;
    glfwPollEvents();
    return;
  }
  const auto before = Clock::now();
  glfwWaitEventsTimeout(kIdleTimeoutSeconds);
  const double waited = std::chrono::duration<double>(Clock::now() - before).count();
  if (waited < kIdleTimeoutSeconds * 0.95) extra_frames_ = 2;  // woken by an event
}

void FramePacer::frame_started() {
  frame_start_ = Clock::now();
}

double FramePacer::since_frame_start() const {
  return std::chrono::duration<double, std::milli>(Clock::now() - frame_start_).count();
}

double FramePacer::frame_finished() {
  return since_frame_start();
}

}  // namespace xdd
