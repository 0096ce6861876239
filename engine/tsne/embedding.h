#pragma once
// A t-SNE layout being optimised: gradient descent with momentum and per-coordinate gains on the
// Barnes-Hut gradient (SPEC §6). Resumable: optimize() can be called again and again and continues
// exactly where it stopped (iteration count, velocity, gains). The schedule is the caller's: each
// optimize() call says its exaggeration and momentum (a TsneStage), as openTSNE's optimize() does;
// optimize_standard() runs the usual one. Live mode: update_affinities() swaps in a new P (new
// model weights) and the layout keeps moving from where it is; a live caller runs final_stage(),
// so points drift instead of jumping.
#include <functional>
#include <memory>
#include <vector>

#include "tsne/affinities.h"
#include "tsne/gradient.h"
#include "tsne/tsne_params.h"
#include "tsne/worker_pool.h"

namespace xdd {

// How the iterations of one optimize() call move: the factor on P's attraction and the momentum.
struct TsneStage {
  double exaggeration = 1.0;  // > 0
  double momentum = 0.8;      // in [0, 1)
};
// The first params.exaggeration_iters iterations of a fresh layout (van der Maaten 2014: 12, 0.5).
TsneStage early_stage(const TsneParams& params);
// Every later iteration, and all of a live update's: no exaggeration, params.final_momentum.
TsneStage final_stage(const TsneParams& params);

class TsneEmbedding {
 public:
  // Called every params.kl_every iterations and after the last iteration of each optimize() call
  // with the iteration count so far, KL(P || Q) at that iteration and the current layout
  // (interleaved x, y). Return false to stop the run.
  using Callback = std::function<bool(int iteration, double kl, const std::vector<float>& layout)>;

  // `initial_layout` holds 2 * affinities.size() finite values (see pca_init). InvalidArgument on
  // a size mismatch, non-finite values or bad params.
  TsneEmbedding(Affinities affinities, std::vector<float> initial_layout, TsneParams params);

  // A copy continues independently from the same state (with its own worker threads).
  TsneEmbedding(const TsneEmbedding& other);
  TsneEmbedding& operator=(const TsneEmbedding& other);
  TsneEmbedding(TsneEmbedding&&) noexcept = default;
  TsneEmbedding& operator=(TsneEmbedding&&) noexcept = default;
  ~TsneEmbedding() = default;

  // Runs up to n_iter (>= 0) more iterations of `stage`; returns how many ran (fewer when the
  // callback stopped the run). InvalidArgument for a bad n_iter or stage; TrainingError if the
  // layout becomes non-finite.
  int optimize(int n_iter, const TsneStage& stage, const Callback& callback = {});

  // Live mode: replaces P (same number of points, else InvalidArgument) and continues from the
  // current layout with no exaggeration, the final momentum and the gains kept. With
  // params.coherence > 0 the current layout becomes the anchor the points are held near.
  void update_affinities(Affinities affinities);

  // Changes the parameters of the iterations to come (theta, learning rate, coherence, kl_every,
  // threads, ...); the layout, velocity and gains are kept. InvalidArgument for bad params.
  void set_params(const TsneParams& params);

  // KL(P || Q) of the current layout (Barnes-Hut estimate of Z, as during optimisation).
  double kl_divergence();

  const std::vector<float>& layout() const { return layout_; }
  int iteration() const { return iteration_; }
  bool live() const { return live_; }
  double learning_rate() const { return learning_rate_; }
  const Affinities& affinities() const { return affinities_; }
  const TsneParams& params() const { return params_; }

 private:
  void step(const TsneStage& stage, bool want_kl, double* kl);

  Affinities affinities_;
  TsneParams params_;
  std::vector<float> layout_;
  std::vector<float> velocity_;
  std::vector<float> gains_;
  std::vector<float> grad_;
  std::vector<float> anchor_;  // temporal-coherence target (live mode only)
  tsne::BarnesHutGradient gradient_;
  std::unique_ptr<tsne::WorkerPool> pool_;
  double learning_rate_ = 0.0;
  int iteration_ = 0;
  bool live_ = false;
};

// The standard schedule, resumable: iterations below params.exaggeration_iters (counted by
// embedding.iteration()) run early_stage(), the rest final_stage(). Returns how many ran.
int optimize_standard(TsneEmbedding& embedding, int n_iter,
                      const TsneEmbedding::Callback& callback = {});

}  // namespace xdd
