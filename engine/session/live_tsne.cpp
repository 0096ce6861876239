#include "session/live_tsne.h"

#include <omp.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "core/compute.h"
#include "core/error.h"
#include "core/free_memory.h"
#include "core/stopwatch.h"
#include "session/tsne_input.h"
#include "session/warm_knn.h"
#include "tsne/affinities.h"
#include "tsne/embedding.h"
#include "tsne/knn.h"
#include "tsne/pca.h"

namespace xdd {
namespace {

using Clock = std::chrono::steady_clock;

// LibTorch (the PCA's matrix products) and OpenBLAS run OpenMP teams sized by the calling thread's
// OpenMP setting; set it for this thread only, after LibTorch's own once-per-thread initialisation
// (which would otherwise overwrite it with the training thread's global count).
void limit_this_thread(int threads) {
  at::internal::lazy_init_num_threads();
  omp_set_num_threads(threads);
}

}  // namespace

const char* live_tsne_state_name(LiveTsneState state) {
  switch (state) {
    case LiveTsneState::kIdle:
      return "idle";
    case LiveTsneState::kPreparing:
      return "preparing";
    case LiveTsneState::kOptimizing:
      return "optimizing";
    case LiveTsneState::kSettled:
      return "settled";
    case LiveTsneState::kFailed:
      return "failed";
  }
  return "unknown";
}

LiveTsneOptions::LiveTsneOptions() {
  params.threads = 1;
  params.kl_every = 5;  // the callback is where new frames and stops are noticed
}

// The worker's state across frames: the PCA subspace, the embedding being optimised and the
// bookkeeping for the published layouts. Used on the worker thread only.
class LiveTsne::Job {
 public:
  explicit Job(LiveTsne& owner) : owner_(owner), options_(owner.options_), pca_(options_.pca) {}

  void take(EmbeddingPoints points) {
    auto start = Clock::now();
    PointMatrix reduced;
    {
      PointMatrix scratch;  // used only when the labeled rows are not after the test rows
      const PointView view = tsne_points(points, options_.include_labeled, scratch);
      reduced = options_.params.pca_dims > 0 ? pca_.project(view) : copy_of(view);
    }
    // From here on the reduced points are all the t-SNE needs: the embedding goes now, not
    // when the next one arrives.
    std::shared_ptr<const EmbeddingFrame> frame = std::move(points.frame);
    const std::int64_t labeled_count = labeled_rows(points, options_.include_labeled);
    points = EmbeddingPoints{};
    const double pca_seconds = seconds_since(start);
    if (owner_.stop_requested()) return;
    start = Clock::now();
    TsneParams params = options_.params;
    params.threads = threads_;
    const bool restart = !embedding_ || embedding_->affinities().size() != reduced.rows ||
                         (options_.restart_on_before && frame->stage == EmbeddingStage::kBefore);
    const bool warm = !restart && options_.warm_knn_hops > 0 && graph_.n == reduced.rows &&
                      updates_since_full_knn_ + 1 < options_.full_knn_every;
    graph_ = warm ? refine_neighbors(reduced, graph_, options_.warm_knn_hops, threads_)
                  : full_neighbors(reduced, params);
    updates_since_full_knn_ = warm ? updates_since_full_knn_ + 1 : 0;
    Affinities affinities = Affinities::from_neighbors(graph_, params.perplexity, threads_);
    release_free_memory();  // the PCA's and the neighbour search's temporaries
    const double affinity_seconds = seconds_since(start);
    {
      std::lock_guard<std::mutex> lock(owner_.mutex_);
      owner_.status_.pca_seconds = pca_seconds;
      owner_.status_.affinity_seconds = affinity_seconds;
      owner_.status_.warm_neighbors = warm;
    }
    frame_ = std::move(frame);
    labeled_count_ = labeled_count;
    try {
      run(restart, std::move(affinities), reduced, params);
    } catch (const TrainingError&) {
      embedding_.reset();  // a diverged layout is no place to continue from
      throw;
    }
  }

  // Threads follow set_threads(): the embedding swaps its worker pool and keeps its layout,
  // velocity, gains and iteration count (TsneEmbedding::set_params).
  void follow_thread_setting() {
    const int wanted = owner_.threads_.load();
    if (wanted == threads_) return;
    threads_ = wanted;
    limit_this_thread(threads_);
    {
      std::lock_guard<std::mutex> lock(owner_.mutex_);
      owner_.status_.threads = threads_;
    }
    if (!embedding_) return;
    TsneParams params = embedding_->params();
    params.threads = threads_;
    embedding_->set_params(params);
  }

 private:
  void run(bool restart, Affinities affinities, const PointMatrix& reduced,
           const TsneParams& params) {
    if (restart) {
      auto layout = pca_init(reduced, params.init_std, params.seed);
      embedding_ =
          std::make_unique<TsneEmbedding>(std::move(affinities), std::move(layout), params);
      updates_ = 0;
      ++generation_;
      kl_ = std::numeric_limits<double>::quiet_NaN();
      // A new layout: the standard schedule, exaggerated first.
      optimize(options_.initial_iterations, params.exaggeration_iters, params.exaggeration_iters);
    } else {
      // A live update continues the layout: no exaggeration, so points drift instead of jump.
      embedding_->update_affinities(std::move(affinities));
      ++updates_;
      optimize(options_.live_iterations, options_.min_live_iterations, 0);
    }
  }

  int iteration() const { return embedding_->iteration(); }

  // A fresh kNN search (FLANN), with the affinities' check on the number of points.
  static KnnGraph full_neighbors(const PointMatrix& points, const TsneParams& params) {
    const int k = neighbors_for(params);
    if (points.rows < k + 1) {
      throw InvalidArgument("t-SNE with perplexity " + std::to_string(params.perplexity) +
                            " uses " + std::to_string(k) + " neighbours per point and so needs " +
                            "at least " + std::to_string(k + 1) + " points; the frame has " +
                            std::to_string(points.rows) + ". Lower the perplexity or add points");
    }
    return find_neighbors(points, k, params);
  }

  void publish(bool settled) {
    auto layout = std::make_shared<TsneLayout>();
    layout->xy = embedding_->layout();
    layout->labeled_count = labeled_count_;
    layout->test_count = static_cast<std::int64_t>(layout->xy.size() / 2) - labeled_count_;
    layout->iteration = iteration();
    layout->kl = kl_;
    layout->updates = updates_;
    layout->generation = generation_;
    layout->settled = settled;
    layout->frame = frame_;
    owner_.publish(std::move(layout));
    last_publish_ = Clock::now();
  }

  // Runs `planned` iterations, the first `early` of them in the early stage (tsne/embedding.h),
  // publishing every publish_interval_seconds; gives way to a stop at once and to a newer frame
  // after `min_before_switch` iterations.
  void optimize(int planned, int min_before_switch, int early) {
    owner_.set_state(LiveTsneState::kOptimizing);
    publish(false);  // the layout the new affinities start from
    const int first = iteration();
    const auto start = Clock::now();
    bool interrupted = false;
    while (iteration() - first < planned && !interrupted) {
      bool thread_change = false;
      const int before = iteration();
      const int done_so_far = iteration() - first;
      const bool in_early = done_so_far < early;
      const TsneParams& params = embedding_->params();
      embedding_->optimize((in_early ? std::min(early, planned) : planned) - done_so_far,
                           in_early ? early_stage(params) : final_stage(params),
                           [&](int, double kl, const std::vector<float>&) {
                             kl_ = kl;
                             if (seconds_since(last_publish_) >= options_.publish_interval_seconds)
                               publish(false);
                             const int done = iteration() - first;
                             interrupted = owner_.stop_requested() ||
                                           (done >= min_before_switch && owner_.has_pending());
                             thread_change = owner_.threads_.load() != threads_;
                             return !interrupted && !thread_change;
                           });
      if (iteration() == before) break;  // nothing ran (planned reached)
      if (thread_change) follow_thread_setting();
    }
    const double seconds = seconds_since(start);
    {
      std::lock_guard<std::mutex> lock(owner_.mutex_);
      if (seconds > 0.0) owner_.status_.iterations_per_second = (iteration() - first) / seconds;
    }
    if (owner_.stop_requested()) return;
    publish(!interrupted);
    if (!interrupted) owner_.set_state(LiveTsneState::kSettled);
  }

  LiveTsne& owner_;
  const LiveTsneOptions& options_;
  SubspacePca pca_;
  std::unique_ptr<TsneEmbedding> embedding_;
  std::shared_ptr<const EmbeddingFrame> frame_;
  std::int64_t labeled_count_ = 0;
  KnnGraph graph_;  // of the last frame: the start of the next warm search
  int updates_since_full_knn_ = 0;
  int threads_ = 0;  // 0: not yet applied
  int updates_ = 0;
  std::uint64_t generation_ = 0;
  double kl_ = std::numeric_limits<double>::quiet_NaN();
  Clock::time_point last_publish_ = Clock::now();
};

LiveTsne::LiveTsne(LiveTsneOptions options, std::function<void()> on_publish)
    : options_(std::move(options)), on_publish_(std::move(on_publish)) {
  validate(options_.params);
  if (options_.initial_iterations < 0 || options_.live_iterations < 0 ||
      options_.min_live_iterations < 0 || !(options_.publish_interval_seconds >= 0.0) ||
      options_.warm_knn_hops < 0 || options_.warm_knn_hops > neighbors_for(options_.params) ||
      options_.full_knn_every < 1) {
    throw InvalidArgument(
        "live t-SNE options: iteration counts and the publish interval must be >= 0, "
        "warm_knn_hops 0..k (the neighbours per point) and full_knn_every >= 1");
  }
  if (options_.params.pca_dims > 0) options_.pca.components = options_.params.pca_dims;
  SubspacePca check(options_.pca);  // InvalidArgument for bad PCA options, here and not later
  threads_ = threads_for(options_.params);
  status_.threads = threads_;
  worker_.emplace("xdd-live-tsne", [this] { worker_main(); });
}

LiveTsne::~LiveTsne() {
  stop();
}

void LiveTsne::stop() {
  stopping_ = true;
  frames_.close();  // drops a waiting frame; the worker returns at its next check
  if (worker_) worker_->join();
}

void LiveTsne::submit(EmbeddingPoints points) {
  if (!points.frame) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (frames_.post(std::move(points))) ++status_.frames_submitted;
}

void LiveTsne::set_threads(int threads) {
  if (threads < 1 || threads > 1024) {
    throw InvalidArgument("live t-SNE threads must be 1..1024, got " + std::to_string(threads));
  }
  threads_ = threads;
}

std::shared_ptr<const TsneLayout> LiveTsne::latest() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return latest_;
}

LiveTsneStatus LiveTsne::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

bool LiveTsne::has_pending() const {
  return frames_.has_waiting();
}

void LiveTsne::publish(std::shared_ptr<const TsneLayout> layout) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    latest_ = std::move(layout);
  }
  if (on_publish_) on_publish_();
}

void LiveTsne::set_state(LiveTsneState state, const std::string& error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    status_.state = state;
    status_.error = error;
  }
  if (on_publish_) on_publish_();
}

void LiveTsne::worker_main() {
  Job job(*this);
  while (auto frame = frames_.take()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++status_.frames_used;
      status_.state = LiveTsneState::kPreparing;  // with the count, so both change together
      status_.error.clear();
    }
    try {
      if (on_publish_) on_publish_();
      job.follow_thread_setting();
      job.take(std::move(*frame));
    } catch (const std::exception& e) {
      // A bad frame (or a diverged layout) never ends the worker: the last good layout stays.
      set_state(LiveTsneState::kFailed, e.what());
    }
    frames_.done();
  }
}

}  // namespace xdd
