#pragma once
// The live t-SNE as a worker beside the experiment session, not inside a view: it is handed every
// new test embedding and every snapshot the session publishes (on the session's worker thread),
// whatever the app shows, gives each embedding to its LiveTsne, and keeps the layout of the
// embedding scored after pre-training once the t-SNE has laid it out (the "before" of the
// before/after export). Views read what it publishes (latest(), before_layout()) and never drive
// it. The t-SNE gets the threads training leaves free while a run is in progress, every core
// otherwise.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "session/live_tsne.h"
#include "session/snapshot.h"

namespace xdd {

class LiveTsneFeed {
 public:
  // `on_publish` runs on the t-SNE's worker after each new layout (the app wakes its event loop).
  // `idle_threads` (>= 1): the t-SNE's threads when no run is in progress; while one is, it uses
  // options.params.threads. InvalidArgument for bad options.
  LiveTsneFeed(LiveTsneOptions options, int idle_threads, std::function<void()> on_publish = {});

  // Any thread, typically the session's worker with each new embedding (ExperimentSession's
  // on_embedding): to the t-SNE (newest wins); a "before" embedding is remembered for the export.
  void submit(EmbeddingPoints points);
  // Any thread, typically the session's worker after each publish: the t-SNE's threads follow
  // whether a run is in progress.
  void follow(const Snapshot& snapshot);

  // The t-SNE's threads while a run is in progress and otherwise (each 1..1024, else
  // InvalidArgument); in force from the next snapshot taken.
  void set_threads(int while_training, int when_idle);
  int training_threads() const { return training_threads_; }
  int idle_threads() const { return idle_threads_; }

  std::shared_ptr<const TsneLayout> latest() const { return tsne_.latest(); }
  LiveTsneStatus status() const { return tsne_.status(); }
  // The embedding scored after pre-training of the current run, and its layout (null until the
  // t-SNE has published one of that frame).
  std::shared_ptr<const EmbeddingFrame> before_frame() const;
  std::shared_ptr<const TsneLayout> before_layout() const;

 private:
  void layout_published();  // on the t-SNE's worker

  std::function<void()> on_publish_;
  std::atomic<int> training_threads_;
  std::atomic<int> idle_threads_;
  mutable std::mutex mutex_;  // guards the two fields below
  std::shared_ptr<const EmbeddingFrame> before_frame_;
  std::shared_ptr<const TsneLayout> before_layout_;
  LiveTsne tsne_;  // last: its worker, which calls layout_published, stops first
};

}  // namespace xdd
