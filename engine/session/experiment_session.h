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

#include "config/experiment_config.h"
#include "core/background_thread.h"
#include "core/mailbox.h"
#include "pipeline/experiment.h"
#include "pipeline/finished_run.h"
#include "pipeline/observer.h"
#include "session/snapshot.h"

namespace xdd {

class ExperimentSession {
 public:
  // `on_publish` runs on the worker thread after each new snapshot (the app wakes its event loop
  // there); `on_run_finished` on the worker thread when a run has finished (not when it stopped
  // or failed), before the snapshot that says so is published; `on_embedding` on the worker with
  // each new test embedding's vectors (the live t-SNE's input; snapshots carry only the frame),
  // before the snapshot that shows its frame. Each should return quickly.
  explicit ExperimentSession(std::function<void()> on_publish = {},
                             std::function<void(FinishedRun)> on_run_finished = {},
                             std::function<void(EmbeddingPoints)> on_embedding = {});
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
  void hand_on(const RunOutcome& outcome);  // to on_run_finished, with the captured embeddings
  void checkpoint();  // between steps: throws Cancelled on stop or a new start, blocks while paused
  ExperimentObserver make_observer();
  void publish(const std::function<void(Snapshot&)>& mutate);

  std::function<void()> on_publish_;
  std::function<void(FinishedRun)> on_run_finished_;
  std::function<void(EmbeddingPoints)> on_embedding_;
  // The current run's embeddings before and after re-training (worker thread only).
  FinishedRun captured_;

  // The run to start next: a newer start replaces one that has not begun.
  Mailbox<ExperimentConfig> starts_{MailboxPolicy::kNewest};
  std::mutex mutex_;  // guards the pause and stop state below (taken before starts_'s own)
  std::condition_variable changed_;
  bool stop_requested_ = false;
  bool paused_ = false;
  bool running_ = false;
  bool shutting_down_ = false;

  mutable std::mutex snapshot_mutex_;  // guards only the pointer swap
  std::shared_ptr<const Snapshot> current_;

  std::chrono::steady_clock::time_point phase_start_;
  BackgroundThread worker_;  // last: joined first
};

}  // namespace xdd
