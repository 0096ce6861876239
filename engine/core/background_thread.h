#pragma once
// A worker thread at background priority (core/compute.h: run_at_background_priority), so the UI
// thread gets a core whenever it has a frame to draw. Joined when destroyed: declare it after
// everything its body uses, and make the body return first (close its Mailbox). Named (at most 15
// characters, what `top -H` and /proc/PID/task/*/comm show; threads it starts inherit the name), so
// a profile of the app can tell the training from the t-SNE and the recorder.
#include <functional>
#include <string>
#include <thread>

namespace xdd {

class BackgroundThread {
 public:
  BackgroundThread(std::string name, std::function<void()> body);
  ~BackgroundThread() { join(); }
  BackgroundThread(const BackgroundThread&) = delete;
  BackgroundThread& operator=(const BackgroundThread&) = delete;

  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

}  // namespace xdd
