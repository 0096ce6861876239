#include "tsne/embedding.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/error.h"

namespace xdd {

TsneEmbedding::TsneEmbedding(Affinities affinities, std::vector<float> initial_layout,
                             TsneParams params)
    : affinities_(std::move(affinities)), params_(params), layout_(std::move(initial_layout)) {
  validate(params_);
  const std::int64_t n = affinities_.size();
  if (n < 2) throw InvalidArgument("t-SNE embedding needs affinities over at least 2 points");
  if (static_cast<std::int64_t>(layout_.size()) != 2 * n) {
    throw InvalidArgument("initial layout has " + std::to_string(layout_.size()) +
                          " values; expected 2 per point = " + std::to_string(2 * n));
  }
  for (float v : layout_) {
    if (!std::isfinite(v)) throw InvalidArgument("initial layout holds a NaN or Inf value");
  }
  velocity_.assign(layout_.size(), 0.0f);
  gains_.assign(layout_.size(), 1.0f);
  learning_rate_ = learning_rate_for(params_, n);
  pool_ = std::make_unique<tsne::WorkerPool>(threads_for(params_));
}

TsneEmbedding::TsneEmbedding(const TsneEmbedding& other)
    : affinities_(other.affinities_),
      params_(other.params_),
      layout_(other.layout_),
      velocity_(other.velocity_),
      gains_(other.gains_),
      anchor_(other.anchor_),
      pool_(std::make_unique<tsne::WorkerPool>(other.pool_->threads())),
      learning_rate_(other.learning_rate_),
      iteration_(other.iteration_),
      live_(other.live_) {}

TsneEmbedding& TsneEmbedding::operator=(const TsneEmbedding& other) {
  if (this != &other) *this = TsneEmbedding(other);
  return *this;
}

TsneStage early_stage(const TsneParams& params) {
  return {params.early_exaggeration, params.initial_momentum};
}

TsneStage final_stage(const TsneParams& params) {
  return {1.0, params.final_momentum};
}

int TsneEmbedding::optimize(int n_iter, const TsneStage& stage, const Callback& callback) {
  if (n_iter < 0) throw InvalidArgument("n_iter must be >= 0, got " + std::to_string(n_iter));
  if (!(std::isfinite(stage.exaggeration) && stage.exaggeration > 0.0)) {
    throw InvalidArgument("t-SNE exaggeration must be > 0, got " +
                          std::to_string(stage.exaggeration));
  }
  if (!(stage.momentum >= 0.0 && stage.momentum < 1.0)) {
    throw InvalidArgument("t-SNE momentum must be in [0, 1), got " +
                          std::to_string(stage.momentum));
  }
  for (int t = 0; t < n_iter; ++t) {
    const bool report = (iteration_ + 1) % params_.kl_every == 0 || t == n_iter - 1;
    double kl = std::numeric_limits<double>::quiet_NaN();
    step(stage, report, &kl);
    if (report && callback && !callback(iteration_, kl, layout_)) return t + 1;
  }
  return n_iter;
}

void TsneEmbedding::update_affinities(Affinities affinities) {
  if (affinities.size() != affinities_.size()) {
    throw InvalidArgument("live update has affinities over " + std::to_string(affinities.size()) +
                          " points but the layout has " + std::to_string(affinities_.size()));
  }
  affinities_ = std::move(affinities);
  live_ = true;
  if (params_.coherence > 0.0) anchor_ = layout_;
}

void TsneEmbedding::set_params(const TsneParams& params) {
  validate(params);
  if (threads_for(params) != pool_->threads()) {
    pool_ = std::make_unique<tsne::WorkerPool>(threads_for(params));
  }
  params_ = params;
  learning_rate_ = learning_rate_for(params_, affinities_.size());
  if (params_.coherence > 0.0 && live_ && anchor_.empty()) anchor_ = layout_;
  if (params_.coherence == 0.0) anchor_.clear();
}

double TsneEmbedding::kl_divergence() {
  std::vector<float> scratch;
  return gradient_.compute(layout_, affinities_, 1.0, params_.theta, *pool_, true, scratch);
}

// One gradient-descent step with per-coordinate gains (Jacobs' delta-bar-delta, as scikit-learn
// and bhtsne do it): a gain grows by 0.2 while the gradient keeps agreeing with the direction the
// coordinate is already moving in and shrinks by x0.8 once it disagrees.
void TsneEmbedding::step(const TsneStage& stage, bool want_kl, double* kl) {
  const auto momentum = static_cast<float>(stage.momentum);
  *kl = gradient_.compute(layout_, affinities_, stage.exaggeration, params_.theta, *pool_, want_kl,
                          grad_);
  const auto n2 = static_cast<std::int64_t>(layout_.size());
  const auto lr = static_cast<float>(learning_rate_);
  const auto min_gain = static_cast<float>(params_.min_gain);
  for (std::int64_t k = 0; k < n2; ++k) {
    const float g = grad_[k];
    const bool agrees = velocity_[k] * g < 0.0f;  // velocity points downhill
    const float gain = agrees ? gains_[k] + 0.2f : gains_[k] * 0.8f;
    gains_[k] = gain < min_gain ? min_gain : gain;
    velocity_[k] = momentum * velocity_[k] - lr * gains_[k] * g;
    layout_[k] += velocity_[k];
  }
  if (!anchor_.empty()) {
    // Temporal coherence as a proximal step: exact minimiser of the step's distance plus the
    // penalty, so even a strong pull cannot overshoot.
    const auto shrink = static_cast<float>(1.0 / (1.0 + params_.coherence));
    for (std::int64_t k = 0; k < n2; ++k) {
      layout_[k] = anchor_[k] + (layout_[k] - anchor_[k]) * shrink;
    }
  }
  // Keep the layout centred (the gradient sums to zero only up to the Barnes-Hut error).
  double mean_x = 0.0, mean_y = 0.0;
  for (std::int64_t k = 0; k < n2; k += 2) {
    mean_x += layout_[k];
    mean_y += layout_[k + 1];
  }
  const double half = static_cast<double>(n2 / 2);
  if (!std::isfinite(mean_x) || !std::isfinite(mean_y)) {
    throw TrainingError("t-SNE layout became non-finite at iteration " +
                        std::to_string(iteration_ + 1) + "; lower the learning rate");
  }
  const auto cx = static_cast<float>(mean_x / half);
  const auto cy = static_cast<float>(mean_y / half);
  for (std::int64_t k = 0; k < n2; k += 2) {
    layout_[k] -= cx;
    layout_[k + 1] -= cy;
  }
  if (!anchor_.empty()) {
    // The anchor moves with the centring so it never fights the re-centring.
    for (std::int64_t k = 0; k < n2; k += 2) {
      anchor_[k] -= cx;
      anchor_[k + 1] -= cy;
    }
  }
  ++iteration_;
}

int optimize_standard(TsneEmbedding& embedding, int n_iter,
                      const TsneEmbedding::Callback& callback) {
  if (n_iter < 0) throw InvalidArgument("n_iter must be >= 0, got " + std::to_string(n_iter));
  const TsneParams& params = embedding.params();
  const int early = std::clamp(params.exaggeration_iters - embedding.iteration(), 0, n_iter);
  int done = 0;
  bool stopped = false;
  // The callback's false ends the whole call, not only the early stage.
  const TsneEmbedding::Callback watched = [&](int it, double kl, const std::vector<float>& xy) {
    stopped = callback && !callback(it, kl, xy);
    return !stopped;
  };
  if (early > 0) done = embedding.optimize(early, early_stage(params), watched);
  if (stopped || done < early) return done;
  return done + embedding.optimize(n_iter - early, final_stage(params), watched);
}

}  // namespace xdd
