#include "session/run_recorder.h"

#include <algorithm>

#include "core/compute.h"
#include "pipeline/finished_run.h"
#include "pipeline/run_outputs.h"
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

namespace {

RecorderOptions with_a_thread_at_least(RecorderOptions options) {
  options.threads = std::max(1, options.threads);
  return options;
}

}  // namespace

RunRecorder::RunRecorder(RecorderOptions options, std::function<void()> on_change)
    : on_change_(std::move(on_change)),
      options_(with_a_thread_at_least(std::move(options))),
      worker_("xdd-recorder", [this] { worker_loop(); }) {}

RunRecorder::~RunRecorder() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  resumed_.notify_all();  // a grace wait ends at once
  set_paused(false);
  runs_.close();  // the worker writes what is queued, then returns
  worker_.join();
}

void RunRecorder::record(FinishedRun run) {
  std::lock_guard lock(mutex_);
  if (runs_.post(std::move(run))) ++status_.queued;
  resumed_
      .notify_all();  // a paused recorder goes on once a second run waits (see wait_while_paused)
}

void RunRecorder::set_paused(bool paused) {
  {
    std::lock_guard lock(mutex_);
    if (paused_ == paused) return;
    paused_ = paused;
    if (!paused) resumed_at_ = std::chrono::steady_clock::now();
  }
  if (!paused) resumed_.notify_all();
}

void RunRecorder::wait_while_paused() {
  constexpr auto kGrace = std::chrono::seconds(1);
  std::unique_lock lock(mutex_);
  // A finished run holds its embeddings (about 250 MB) until it is written: with more than one
  // queued (a β sweep), the recorder works on at its low priority instead of holding them all.
  const auto may_go = [this] { return !paused_ || status_.queued > 1; };
  for (;;) {
    resumed_.wait(lock, may_go);
    if (status_.queued > 1) return;
    const auto go_at = resumed_at_ + kGrace;
    if (closing_ || std::chrono::steady_clock::now() >= go_at) return;
    resumed_.wait_until(lock, go_at, [this] { return paused_ || closing_ || status_.queued > 1; });
  }
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
  return runs_.wait_until_idle(timeout);
}

void RunRecorder::worker_loop() {
  // The layouts of a finished run take a minute of CPU; a run started since (a beta click) comes
  // first.
  run_at_lowest_priority();
  while (std::optional<FinishedRun> run = runs_.take()) {
    std::string error;
    wait_while_paused();
    try {
      write(*run, options());
    } catch (const std::exception& e) {
      error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      --status_.queued;
      if (!error.empty()) {
        ++status_.failed;
        status_.last_error = "run not recorded: " + error;
      }
    }
    runs_.done();
    if (on_change_) on_change_();
  }
}

void RunRecorder::write(const FinishedRun& run, const RecorderOptions& options) {
  const fs::path dir = new_run_folder(options.runs_dir, run.outcome.config, store::now_iso_utc());
  write_run_folder(run, dir, {options.layouts, options.threads, [this] { wait_while_paused(); }});
  const std::int64_t id = record_run_folder(options.store_file, dir);
  std::lock_guard lock(mutex_);
  ++status_.recorded;
  status_.last_id = id;
  status_.last_folder = dir;
}

}  // namespace xdd
