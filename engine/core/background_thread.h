#pragma once
// A worker thread at background priority (core/compute.h: run_at_background_priority), so the UI
// thread gets a core whenever it has a frame to draw. Joined when destroyed: declare it after
// everything its body uses, and make the body return first (close its Mailbox).
#include <functional>
#include <thread>

namespace xdd {

class BackgroundThread {
 public:
  explicit BackgroundThread(std::function<void()> body);
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
