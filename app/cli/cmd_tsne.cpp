// `xdd tsne INPUT --out layout.csv`: Barnes-Hut t-SNE of any numeric matrix (CSV, NPY or IDX, each
// optionally gzipped), one output row "x,y" per input row in input order; prints the final KL.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "core/compute.h"
#include "core/error.h"
#include "tsne/affinities.h"
#include "tsne/embedding.h"
#include "tsne/pca.h"
#include "tsne/point_io.h"

namespace xdd::cli {
namespace {

struct TsneOptions {
  std::string input;
  std::string out;
  std::string knn = "approx";
  int iters = 1000;
  bool verbose = false;
  TsneParams params;
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void run_tsne(const TsneOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  TsneParams params = o.params;
  params.knn = parse_knn_method(o.knn);
  validate(params);
  if (o.iters < 0) throw InvalidArgument("--iters must be >= 0, got " + std::to_string(o.iters));
  const int threads = threads_for(params);
  set_compute_threads(threads);  // LibTorch (PCA) uses the same number of cores

  PointMatrix points = read_points(o.input);
  const auto n_cols = points.cols;
  const double read_s = seconds_since(start);
  auto t = std::chrono::steady_clock::now();
  if (params.pca_dims > 0 && params.pca_dims < points.cols) {
    points = pca_project(points, params.pca_dims);
  }
  const double pca_s = seconds_since(t);
  Affinities affinities = Affinities::compute(points, params);
  const double knn_s = affinities.knn_seconds();
  const double calib_s = affinities.calibration_seconds();
  t = std::chrono::steady_clock::now();
  TsneEmbedding embedding(std::move(affinities), pca_init(points, params.init_std, params.seed),
                          params);
  const double init_s = seconds_since(t);
  t = std::chrono::steady_clock::now();
  embedding.optimize(o.iters, [&](int iter, double kl, const std::vector<float>&) {
    if (o.verbose) {
      std::fprintf(stderr, "iteration %5d  KL %.4f  %.2f s\n", iter, kl, seconds_since(start));
    }
    return true;
  });
  const double opt_s = seconds_since(t);
  const double kl = embedding.kl_divergence();
  write_layout_csv(o.out, embedding.layout());
  const double total_s = seconds_since(start);

  std::printf("t-SNE of %lld points x %lld values", static_cast<long long>(points.rows),
              static_cast<long long>(n_cols));
  if (points.cols != n_cols) std::printf(" (PCA to %lld)", static_cast<long long>(points.cols));
  std::printf(": perplexity %g, theta %g, %d iterations, %s neighbours, %d threads\n",
              params.perplexity, params.theta, embedding.iteration(), knn_method_name(params.knn),
              threads);
  std::printf(
      "time: read %.2f s, PCA %.2f s, neighbours %.2f s, affinities %.2f s, init %.2f s, "
      "optimise %.2f s, total %.2f s\n",
      read_s, pca_s, knn_s, calib_s, init_s, opt_s, total_s);
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
  cmd->add_option("--knn", o->knn, "Neighbour search: approx or exact")->capture_default_str();
  cmd->add_option("--knn-checks", p.knn_checks, "Approximate search effort (leaves visited)")
      ->capture_default_str();
  cmd->add_option("--learning-rate", p.learning_rate, "0 = max(N / 12, 50)")->capture_default_str();
  cmd->add_option("--exaggeration", p.early_exaggeration, "Early exaggeration factor")
      ->capture_default_str();
  cmd->add_option("--exaggeration-iters", p.exaggeration_iters, "Iterations of early exaggeration")
      ->capture_default_str();
  cmd->add_option("--kl-every", p.kl_every, "Report the KL divergence every this many iterations")
      ->capture_default_str();
  cmd->add_flag("--verbose", o->verbose, "Print the KL divergence while optimising (stderr)");
  cmd->callback([o] { run_tsne(*o); });
}

}  // namespace xdd::cli
