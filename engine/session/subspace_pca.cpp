#include "session/subspace_pca.h"

#include <torch/torch.h>

#include <algorithm>
#include <random>
#include <string>

#include "core/error.h"

namespace xdd {
namespace {

torch::Tensor orthonormal_columns(const torch::Tensor& m) {
  return std::get<0>(torch::linalg::qr(m, "reduced"));
}

// Gaussian test matrix from our own seeded generator (independent of LibTorch's global RNG, which
// the training thread uses).
torch::Tensor gaussian_matrix(std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  auto m = torch::empty({rows, cols}, torch::kFloat32);
  float* p = m.data_ptr<float>();
  for (std::int64_t i = 0; i < rows * cols; ++i) p[i] = normal(rng);
  return m;
}

// The centred rows X - mean, used only through products with thin matrices and formed a block of
// rows at a time: a centred copy of 10,000 embeddings would be another 125 MB.
class CentredRows {
 public:
  explicit CentredRows(const torch::Tensor& x) : x_(x), mean_(x.mean(0, true)) {}

  // (X - mean) m: [n, w] for m [d, w].
  torch::Tensor times(const torch::Tensor& m) const {
    auto out = torch::empty({x_.size(0), m.size(1)}, m.options());
    for (std::int64_t start = 0; start < x_.size(0); start += kBlock) {
      const std::int64_t end = std::min(x_.size(0), start + kBlock);
      out.slice(0, start, end).copy_(torch::mm(block(start, end), m));
    }
    return out;
  }

  // (X - mean)^T q: [d, w] for q [n, w].
  torch::Tensor transposed_times(const torch::Tensor& q) const {
    auto out = torch::zeros({x_.size(1), q.size(1)}, q.options());
    for (std::int64_t start = 0; start < x_.size(0); start += kBlock) {
      const std::int64_t end = std::min(x_.size(0), start + kBlock);
      out.addmm_(block(start, end).t(), q.slice(0, start, end));
    }
    return out;
  }

  torch::Tensor all() const { return x_ - mean_; }

 private:
  static constexpr std::int64_t kBlock = 1024;
  torch::Tensor block(std::int64_t start, std::int64_t end) const {
    return x_.slice(0, start, end) - mean_;
  }
  torch::Tensor x_, mean_;
};

void check_options(const SubspacePcaOptions& o) {
  if (o.components < 1 || o.oversampling < 0 || o.power_iterations < 0 ||
      o.warm_power_iterations < 0) {
    throw InvalidArgument("subspace PCA options: components must be >= 1 (got " +
                          std::to_string(o.components) +
                          "), oversampling and power iterations >= 0");
  }
}

}  // namespace

SubspacePca::SubspacePca(SubspacePcaOptions options) : options_(options) {
  check_options(options_);
}

PointMatrix SubspacePca::project(const PointMatrix& points) {
  return project(sized_view(points, "PCA input"));
}

PointMatrix SubspacePca::project(const PointView& points) {
  check_points(points, "PCA input");
  torch::NoGradGuard no_grad;
  const std::int64_t n = points.rows;
  const std::int64_t d = points.cols;
  // Read in place, never written.
  const auto x = torch::from_blob(const_cast<float*>(points.data), {n, d}, torch::kFloat32);
  const CentredRows centred(x);
  torch::Tensor scores;
  if (options_.components >= d) {
    scores = centred.all();
  } else {
    const std::int64_t rank = std::min(n, d);
    const std::int64_t k = std::min<std::int64_t>(options_.components, rank);
    const std::int64_t width = std::min<std::int64_t>(k + options_.oversampling, rank);
    const bool warm_start = !basis_.empty() && basis_rows_ == d && basis_cols_ == width;
    const torch::Tensor start = warm_start
                                    ? torch::from_blob(basis_.data(), {d, width}, torch::kFloat32)
                                    : gaussian_matrix(d, width, options_.seed);
    const int iterations = warm_start ? options_.warm_power_iterations : options_.power_iterations;

    // Range finder: Q spans (X X^T)^q X Omega, re-orthonormalised after every product so the
    // small singular directions are not lost to rounding.
    auto q = orthonormal_columns(centred.times(start));
    for (int it = 0; it < iterations; ++it) {
      const auto right = orthonormal_columns(centred.transposed_times(q));
      q = orthonormal_columns(centred.times(right));
    }
    // B^T = X^T Q (d x width). The eigenvectors U of B B^T give the right singular vectors
    // V = B^T U / s of X restricted to range(Q), largest first.
    const auto bt = centred.transposed_times(q);
    const auto gram = torch::mm(bt.t(), bt).to(torch::kFloat64);
    auto [values, vectors] = torch::linalg::eigh(gram, "L");
    const auto top_vectors = vectors.slice(1, width - k, width).flip({1});
    const auto top_values = values.slice(0, width - k, width).flip({0});
    // Directions with no variance (fewer distinct points than components) get a zero axis, as
    // their scores are zero, instead of dividing rounding noise by a zero singular value.
    const auto singular = top_values.clamp_min(0.0).sqrt();
    const auto real = singular > singular.max() * 1e-5;
    const auto inverse = torch::where(real, 1.0 / singular.clamp_min(1e-300), 0.0);
    const auto axes =
        (torch::mm(bt.to(torch::kFloat64), top_vectors) * inverse.unsqueeze(0)).to(torch::kFloat32);
    scores = centred.times(axes);
    const auto basis = orthonormal_columns(bt).contiguous();
    basis_.assign(basis.data_ptr<float>(), basis.data_ptr<float>() + d * width);
    basis_rows_ = d;
    basis_cols_ = width;

    // Fix each axis's sign (the eigensolver's choice is arbitrary).
    const auto where = scores.abs().argmax(0);
    const auto picked = scores.gather(0, where.unsqueeze(0));
    scores.mul_(torch::where(picked < 0, -1.0, 1.0));
  }
  scores = scores.contiguous();
  PointMatrix out;
  out.rows = n;
  out.cols = scores.size(1);
  out.values.assign(scores.data_ptr<float>(), scores.data_ptr<float>() + n * out.cols);
  return out;
}

}  // namespace xdd
