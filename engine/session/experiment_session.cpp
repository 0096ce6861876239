#include "session/experiment_session.h"

#include "core/compute.h"
#include "core/error.h"
#include "core/free_memory.h"
#include "pipeline/experiment.h"
#include "session/snapshot_conversions.h"

namespace xdd {

const char* status_name(SessionStatus status) {
  switch (status) {
    case SessionStatus::kIdle:
      return "idle";
    case SessionStatus::kRunning:
      return "running";
    case SessionStatus::kPaused:
      return "paused";
    case SessionStatus::kDone:
      return "done";
    case SessionStatus::kStopped:
      return "stopped";
    case SessionStatus::kFailed:
      return "failed";
  }
  return "unknown";
}

ExperimentSession::ExperimentSession(std::function<void()> on_publish,
                                     std::function<void(FinishedRun)> on_run_finished,
                                     std::function<void(EmbeddingPoints)> on_embedding)
    : on_publish_(std::move(on_publish)),
      on_run_finished_(std::move(on_run_finished)),
      on_embedding_(std::move(on_embedding)),
      current_(std::make_shared<const Snapshot>()),
      worker_("xdd-training", [this] { worker_loop(); }) {}

ExperimentSession::~ExperimentSession() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
    stop_requested_ = true;
    paused_ = false;
  }
  starts_.close();
  changed_.notify_all();
  worker_.join();
}

void ExperimentSession::start(const ExperimentConfig& config) {
  validate(config);
  {
    std::lock_guard lock(mutex_);
    starts_.post(config);  // under the lock: a paused checkpoint sees the new start when it wakes
    stop_requested_ = false;  // a start after a stop runs (the run it replaces stops for it)
    paused_ = false;
  }
  changed_.notify_all();
}

void ExperimentSession::pause() {
  std::lock_guard lock(mutex_);
  if (running_) paused_ = true;
}

void ExperimentSession::resume() {
  {
    std::lock_guard lock(mutex_);
    paused_ = false;
  }
  changed_.notify_all();
}

void ExperimentSession::stop() {
  {
    std::lock_guard lock(mutex_);
    starts_.clear();
    // Set even when no run is in progress yet: a run the worker took a moment ago sees it at its
    // first checkpoint. Only start() clears it.
    stop_requested_ = true;
    paused_ = false;
  }
  changed_.notify_all();
}

std::shared_ptr<const Snapshot> ExperimentSession::snapshot() const {
  std::lock_guard lock(snapshot_mutex_);
  return current_;
}

bool ExperimentSession::wait_until_idle(std::chrono::milliseconds timeout) const {
  return starts_.wait_until_idle(timeout);
}

void ExperimentSession::publish(const std::function<void(Snapshot&)>& mutate) {
  // Only the worker thread publishes, so copying the current snapshot needs no lock beyond the
  // swap.
  auto next = std::make_shared<Snapshot>(*snapshot());
  mutate(*next);
  ++next->version;
  {
    std::lock_guard lock(snapshot_mutex_);
    current_ = std::move(next);
  }
  if (on_publish_) on_publish_();
}

void ExperimentSession::worker_loop() {
  while (std::optional<ExperimentConfig> config = starts_.take()) {
    {
      std::lock_guard lock(mutex_);
      running_ = true;
    }
    run_one(*config);
    {
      std::lock_guard lock(mutex_);
      running_ = false;
    }
    starts_.done();
  }
}

void ExperimentSession::checkpoint() {
  std::unique_lock lock(mutex_);
  if (paused_) {
    lock.unlock();
    publish([](Snapshot& s) { s.status = SessionStatus::kPaused; });
    lock.lock();
    changed_.wait(lock, [this] {
      return !paused_ || stop_requested_ || starts_.has_waiting() || shutting_down_;
    });
    lock.unlock();
    publish([](Snapshot& s) { s.status = SessionStatus::kRunning; });
    lock.lock();
  }
  if (stop_requested_ || starts_.has_waiting() || shutting_down_) throw Cancelled();
}

void ExperimentSession::run_one(const ExperimentConfig& config) {
  publish([&](Snapshot& s) { reset_for_run(s, config); });
  captured_ = FinishedRun{};
  try {
    const RunOutcome outcome = run_experiment(config, make_observer());
    hand_on(outcome);
    publish([&](Snapshot& s) { finish_run(s, outcome); });
  } catch (const Cancelled&) {
    publish([](Snapshot& s) { s.status = SessionStatus::kStopped; });
  } catch (const std::exception& e) {
    // Any failure (bad data, NaN loss, a LibTorch error) ends this run, never the app.
    const std::string message = e.what();
    publish([&](Snapshot& s) {
      s.status = SessionStatus::kFailed;
      s.error = message;
    });
  }
}

void ExperimentSession::hand_on(const RunOutcome& outcome) {
  if (!on_run_finished_) return;
  try {
    captured_.outcome = outcome;
    on_run_finished_(std::move(captured_));
  } catch (const std::exception&) {
    // Whoever records the run reports its own faults; the run itself has finished.
  }
  captured_ = FinishedRun{};
}

ExperimentObserver ExperimentSession::make_observer() {
  ExperimentObserver o;
  o.embedding_interval = 5;  // live AUPRC and t-SNE at steps 5, 10, 20, 40, 80, 160
  o.gan_sample_interval = 50;
  o.checkpoint = [this] { checkpoint(); };
  o.on_fault = [this](const TrainingFault& fault) {
    // Pause at the fault (the trainer has restored the last good step); resume retries the step.
    {
      std::lock_guard lock(mutex_);
      paused_ = true;
    }
    const std::string message = fault.what();
    publish([&](Snapshot& s) {
      ++s.fault_count;
      s.last_fault = message;
    });
  };
  o.on_phase = [this](Phase phase, const std::string&) {
    phase_start_ = std::chrono::steady_clock::now();
    publish([&](Snapshot& s) { enter_phase(s, phase); });
  };
  o.on_test_set = [this](const torch::Tensor& images, const torch::Tensor&) {
    auto pixels = std::make_shared<const std::vector<uint8_t>>(to_pixels(images));
    publish([&](Snapshot& s) { s.test_images = pixels; });
  };
  o.on_gan_step = [this](const GanStepReport& r) {
    publish([&](Snapshot& s) {
      add_gan_step(s, r);
      set_progress(s, r.step, r.total_steps, phase_start_);
    });
  };
  o.on_gan_samples = [this](const torch::Tensor& samples) {
    auto pixels = to_pixels(samples);
    publish([&](Snapshot& s) {
      s.gan_samples = std::move(pixels);
      s.gan_sample_count = static_cast<int>(samples.size(0));
    });
  };
  o.on_retrain_step = [this](const RetrainStepReport& r) {
    publish([&](Snapshot& s) {
      add_retrain_step(s, r);
      set_progress(s, r.step, r.total_steps, phase_start_);
    });
  };
  o.on_info_plane = [this](const InfoPlanePoint& p) {
    publish([&](Snapshot& s) { s.info_plane.push_back(p); });
  };
  o.on_embedding = [this](const EmbeddingUpdate& u) {
    if (on_run_finished_) captured_.keep_embedding(u);
    auto frame = std::make_shared<const EmbeddingFrame>(to_frame(u));
    if (on_embedding_) on_embedding_(to_points(u, frame));
    publish([&](Snapshot& s) {
      s.embedding = frame;
      // Live AUPRC: every published embedding carries the KDE scores at that moment.
      const DetectionMetrics m = metrics_for_holdout(u, s.config.holdout);
      if (u.stage == EmbeddingStage::kBefore) {
        s.before = m;
        s.entanglement_before = u.entanglement.minimum;
      } else {
        s.after = m;
        s.entanglement_after = u.entanglement.minimum;
      }
    });
    release_free_memory();  // the scoring's temporaries, a few hundred MB in all
  };
  return o;
}

}  // namespace xdd
