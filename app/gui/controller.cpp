#include "controller.h"

#include "core/error.h"
#include "pipeline/observer.h"

namespace xdd {

Controller::Controller(const ExperimentConfig& defaults, std::function<void()> wake,
                       std::function<void(FinishedRun)> on_run_finished)
    : defaults_(defaults),
      config_(defaults),
      session_(std::move(wake), std::move(on_run_finished)),
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
  const bool gan_ready = s.phase == phase_name(Phase::kScoringBefore) ||
                         s.phase == phase_name(Phase::kRetraining) ||
                         s.phase == phase_name(Phase::kScoringAfter);
  if (restart_when_gan_ready_ && !in_progress()) restart_when_gan_ready_ = false;
  if (restart_when_gan_ready_ && gan_ready) {
    restart_when_gan_ready_ = false;
    if (s.config.beta != config_.beta) start(config_);
  }
}

bool Controller::in_progress() const {
  return snapshot_->status == SessionStatus::kRunning ||
         snapshot_->status == SessionStatus::kPaused;
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
  if (!in_progress() || snapshot_->config.beta == beta) return;
  const std::string& phase = snapshot_->phase;
  if (phase == phase_name(Phase::kLoading) || phase == phase_name(Phase::kPretraining) ||
      phase.empty()) {
    restart_when_gan_ready_ = true;  // stopping now would throw away pre-training work
  } else {
    start(config_);
  }
}

void Controller::add_error(const std::string& title, const std::string& message) {
  errors_.emplace_back(title, message);
}

}  // namespace xdd
