#include "session/run_recorder.h"

#include <algorithm>

#include "core/compute.h"
#include "pipeline/run_outputs.h"
#include "store/run_store.h"
#include "store/timestamps.h"

namespace xdd {

namespace fs = std::filesystem;

fs::path new_run_folder(const fs::path& runs_dir, const ExperimentConfig& c,
                        const std::string& iso_time) {
  std::string stamp;
  for (char ch : iso_time) {
    if (ch != '-' && ch != ':') stamp += ch;  // 2024-05-01T12:00:00Z -> 20240501T120000Z
  }
  const std::string base = run_folder_name(c.holdout, c.method, c.beta, c.seed) + "-" + stamp;
  fs::path dir = runs_dir / base;
  std::error_code ec;
  for (int k = 2; fs::exists(dir, ec); ++k) dir = runs_dir / (base + "-" + std::to_string(k));
  return dir;
}

RunRecorder::RunRecorder(RecorderOptions options, std::function<void()> on_change)
    : options_(std::move(options)), on_change_(std::move(on_change)) {
  options_.threads = std::max(1, options_.threads);
  worker_ = std::thread([this] {
    run_at_background_priority();  // the UI thread draws first
    worker_loop();
  });
}

RunRecorder::~RunRecorder() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void RunRecorder::record(FinishedRun run) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(run));
    ++status_.queued;
  }
  changed_.notify_all();
}

void RunRecorder::set_destination(const fs::path& store_file, const fs::path& runs_dir) {
  std::lock_guard lock(mutex_);
  options_.store_file = store_file;
  options_.runs_dir = runs_dir;
}

RecorderOptions RunRecorder::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

RecorderStatus RunRecorder::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

bool RunRecorder::wait_until_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

void RunRecorder::worker_loop() {
  for (;;) {
    FinishedRun run;
    RecorderOptions options;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down with nothing left to write
      run = std::move(queue_.front());
      queue_.pop_front();
      options = options_;
      busy_ = true;
    }
    std::string error;
    try {
      write(run, options);
    } catch (const std::exception& e) {
      error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
      --status_.queued;
      if (!error.empty()) {
        ++status_.failed;
        status_.last_error = "run not recorded: " + error;
      }
    }
    changed_.notify_all();
    if (on_change_) on_change_();
  }
}

void RunRecorder::write(const FinishedRun& run, const RecorderOptions& options) {
  const fs::path dir = new_run_folder(options.runs_dir, run.outcome.config, store::now_iso_utc());
  write_run_outputs(run.outcome, dir);
  if (options.layouts && run.before.z_test.defined() && run.after.z_test.defined()) {
    write_run_layout(run.before, dir / "layout_before.csv", options.threads);
    write_run_layout(run.after, dir / "layout_after.csv", options.threads);
  }
  store::RunStore store(options.store_file);
  const std::int64_t id = store.import_run_folder(dir);
  std::lock_guard lock(mutex_);
  ++status_.recorded;
  status_.last_id = id;
  status_.last_folder = dir;
}

}  // namespace xdd
