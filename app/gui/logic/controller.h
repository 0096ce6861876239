#pragma once
// The app's one place that turns user intent (buttons, keys, the guide) into session commands. It
// owns the experiment session, the live t-SNE worker beside it (fed every snapshot the session
// publishes, whatever the app shows) and the settings being edited, reads the newest snapshot once
// a frame, and collects errors (invalid settings, failed runs) for the error modal.
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "session/experiment_session.h"
#include "session/live_tsne_feed.h"

namespace xdd {

class Controller {
 public:
  // `wake` is called on the session's worker after each publish (it wakes the main loop);
  // `on_run_finished` on the worker with each finished run (the app records it in the run store).
  Controller(const ExperimentConfig& defaults, std::function<void()> wake,
             std::function<void(FinishedRun)> on_run_finished = {},
             LiveTsneOptions tsne_options = {});

  ExperimentConfig& config() { return config_; }  // the settings the panel edits
  const ExperimentConfig& config() const { return config_; }
  const Snapshot& snapshot() const { return *snapshot_; }
  const std::shared_ptr<const Snapshot>& snapshot_ptr() const { return snapshot_; }
  // The live t-SNE of the session's test embeddings, for the views to read.
  const LiveTsneFeed& live_tsne() const { return tsne_; }
  // The live t-SNE's threads while training and otherwise (1..16 from the Embedding panel).
  void set_tsne_threads(int while_training, int when_idle);

  // Once a frame: takes the newest snapshot, applies a beta change that waited for pre-training
  // to finish, and queues the error of a run that has just failed.
  void refresh();

  bool in_progress() const;  // a run is running or paused
  bool paused() const;

  void run();  // starts the settings in the panel (replacing a run in progress)
  void pause();
  void resume();
  void toggle_run_pause();  // Space: run when idle, else pause / resume
  void stop();
  void reset();  // stops, and restores the settings the app started with

  // A new held-out digit restarts a run in progress (its pre-training checkpoint is kept).
  void set_holdout(int digit);
  // A new beta re-trains from the cached GAN: at once while re-training or scoring, after the GAN
  // is ready while pre-training; it only changes the settings when no run is in progress.
  void set_beta(double beta);
  // Call after the panel committed an edit of beta (the same rule as set_beta).
  void beta_edited() { set_beta(config_.beta); }

  bool has_error() const { return !errors_.empty(); }
  const std::string& error_title() const { return errors_.front().first; }
  const std::string& error_message() const { return errors_.front().second; }
  void dismiss_error() { errors_.pop_front(); }

 private:
  bool start(const ExperimentConfig& config);  // false (and an error queued) if it is invalid
  void add_error(const std::string& title, const std::string& message);

  ExperimentConfig defaults_;
  ExperimentConfig config_;
  LiveTsneFeed tsne_;  // before session_: the session's worker feeds it until it stops
  ExperimentSession session_;
  std::shared_ptr<const Snapshot> snapshot_;
  bool restart_when_gan_ready_ = false;
  std::shared_ptr<const Snapshot> reported_failure_;
  uint64_t reported_faults_ = 0;
  std::deque<std::pair<std::string, std::string>> errors_;
};

}  // namespace xdd
