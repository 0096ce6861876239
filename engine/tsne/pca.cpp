#include "tsne/pca.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/avx2_clones.h"
#include "core/error.h"
#include "tsne/simd_kernels.h"
#include "tsne/symmetric_eigen.h"
#include "tsne/tsne_params.h"
#include "tsne/worker_pool.h"

namespace xdd {
namespace {

constexpr int kBlockRows = 4;  // a scatter block is 4 x 16 entries (see scatter_block)
constexpr int kBlockCols = 16;
constexpr std::int64_t kChunk = 256;  // rows summed in float before a block joins the double total

// c = x^T x for the n x d row-major matrix x: d x d in double. Rows go in chunks of 256 (a chunk
// stays in cache while every block of the upper triangle is summed over it); within a chunk the
// blocks are split over the pool. Each entry is summed in the same order whatever the thread count.
std::vector<double> gram_of_columns(const std::vector<float>& x, std::int64_t n, int d,
                                    tsne::WorkerPool& pool) {
  std::vector<double> c(static_cast<size_t>(d) * d, 0.0);
  const std::int64_t row_blocks = (d + kBlockRows - 1) / kBlockRows;
  for (std::int64_t r0 = 0; r0 < n; r0 += kChunk) {
    const std::int64_t rows = std::min(kChunk, n - r0);
    const float* chunk = x.data() + r0 * d;
    pool.run(row_blocks, 4, [&](std::int64_t begin, std::int64_t end, int) {
      float acc[kBlockRows * kBlockCols];
      for (std::int64_t bi = begin; bi < end; ++bi) {
        const int i0 = static_cast<int>(bi) * kBlockRows;
        for (int j0 = i0 - i0 % kBlockCols; j0 < d; j0 += kBlockCols) {
          std::fill(acc, acc + kBlockRows * kBlockCols, 0.0f);
          if (i0 + kBlockRows <= d && j0 + kBlockCols <= d) {
            tsne::scatter_block(chunk + i0, chunk + j0, d, rows, acc);
          } else {  // ragged edge of the matrix: the same sums, one entry at a time
            for (std::int64_t r = 0; r < rows; ++r) {
              for (int i = 0; i < kBlockRows && i0 + i < d; ++i) {
                for (int j = 0; j < kBlockCols && j0 + j < d; ++j) {
                  acc[i * kBlockCols + j] += chunk[r * d + i0 + i] * chunk[r * d + j0 + j];
                }
              }
            }
          }
          for (int i = 0; i < kBlockRows && i0 + i < d; ++i) {
            for (int j = 0; j < kBlockCols && j0 + j < d; ++j) {
              c[static_cast<size_t>(i0 + i) * d + j0 + j] += acc[i * kBlockCols + j];
            }
          }
        }
      }
    });
  }
  for (double v : c) {
    if (!std::isfinite(v)) {
      throw DataError(
          "PCA input values are too large (their squares overflow float); rescale them");
    }
  }
  for (int i = 0; i < d; ++i) {  // mirror the upper triangle
    for (int j = 0; j < i; ++j)
      c[static_cast<size_t>(i) * d + j] = c[static_cast<size_t>(j) * d + i];
  }
  return c;
}

// s += x_k v_k over the d rows v_k of the d x c matrix v (one row of the projection).
XDD_AVX2_CLONES void project_row(const float* x, const float* v, int d, int c, float* s) {
  for (int k = 0; k < d; ++k) {
    const float xk = x[k];
    const float* vk = v + static_cast<std::int64_t>(k) * c;
    for (int j = 0; j < c; ++j) s[j] = s[j] + xk * vk[j];
  }
}

// Flips every column of the n x c row-major scores so that its entry of largest magnitude is
// positive: eigenvectors have no sign of their own, this makes the output reproducible.
void fix_signs(std::vector<float>& scores, std::int64_t n, int c) {
  for (int j = 0; j < c; ++j) {
    float biggest = 0.0f;
    for (std::int64_t i = 0; i < n; ++i) {
      const float v = scores[i * c + j];
      if (std::abs(v) > std::abs(biggest)) biggest = v;
    }
    if (biggest < 0.0f) {
      for (std::int64_t i = 0; i < n; ++i) scores[i * c + j] = -scores[i * c + j];
    }
  }
}

}  // namespace

PointMatrix pca_project(const PointMatrix& points, int components, int threads) {
  return pca_project(sized_view(points, "PCA input"), components, threads);
}

PointMatrix pca_project(const PointView& points, int components, int threads) {
  check_points(points, "PCA input");
  if (components < 1) {
    throw InvalidArgument("PCA needs at least 1 component, got " + std::to_string(components));
  }
  const std::int64_t n = points.rows;
  const auto d = static_cast<int>(points.cols);
  // Centre in double so a large offset cannot eat the float precision of the spread.
  std::vector<double> mean(static_cast<size_t>(d), 0.0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) mean[j] += points.row(i)[j];
  }
  for (double& m : mean) m /= static_cast<double>(n);
  std::vector<float> centred(static_cast<size_t>(n) * d);
  for (std::int64_t i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) centred[i * d + j] = static_cast<float>(points.row(i)[j] - mean[j]);
  }
  PointMatrix out;
  out.rows = n;
  if (components >= d) {  // nothing to reduce
    out.cols = d;
    out.values = std::move(centred);
    return out;
  }
  const int c = static_cast<int>(std::min<std::int64_t>(components, std::min<std::int64_t>(n, d)));
  TsneParams with_threads;
  with_threads.threads = std::max(0, threads);
  tsne::WorkerPool pool(threads_for(with_threads));
  std::vector<float> scores(static_cast<size_t>(n) * c, 0.0f);
  if (d <= n) {
    // Eigenvectors of the d x d scatter matrix; scores = centred * V.
    const tsne::EigenPairs eig = tsne::top_eigen(gram_of_columns(centred, n, d, pool), d, c, pool);
    std::vector<float> v(eig.vectors.begin(), eig.vectors.end());
    pool.run(n, 64, [&](std::int64_t begin, std::int64_t end, int) {
      for (std::int64_t i = begin; i < end; ++i) {
        project_row(centred.data() + i * d, v.data(), d, c, scores.data() + i * c);
      }
    });
  } else {
    // More dimensions than points: eigenvectors u of the n x n Gram matrix give the scores
    // directly as u * sqrt(eigenvalue).
    std::vector<float> transposed(centred.size());
    for (std::int64_t i = 0; i < n; ++i) {
      for (int j = 0; j < d; ++j) transposed[j * n + i] = centred[i * d + j];
    }
    const auto m = static_cast<int>(n);
    const tsne::EigenPairs eig =
        tsne::top_eigen(gram_of_columns(transposed, d, m, pool), m, c, pool);
    for (std::int64_t i = 0; i < n; ++i) {
      for (int j = 0; j < c; ++j) {
        scores[i * c + j] =
            static_cast<float>(eig.vectors[i * c + j] * std::sqrt(std::max(eig.values[j], 0.0)));
      }
    }
  }
  fix_signs(scores, n, c);
  out.cols = c;
  out.values = std::move(scores);
  return out;
}

std::vector<float> pca_init(const PointMatrix& points, double std, std::uint64_t seed,
                            int threads) {
  if (!(std > 0.0) || !std::isfinite(std)) {
    throw InvalidArgument("initial standard deviation must be > 0, got " + std::to_string(std));
  }
  const PointMatrix axes = pca_project(points, 2, threads);
  const std::int64_t n = axes.rows;
  double mean = 0.0;
  for (std::int64_t i = 0; i < n; ++i) mean += axes.row(i)[0];
  mean /= static_cast<double>(n);
  double var = 0.0;
  for (std::int64_t i = 0; i < n; ++i) var += (axes.row(i)[0] - mean) * (axes.row(i)[0] - mean);
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
