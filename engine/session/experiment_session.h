#pragma once
// The app's experiment worker: one thread that runs experiments on request and publishes immutable
// snapshots. Commands (start, pause, resume, stop) return at once; the worker acts on them between
// training steps. Starting a run while one is in progress stops that one first, so changing beta
// re-trains from the cached GAN and changing the held-out digit resumes or starts its pre-training.
// A training step that meets a NaN or Inf is undone and the run pauses there (Snapshot::last_fault
// says why); resume retries the step.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "config/experiment_config.h"
#include "pipeline/observer.h"
#include "session/snapshot.h"

namespace xdd {

class ExperimentSession {
 public:
  // `on_publish` runs on the worker thread after each new snapshot (the app wakes its event loop
  // there).
  explicit ExperimentSession(std::function<void()> on_publish = {});
  ~ExperimentSession();
  ExperimentSession(const ExperimentSession&) = delete;
  ExperimentSession& operator=(const ExperimentSession&) = delete;

  void start(const ExperimentConfig& config);  // InvalidArgument at once if config is invalid
  void pause();
  void resume();
  void stop();

  std::shared_ptr<const Snapshot> snapshot() const;

  // True once no run is queued or in progress (for tests and headless drivers).
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  void worker_loop();
  void run_one(const ExperimentConfig& config);
  void checkpoint();  // between steps: throws Cancelled on stop or a new start, blocks while paused
  ExperimentObserver make_observer();
  void publish(const std::function<void(Snapshot&)>& mutate);

  std::function<void()> on_publish_;

  mutable std::mutex mutex_;  // guards the command state below
  mutable std::condition_variable changed_;
  std::optional<ExperimentConfig> pending_;
  bool stop_requested_ = false;
  bool paused_ = false;
  bool running_ = false;
  bool shutting_down_ = false;

  mutable std::mutex snapshot_mutex_;  // guards only the pointer swap
  std::shared_ptr<const Snapshot> current_;

  std::chrono::steady_clock::time_point phase_start_;
  std::thread worker_;
};

}  // namespace xdd
