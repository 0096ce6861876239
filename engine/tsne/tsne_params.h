#pragma once
// Every knob of the Barnes-Hut t-SNE engine in one struct. The defaults are SPEC §6 (the values the
// reference implementations use); `validate` names the first out-of-range field and its valid
// range.
#include <cstdint>
#include <string>

namespace xdd {

// How the k nearest neighbours of each input point are found (all through FLANN).
enum class KnnMethod {
  kAuto,         // exact up to kExactKnnMaxPoints points, approximate above (measured, see docs)
  kExact,        // FLANN linear scan: the true neighbours
  kApproximate,  // FLANN hierarchical k-means tree: about 99% of the true neighbours
};

// Largest input for which kAuto picks the exact search (its cost grows with N^2).
constexpr long long kExactKnnMaxPoints = 20000;

// "auto", "exact" or "approx"; InvalidArgument for anything else.
KnnMethod parse_knn_method(const std::string& name);
const char* knn_method_name(KnnMethod method);

struct TsneParams {
  // --- input affinities ---
  double perplexity = 30.0;  // effective number of neighbours of each point
  int n_neighbors = 0;       // k for the kNN graph; 0 = 3 * perplexity (rounded down)
  KnnMethod knn = KnnMethod::kAuto;
  int knn_branching = 32;  // approximate index: k-means tree branching factor
  int knn_checks = 1024;   // approximate index: points examined per query (more = closer to exact)
  int pca_dims = 50;       // reduce the input to this many principal components first; 0 = never

  // --- optimisation (SPEC §6) ---
  double theta = 0.5;  // Barnes-Hut opening angle: cell side / distance < theta
  double early_exaggeration = 12.0;
  int exaggeration_iters = 250;  // iterations with exaggerated P and the initial momentum
  double initial_momentum = 0.5;
  double final_momentum = 0.8;
  double learning_rate = 0.0;  // 0 = auto: max(N / 12, 50)
  double min_gain = 0.01;
  double init_std = 1e-4;  // PCA initialisation: standard deviation of the first axis

  // --- live mode (Dynamic t-SNE) ---
  // Temporal coherence c >= 0: after every step each point's displacement from where it was at the
  // last affinity update is divided by (1 + c). That is the proximal step of Dynamic t-SNE's
  // penalty (lambda / 2) sum_i |y_i - a_i|^2 with lambda = c / learning rate, and stable for any c.
  // 0 = off.
  double coherence = 0.0;

  // --- bookkeeping ---
  int kl_every =
      50;           // the KL divergence is computed (and the callback called) every this many steps
  int threads = 0;  // worker threads; 0 = all cores
  std::uint64_t seed =
      42;  // approximate kNN index; results are deterministic for a seed and thread count
};

// Throws InvalidArgument naming the first bad field and its valid range.
void validate(const TsneParams& params);

// Number of neighbours used for each point: n_neighbors, or 3 * perplexity when that is 0.
int neighbors_for(const TsneParams& params);

// The learning rate in force for n points: params.learning_rate or max(n / 12, 50).
double learning_rate_for(const TsneParams& params, std::int64_t n_points);

// The search kAuto resolves to for n points (kExact / kApproximate pass through).
KnnMethod resolve_knn_method(KnnMethod method, long long n_points);

// params.threads, or the number of cores when it is 0.
int threads_for(const TsneParams& params);

}  // namespace xdd
