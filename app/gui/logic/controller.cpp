#include "logic/controller.h"

#include <algorithm>
#include <thread>

#include "core/error.h"
#include "logic/beta_change.h"

namespace xdd {

Controller::Controller(const ExperimentConfig& defaults, std::function<void()> wake,
                       std::function<void(FinishedRun)> on_run_finished,
                       LiveTsneOptions tsne_options)
    : defaults_(defaults),
      config_(defaults),
      // While training runs it has the other core(s); otherwise the t-SNE may use them all.
      tsne_(tsne_options, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
            wake),
      session_(
          [this, wake] {
            tsne_.follow(*session_.snapshot());
            if (wake) wake();
          },
          std::move(on_run_finished),
          [this](EmbeddingPoints points) { tsne_.submit(std::move(points)); }),
      snapshot_(session_.snapshot()) {}

void Controller::refresh() {
  snapshot_ = session_.snapshot();
  const Snapshot& s = *snapshot_;
  // A failure is published once and stays current until the next run; report each one once.
  if (s.status == SessionStatus::kFailed && reported_failure_ != snapshot_) {
    add_error("The run failed", s.error);
    reported_failure_ = snapshot_;
  }
  if (s.fault_count > reported_faults_) {
    add_error("Training paused",
              s.last_fault +
                  ".\n\nThe run is paused at this step. Resume retries it; Stop ends the run. A "
                  "lower learning rate or another seed may avoid the fault.");
    reported_faults_ = s.fault_count;
  }
  if (restart_when_gan_ready_ && gui::waiting_restart_cancelled(s)) {
    restart_when_gan_ready_ = false;
  }
  if (restart_when_gan_ready_ && s.phase && gan_ready_in(*s.phase)) {
    restart_when_gan_ready_ = false;
    if (gui::waiting_restart_due(s, config_.beta)) start(config_);
  }
}

bool Controller::in_progress() const {
  return gui::run_in_progress(*snapshot_);
}

bool Controller::paused() const {
  return snapshot_->status == SessionStatus::kPaused;
}

bool Controller::start(const ExperimentConfig& config) {
  try {
    session_.start(config);
    return true;
  } catch (const Error& e) {
    add_error("Invalid settings", e.what());
    return false;
  }
}

void Controller::run() {
  restart_when_gan_ready_ = false;
  start(config_);
}

void Controller::set_tsne_threads(int while_training, int when_idle) {
  try {
    tsne_.set_threads(while_training, when_idle);
    // Applied now, not only at the next snapshot: the user may change it while nothing runs.
    tsne_.follow(*snapshot_);
  } catch (const Error& e) {
    add_error("Invalid t-SNE threads", e.what());
  }
}

void Controller::pause() {
  session_.pause();
}
void Controller::resume() {
  session_.resume();
}

void Controller::toggle_run_pause() {
  if (!in_progress()) {
    run();
  } else if (paused()) {
    resume();
  } else {
    pause();
  }
}

void Controller::stop() {
  restart_when_gan_ready_ = false;
  session_.stop();
}

void Controller::reset() {
  stop();
  config_ = defaults_;
}

void Controller::set_holdout(int digit) {
  if (digit < 0 || digit > 9 || digit == config_.holdout) return;
  config_.holdout = digit;
  if (in_progress()) run();
}

void Controller::set_beta(double beta) {
  config_.beta = beta;
  switch (gui::beta_change(*snapshot_, beta)) {
    case gui::BetaChange::kSettingsOnly:
      break;
    case gui::BetaChange::kRestartWhenGanReady:
      restart_when_gan_ready_ = true;  // stopping now would throw away pre-training work
      break;
    case gui::BetaChange::kRestartNow:
      start(config_);
      break;
  }
}

void Controller::add_error(const std::string& title, const std::string& message) {
  errors_.emplace_back(title, message);
}

}  // namespace xdd
