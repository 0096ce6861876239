#pragma once
// The live t-SNE behind the app's Embedding panel (SPEC §6 live mode). One worker thread takes the
// newest test embedding (EmbeddingPoints) handed to submit(), reduces it to PCA-50 (SubspacePca,
// warm-started), computes the affinities and moves a Barnes-Hut t-SNE layout: the first frame from
// the PCA initialisation with the full schedule (early exaggeration), every later frame through
// TsneEmbedding::update_affinities, continuing from where the points are (no exaggeration, final
// momentum, gains kept), so the classes drift apart as training separates them. Layouts are
// published as immutable snapshots a few times per second; the UI swaps in the newest pointer.
// Submitting never blocks on the work; a newer frame replaces one not yet started, and cuts short
// the optimisation of the current one (after a minimum number of iterations, so the layout keeps
// moving even when frames arrive faster than the t-SNE converges). A bad frame (NaN, too few
// points for the perplexity, mismatched sizes) puts the worker in the failed state with the
// engine's message; the last good layout stays, and the next good frame continues from it.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/background_thread.h"
#include "core/mailbox.h"
#include "session/snapshot.h"
#include "session/subspace_pca.h"
#include "tsne/tsne_params.h"

namespace xdd {

// One published layout.
struct TsneLayout {
  // Interleaved x, y: the frame's test points first (test_count), then its labeled examples
  // (labeled_count; they are extra t-SNE points when LiveTsneOptions::include_labeled).
  std::vector<float> xy;
  std::int64_t test_count = 0;
  std::int64_t labeled_count = 0;
  int iteration = 0;  // iterations of this layout since its (re)start, across live updates
  double kl = 0.0;    // KL(P || Q) at `iteration` (NaN before the first KL evaluation)
  int updates = 0;    // live updates applied since the (re)start (0 = still the first frame)
  std::uint64_t generation = 0;  // increases at each restart from the PCA initialisation
  bool settled = false;          // true once the iterations planned for this frame are done
  std::shared_ptr<const EmbeddingFrame> frame;  // the frame whose affinities are being optimised
};

enum class LiveTsneState {
  kIdle,        // nothing submitted yet
  kPreparing,   // PCA + affinities of a new frame
  kOptimizing,  // gradient descent running
  kSettled,     // planned iterations done; waiting for the next frame (no CPU used)
  kFailed,      // the last frame was rejected; `error` says why
};
const char* live_tsne_state_name(LiveTsneState state);

struct LiveTsneStatus {
  LiveTsneState state = LiveTsneState::kIdle;
  std::string error;
  std::uint64_t frames_submitted = 0;
  std::uint64_t frames_used = 0;  // frames the worker started on (the others were superseded)
  int threads = 1;
  double pca_seconds = 0.0;            // of the last frame
  double affinity_seconds = 0.0;       // kNN + calibration of the last frame
  bool warm_neighbors = false;         // the last frame's kNN was refined from the previous one
  double iterations_per_second = 0.0;  // over the last optimisation stretch
};

struct LiveTsneOptions {
  LiveTsneOptions();
  TsneParams
      params;  // perplexity, theta, schedule, threads (default 1: training has the other core)
  SubspacePcaOptions pca;         // components is set to params.pca_dims (0 there = no PCA at all)
  int initial_iterations = 1000;  // first frame (and every restart): the full schedule
  int live_iterations = 300;      // after each live update
  int min_live_iterations = 20;  // a newer frame waits this long after an update before it is taken
  int warm_knn_hops = 10;        // live updates refine the last kNN graph (warm_knn.h); 0 = never
  int full_knn_every = 8;        // ... but every this many live updates search afresh
  double publish_interval_seconds = 0.2;
  bool include_labeled = true;    // lay out the labeled examples as extra t-SNE points
  bool restart_on_before = true;  // a "before" frame (a new run) starts a fresh layout
};

class LiveTsne {
 public:
  // `on_publish` runs on the worker thread after each new layout or state change (the app posts
  // an empty GLFW event there). InvalidArgument for bad options.
  explicit LiveTsne(LiveTsneOptions options = {}, std::function<void()> on_publish = {});
  ~LiveTsne();  // stops the worker and joins it
  LiveTsne(const LiveTsne&) = delete;
  LiveTsne& operator=(const LiveTsne&) = delete;

  // Hands over a frame's embedding; returns at once. Points without a frame are ignored; points
  // not yet started on are replaced by newer ones. The worker lets the points go once it has
  // reduced them (layouts keep only the frame).
  void submit(EmbeddingPoints points);

  // Worker threads for the t-SNE (>= 1); takes effect within a few iterations.
  void set_threads(int threads);

  std::shared_ptr<const TsneLayout> latest() const;
  LiveTsneStatus status() const;

  // Stops the worker (also done by the destructor). Pending work is dropped.
  void stop();

 private:
  class Job;
  void worker_main();
  void publish(std::shared_ptr<const TsneLayout> layout);
  void set_state(LiveTsneState state, const std::string& error = {});
  bool stop_requested() const { return stopping_.load(); }
  bool has_pending() const;

  LiveTsneOptions options_;
  std::function<void()> on_publish_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> threads_{1};

  Mailbox<EmbeddingPoints> frames_{MailboxPolicy::kNewest};
  mutable std::mutex mutex_;  // guards the fields below (never held during work)
  std::shared_ptr<const TsneLayout> latest_;
  LiveTsneStatus status_;

  std::optional<BackgroundThread> worker_;  // last: joined first; started once options are valid
};

}  // namespace xdd
