#include "tsne/tsne_params.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "core/error.h"

namespace xdd {
namespace {

template <typename T>
void require(bool ok, const char* field, T value, const char* range) {
  if (ok) return;
  std::ostringstream msg;
  msg << "t-SNE parameter " << field << " = " << value << " is out of range (" << range << ")";
  throw InvalidArgument(msg.str());
}

bool finite(double v) {
  return std::isfinite(v);
}

}  // namespace

KnnMethod parse_knn_method(const std::string& name) {
  if (name == "auto") return KnnMethod::kAuto;
  if (name == "exact") return KnnMethod::kExact;
  if (name == "approx" || name == "approximate") return KnnMethod::kApproximate;
  throw InvalidArgument("knn method must be 'auto', 'exact' or 'approx', got '" + name + "'");
}

const char* knn_method_name(KnnMethod method) {
  switch (method) {
    case KnnMethod::kAuto:
      return "auto";
    case KnnMethod::kExact:
      return "exact";
    case KnnMethod::kApproximate:
      return "approx";
  }
  return "?";
}

KnnMethod resolve_knn_method(KnnMethod method, long long n_points) {
  if (method != KnnMethod::kAuto) return method;
  return n_points <= kExactKnnMaxPoints ? KnnMethod::kExact : KnnMethod::kApproximate;
}

void validate(const TsneParams& p) {
  require(finite(p.perplexity) && p.perplexity >= 1.0, "perplexity", p.perplexity, "must be >= 1");
  require(p.n_neighbors >= 0, "n_neighbors", p.n_neighbors, "must be >= 0; 0 = 3 * perplexity");
  require(p.n_neighbors == 0 || p.n_neighbors >= p.perplexity, "n_neighbors", p.n_neighbors,
          "must be at least the perplexity");
  require(p.knn_branching >= 2 && p.knn_branching <= 1024, "knn_branching", p.knn_branching,
          "2..1024");
  require(p.knn_checks >= 1, "knn_checks", p.knn_checks, "must be >= 1");
  require(p.pca_dims >= 0, "pca_dims", p.pca_dims, "must be >= 0; 0 = no PCA");
  require(finite(p.theta) && p.theta >= 0.0 && p.theta <= 2.0, "theta", p.theta, "0..2");
  require(finite(p.early_exaggeration) && p.early_exaggeration >= 1.0, "early_exaggeration",
          p.early_exaggeration, "must be >= 1");
  require(p.exaggeration_iters >= 0, "exaggeration_iters", p.exaggeration_iters, "must be >= 0");
  require(finite(p.initial_momentum) && p.initial_momentum >= 0.0 && p.initial_momentum < 1.0,
          "initial_momentum", p.initial_momentum, "0 <= m < 1");
  require(finite(p.final_momentum) && p.final_momentum >= 0.0 && p.final_momentum < 1.0,
          "final_momentum", p.final_momentum, "0 <= m < 1");
  require(finite(p.learning_rate) && p.learning_rate >= 0.0, "learning_rate", p.learning_rate,
          "must be > 0, or 0 for max(N / 12, 50)");
  require(finite(p.min_gain) && p.min_gain > 0.0 && p.min_gain <= 1.0, "min_gain", p.min_gain,
          "0 < g <= 1");
  require(finite(p.init_std) && p.init_std > 0.0, "init_std", p.init_std, "must be > 0");
  require(finite(p.coherence) && p.coherence >= 0.0, "coherence", p.coherence,
          "must be >= 0; 0 = off");
  require(p.kl_every >= 1, "kl_every", p.kl_every, "must be >= 1");
  require(p.threads >= 0 && p.threads <= 1024, "threads", p.threads, "0..1024; 0 = all cores");
}

int neighbors_for(const TsneParams& params) {
  if (params.n_neighbors > 0) return params.n_neighbors;
  return std::max(1, static_cast<int>(std::floor(3.0 * params.perplexity)));
}

double learning_rate_for(const TsneParams& params, std::int64_t n_points) {
  if (params.learning_rate > 0.0) return params.learning_rate;
  return std::max(static_cast<double>(n_points) / 12.0, 50.0);
}

int threads_for(const TsneParams& params) {
  if (params.threads > 0) return params.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace xdd
