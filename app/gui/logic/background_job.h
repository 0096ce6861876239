#pragma once
// One piece of work at a time on a worker thread, for the UI thread that must never wait on the
// run store or on files: request() returns at once, poll() (once a frame) hands over the finished
// result. A request made while one is running waits for it and then starts (only the newest such
// request is kept: it replaces an older one that has not started), so the UI never blocks on a
// a thread.
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace xdd::gui {

template <typename T>
struct JobResult {
  std::optional<T> value;  // empty when the work threw
  std::string error;       // its message
};

template <typename T>
class BackgroundJob {
 public:
  // `wake` runs on the worker when a result is ready (the app posts an empty GLFW event).
  explicit BackgroundJob(std::function<void()> wake = {}) : wake_(std::move(wake)) {}
  ~BackgroundJob() {
    if (thread_.joinable()) thread_.join();
  }
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  void request(std::function<T()> work) {
    if (running_.valid()) {
      next_ = std::move(work);
    } else {
      launch(std::move(work));
    }
  }

  // The result of the work that has just finished, once; then the next request starts.
  std::optional<JobResult<T>> poll() {
    if (!running_.valid() ||
        running_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      return std::nullopt;
    }
    JobResult<T> result = running_.get();
    if (next_) {
      launch(std::move(*next_));
      next_.reset();
    }
    return result;
  }

  bool busy() const { return running_.valid() || next_.has_value(); }

 private:
  void launch(std::function<T()> work) {
    if (thread_.joinable()) thread_.join();  // done: its result was taken
    std::promise<JobResult<T>> promise;
    running_ = promise.get_future();
    // The result is set before the wake, so the frame the wake causes finds it ready.
    thread_ =
        std::thread([promise = std::move(promise), work = std::move(work), wake = wake_]() mutable {
          JobResult<T> r;
          try {
            r.value = work();
          } catch (const std::exception& e) {
            r.error = e.what();
          }
          promise.set_value(std::move(r));
          if (wake) wake();
        });
  }

  std::function<void()> wake_;
  std::future<JobResult<T>> running_;
  std::optional<std::function<T()>> next_;
  std::thread thread_;
};

}  // namespace xdd::gui
