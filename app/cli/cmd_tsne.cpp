// `xdd tsne INPUT --out layout.csv`: Barnes-Hut t-SNE of any numeric matrix (CSV, NPY or IDX, each
// optionally gzipped), one output row "x,y" per input row in input order; prints the final KL.
// `--update NEXT` continues in live mode from the layout with the affinities of NEXT (the same
// points, e.g. embeddings from a later checkpoint), as the app does when model weights change.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/stopwatch.h"
#include "tsne/affinities.h"
#include "tsne/embedding.h"
#include "tsne/pca.h"
#include "tsne/point_io.h"

namespace xdd::cli {
namespace {

struct TsneOptions {
  std::string input;
  std::string out;
  std::string knn = "auto";
  int iters = 1000;
  std::vector<std::string> updates;
  int update_iters = 300;
  bool verbose = false;
  TsneParams params;
};

using Clock = std::chrono::steady_clock;

// Reads a matrix and reduces it to params.pca_dims principal components when it has more columns.
PointMatrix load_reduced(const std::string& path, const TsneParams& params, double* read_s,
                         double* pca_s, std::int64_t* input_cols = nullptr) {
  auto t = Clock::now();
  PointMatrix points = read_points(path);
  *read_s = seconds_since(t);
  if (input_cols != nullptr) *input_cols = points.cols;
  t = Clock::now();
  if (params.pca_dims > 0 && params.pca_dims < points.cols) {
    points = pca_project(points, params.pca_dims, params.threads);
  }
  *pca_s = seconds_since(t);
  return points;
}

// Live mode: new affinities for the same points, optimisation continues from the current layout.
// The callback runs every iteration (with the KL), as an interactive view would use it.
void run_update(const std::string& path, const TsneOptions& o, TsneEmbedding& embedding,
                int index) {
  double read_s = 0.0, pca_s = 0.0;
  const PointMatrix points = load_reduced(path, embedding.params(), &read_s, &pca_s);
  if (points.rows != embedding.affinities().size()) {
    throw InvalidArgument("--update " + path + " has " + std::to_string(points.rows) +
                          " rows but the layout has " +
                          std::to_string(embedding.affinities().size()) +
                          " points; a live update needs the same points");
  }
  const auto t = Clock::now();
  embedding.update_affinities(Affinities::compute(points, embedding.params()));
  const double affinity_s = seconds_since(t);
  TsneParams every_step = embedding.params();
  every_step.kl_every = 1;
  embedding.set_params(every_step);
  double kl = 0.0;
  const auto t_opt = Clock::now();
  const int done = embedding.optimize(o.update_iters, final_stage(embedding.params()),
                                      [&](int, double k, const std::vector<float>&) {
                                        kl = k;
                                        return true;
                                      });
  const double opt_s = seconds_since(t_opt);
  std::printf(
      "live update %d (%s): read + PCA %.2f s, affinities %.2f s, %d iterations in %.2f s = "
      "%.1f iterations/s (KL every iteration), KL %.6f\n",
      index, path.c_str(), read_s + pca_s, affinity_s, done, opt_s,
      opt_s > 0.0 ? done / opt_s : 0.0, kl);
}

void run_tsne(const TsneOptions& o) {
  const auto start = Clock::now();
  TsneParams params = o.params;
  params.knn = parse_knn_method(o.knn);
  validate(params);
  if (o.iters < 0) throw InvalidArgument("--iters must be >= 0, got " + std::to_string(o.iters));
  if (o.update_iters < 0) {
    throw InvalidArgument("--update-iters must be >= 0, got " + std::to_string(o.update_iters));
  }
  const int threads = threads_for(params);

  double read_s = 0.0, pca_s = 0.0;
  std::int64_t n_cols = 0;
  const PointMatrix points = load_reduced(o.input, params, &read_s, &pca_s, &n_cols);
  Affinities affinities = Affinities::compute(points, params);
  const double knn_s = affinities.knn_seconds();
  const double calib_s = affinities.calibration_seconds();
  auto t = Clock::now();
  TsneEmbedding embedding(std::move(affinities),
                          pca_init(points, params.init_std, params.seed, params.threads), params);
  const double init_s = seconds_since(t);
  t = Clock::now();
  optimize_standard(embedding, o.iters, [&](int iter, double kl, const std::vector<float>&) {
    if (o.verbose) {
      std::fprintf(stderr, "iteration %5d  KL %.4f  %.2f s\n", iter, kl, seconds_since(start));
    }
    return true;
  });
  const double opt_s = seconds_since(t);
  double kl = embedding.kl_divergence();
  write_layout_csv(o.out, embedding.layout());
  const double total_s = seconds_since(start);

  std::printf("t-SNE of %lld points x %lld values", static_cast<long long>(points.rows),
              static_cast<long long>(n_cols));
  if (points.cols != n_cols) std::printf(" (PCA to %lld)", static_cast<long long>(points.cols));
  std::printf(": perplexity %g, theta %g, %d iterations, %s neighbours, %d threads\n",
              params.perplexity, params.theta, embedding.iteration(),
              knn_method_name(resolve_knn_method(params.knn, points.rows)), threads);
  std::printf(
      "time: read %.2f s, PCA %.2f s, neighbours %.2f s, affinities %.2f s, init %.2f s, "
      "optimise %.2f s, total %.2f s\n",
      read_s, pca_s, knn_s, calib_s, init_s, opt_s, total_s);
  if (!o.updates.empty()) {
    std::printf("KL before live updates: %.6f\n", kl);
    for (size_t u = 0; u < o.updates.size(); ++u) {
      run_update(o.updates[u], o, embedding, static_cast<int>(u + 1));
    }
    kl = embedding.kl_divergence();
    write_layout_csv(o.out, embedding.layout());
  }
  std::printf("wrote %s\n", o.out.c_str());
  std::printf("final KL: %.6f\n", kl);
}

}  // namespace

void register_tsne_command(CLI::App& app) {
  auto o = std::make_shared<TsneOptions>();
  auto* cmd = app.add_subcommand("tsne", "Barnes-Hut t-SNE of a numeric matrix (CSV, NPY or IDX)");
  cmd->add_option("input", o->input,
                  "Points, one per row: CSV (no header), NPY or IDX, optionally gzipped")
      ->required();
  cmd->add_option("--out", o->out, "Output CSV with header x,y, one row per input row")->required();
  auto& p = o->params;
  cmd->add_option("--perplexity", p.perplexity, "Effective number of neighbours")
      ->capture_default_str();
  cmd->add_option("--theta", p.theta, "Barnes-Hut opening angle (0 = exact)")
      ->capture_default_str();
  cmd->add_option("--iters", o->iters, "Gradient-descent iterations")->capture_default_str();
  cmd->add_option("--threads", p.threads, "Worker threads (0 = all cores)")->capture_default_str();
  cmd->add_option("--seed", p.seed, "Seed of the approximate neighbour index")
      ->capture_default_str();
  cmd->add_option("--pca", p.pca_dims, "Reduce to this many principal components first (0 = off)")
      ->capture_default_str();
  cmd->add_option("--knn", o->knn, "Neighbour search: auto, exact or approx")
      ->capture_default_str();
  cmd->add_option("--knn-checks", p.knn_checks, "Approximate search effort (points examined)")
      ->capture_default_str();
  cmd->add_option("--learning-rate", p.learning_rate, "0 = max(N / 12, 50)")->capture_default_str();
  cmd->add_option("--exaggeration", p.early_exaggeration, "Early exaggeration factor")
      ->capture_default_str();
  cmd->add_option("--exaggeration-iters", p.exaggeration_iters, "Iterations of early exaggeration")
      ->capture_default_str();
  cmd->add_option("--kl-every", p.kl_every, "Report the KL divergence every this many iterations")
      ->capture_default_str();
  cmd->add_option("--update", o->updates,
                  "Then continue in live mode with the affinities of this input (same points; "
                  "repeatable)");
  cmd->add_option("--update-iters", o->update_iters, "Iterations after each --update")
      ->capture_default_str();
  cmd->add_option("--coherence", p.coherence,
                  "Live mode: hold points near their place at the update (0 = off)")
      ->capture_default_str();
  cmd->add_flag("--verbose", o->verbose, "Print the KL divergence while optimising (stderr)");
  cmd->callback([o] { run_tsne(*o); });
}

}  // namespace xdd::cli
