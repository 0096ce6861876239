#include "tsne/pca.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.h"

namespace xdd {
namespace {

// Flips every column of `scores` (n x c) so that its entry of largest magnitude is positive.
void fix_signs(torch::Tensor& scores) {
  const auto where = scores.abs().argmax(0);
  const auto picked = scores.gather(0, where.unsqueeze(0));
  scores.mul_(torch::where(picked < 0, -1.0, 1.0));
}

}  // namespace

PointMatrix pca_project(const PointMatrix& points, int components) {
  check_points(points, "PCA input");
  if (components < 1) {
    throw InvalidArgument("PCA needs at least 1 component, got " + std::to_string(components));
  }
  torch::NoGradGuard no_grad;
  const std::int64_t n = points.rows;
  const std::int64_t d = points.cols;
  auto x = torch::from_blob(const_cast<float*>(points.values.data()), {n, d}, torch::kFloat32);
  auto centred = x - x.mean(0, true);
  torch::Tensor scores;
  if (components >= d) {
    scores = centred.contiguous();
  } else {
    const std::int64_t c = std::min<std::int64_t>(components, std::min(n, d));
    if (d <= n) {
      // d x d covariance (float products are ample for eigenvectors; eigh in double for stability).
      auto cov = torch::mm(centred.t(), centred).to(torch::kFloat64);
      auto [values, vectors] = torch::linalg::eigh(cov, "L");
      auto top = vectors.slice(1, d - c, d).flip({1}).to(torch::kFloat32);
      scores = torch::mm(centred, top);
    } else {
      // More dimensions than points: the n x n Gram matrix has the same nonzero spectrum.
      auto gram = torch::mm(centred, centred.t()).to(torch::kFloat64);
      auto [values, vectors] = torch::linalg::eigh(gram, "L");
      auto u = vectors.slice(1, n - c, n).flip({1});
      auto s = values.slice(0, n - c, n).flip({0}).clamp_min(0.0).sqrt();
      scores = (u * s.unsqueeze(0)).to(torch::kFloat32);
    }
    fix_signs(scores);
  }
  scores = scores.contiguous();
  PointMatrix out;
  out.rows = n;
  out.cols = scores.size(1);
  out.values.assign(scores.data_ptr<float>(), scores.data_ptr<float>() + n * out.cols);
  return out;
}

std::vector<float> pca_init(const PointMatrix& points, double std, std::uint64_t seed) {
  if (!(std > 0.0) || !std::isfinite(std)) {
    throw InvalidArgument("initial standard deviation must be > 0, got " + std::to_string(std));
  }
  const PointMatrix axes = pca_project(points, 2);
  const std::int64_t n = axes.rows;
  std::vector<double> first(static_cast<size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) first[static_cast<size_t>(i)] = axes.row(i)[0];
  double mean = 0.0;
  for (double v : first) mean += v;
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (double v : first) var += (v - mean) * (v - mean);
  const double sd = std::sqrt(var / static_cast<double>(n));
  const double scale = sd > 0.0 ? std / sd : 0.0;

  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, std);
  std::vector<float> layout(static_cast<size_t>(2 * n));
  for (std::int64_t i = 0; i < n; ++i) {
    const float* r = axes.row(i);
    layout[2 * i] =
        scale > 0.0 ? static_cast<float>((r[0] - mean) * scale) : static_cast<float>(noise(rng));
    layout[2 * i + 1] = (axes.cols > 1 && scale > 0.0) ? static_cast<float>(r[1] * scale)
                                                       : static_cast<float>(noise(rng));
  }
  return layout;
}

}  // namespace xdd
