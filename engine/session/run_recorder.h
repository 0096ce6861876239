#pragma once
// Keeps the app's finished runs the way `xdd run` keeps its own: a run folder (metrics.json,
// losses.csv, scores.csv, infoplane.csv, config.json and the t-SNE layouts before and after
// re-training), then a record in the run store, so the Runs panel, `xdd runs` and `xdd figure` see
// them. One worker thread, at background priority, takes the runs in the order they finished; the
// session's worker only queues them (record() returns at once), so the next run starts without
// waiting for the layouts.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>

#include "core/background_thread.h"
#include "core/mailbox.h"
#include "session/experiment_session.h"

namespace xdd {

struct RecorderOptions {
  std::filesystem::path store_file;  // the run store database
  std::filesystem::path runs_dir;    // one folder per run below it, h8-xdd-beta1-seed0-<time>
  bool layouts = true;               // write layout_before.csv and layout_after.csv
  int threads = 1;                   // t-SNE threads for the layouts
};

struct RecorderStatus {
  std::uint64_t recorded = 0;  // runs in the store so far
  std::uint64_t failed = 0;    // runs that could not be written or recorded
  std::size_t queued = 0;      // waiting or being written
  std::int64_t last_id = 0;    // store id of the newest recorded run
  std::filesystem::path last_folder;
  std::string last_error;  // why the newest failure failed ("" when none did)
};

class RunRecorder {
 public:
  // `on_change` runs on the recorder's thread after each run is recorded or has failed.
  explicit RunRecorder(RecorderOptions options, std::function<void()> on_change = {});
  // Finishes the runs already queued (a run the user saw finish is not lost at exit).
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  void record(FinishedRun run);
  // While paused the recorder starts no run and holds its layouts between t-SNE iterations: the
  // app pauses it while a run trains, so a β click's run has the cores (the layouts of the run
  // before it take a minute of CPU). After a pause it waits a second more before going on: a β
  // click starts the next run within a frame of the last one's end, and a layout's PCA, once
  // started, cannot stop midway. With more than one run queued it works on regardless (each holds
  // its embeddings until written). The destructor resumes it to finish what is queued.
  void set_paused(bool paused);
  // Where runs recorded from now on go (the app opened a session with another store).
  void set_destination(const std::filesystem::path& store_file,
                       const std::filesystem::path& runs_dir);
  RecorderStatus status() const;
  RecorderOptions options() const;
  // True once nothing is queued (for tests).
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  void worker_loop();
  void wait_while_paused();
  void write(const FinishedRun& run, const RecorderOptions& options);  // throws on any fault

  std::function<void()> on_change_;
  mutable std::mutex mutex_;  // guards options_, status_ and paused_
  RecorderOptions options_;
  RecorderStatus status_;
  bool paused_ = false;
  bool closing_ = false;
  std::chrono::steady_clock::time_point resumed_at_{};
  std::condition_variable resumed_;
  Mailbox<FinishedRun> runs_{MailboxPolicy::kEvery};
  BackgroundThread worker_;  // last: joined first
};

// A folder below `runs_dir` that does not exist yet, named after the run and `iso_time`
// ("2024-05-01T12:00:00Z" -> h8-xdd-beta1-seed0-20240501T120000Z, then -2, -3, ... if taken).
std::filesystem::path new_run_folder(const std::filesystem::path& runs_dir,
                                     const ExperimentConfig& config, const std::string& iso_time);

}  // namespace xdd
