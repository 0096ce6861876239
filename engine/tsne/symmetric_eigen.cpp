#include "tsne/symmetric_eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "core/avx2_clones.h"
#include "core/error.h"

namespace xdd::tsne {
namespace {

// Sorts the eigenpairs of an n x n eigenvector matrix (columns) by descending value, keeping count.
EigenPairs sorted_pairs(const std::vector<double>& values, const std::vector<double>& vectors,
                        int rows, int n, int count) {
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return values[x] > values[y]; });
  EigenPairs out;
  out.vectors.resize(static_cast<size_t>(rows) * count);
  for (int j = 0; j < count; ++j) {
    out.values.push_back(values[order[j]]);
    for (int i = 0; i < rows; ++i) out.vectors[i * count + j] = vectors[i * n + order[j]];
  }
  return out;
}

// Dot product with four partial sums (a fixed order; the compiler can keep them in one register).
XDD_AVX2_CLONES double dot(const double* x, const double* y, int n) {
  double lane[4] = {0.0, 0.0, 0.0, 0.0};
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    for (int l = 0; l < 4; ++l) lane[l] = lane[l] + x[i + l] * y[i + l];
  }
  for (; i < n; ++i) lane[i % 4] = lane[i % 4] + x[i] * y[i];
  return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}

// y -= alpha x.
XDD_AVX2_CLONES void subtract_scaled(double alpha, const double* x, int n, double* y) {
  for (int i = 0; i < n; ++i) y[i] = y[i] - alpha * x[i];
}

// Orthonormalises the `cols` columns of the rows x cols matrix q (row-major) in place by modified
// Gram-Schmidt, twice ("twice is enough" for orthogonality to working precision), on a transposed
// copy so that every column is contiguous. A column that vanishes (rank-deficient input) is
// replaced by the first unit vector that still points outside the earlier columns.
void orthonormalise(std::vector<double>& q, int rows, int cols) {
  std::vector<double> t(q.size());  // column j at t[j * rows]
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j)
      t[static_cast<size_t>(j) * rows + i] = q[static_cast<size_t>(i) * cols + j];
  }
  const auto column = [&](int j) { return t.data() + static_cast<size_t>(j) * rows; };
  const auto remove_earlier = [&](int j) {
    for (int k = 0; k < j; ++k)
      subtract_scaled(dot(column(j), column(k), rows), column(k), rows, column(j));
    return std::sqrt(dot(column(j), column(j), rows));
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (int j = 0; j < cols; ++j) {
      double norm = remove_earlier(j);
      for (int u = 0; norm < 1e-150 && u < rows; ++u) {
        for (int i = 0; i < rows; ++i) column(j)[i] = i == (j + u) % rows ? 1.0 : 0.0;
        norm = remove_earlier(j);
        if (norm < 0.1) norm = 0.0;
      }
      const double inv = 1.0 / norm;
      for (int i = 0; i < rows; ++i) column(j)[i] *= inv;
    }
  }
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j)
      q[static_cast<size_t>(i) * cols + j] = t[static_cast<size_t>(j) * rows + i];
  }
}

// zi = sum_k a_ik q_k (rows q_k of the m x b block), vectorised over the b entries by the
// compiler (the AVX2 clone where the CPU has it).
XDD_AVX2_CLONES void row_times_block(const double* ai, const double* q, int m, int b, double* zi) {
  for (int k = 0; k < m; ++k) {
    const double aik = ai[k];
    const double* qk = q + static_cast<std::int64_t>(k) * b;
    for (int j = 0; j < b; ++j) zi[j] = zi[j] + aik * qk[j];
  }
}

// z = a q for the m x m matrix a and m x b block q, rows split over the pool.
void multiply(const std::vector<double>& a, int m, const std::vector<double>& q, int b,
              std::vector<double>& z, WorkerPool& pool) {
  z.assign(static_cast<size_t>(m) * b, 0.0);
  pool.run(m, 16, [&](std::int64_t begin, std::int64_t end, int) {
    for (std::int64_t i = begin; i < end; ++i)
      row_times_block(a.data() + i * m, q.data(), m, b, z.data() + i * b);
  });
}

}  // namespace

EigenPairs jacobi_eigen(std::vector<double> a, int m) {
  if (m < 1 || a.size() != static_cast<size_t>(m) * m) {
    throw InvalidArgument("jacobi_eigen: matrix is not m x m");
  }
  std::vector<double> v(static_cast<size_t>(m) * m, 0.0);
  for (int i = 0; i < m; ++i) v[i * m + i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0, total = 0.0;
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < m; ++j) {
        total += a[i * m + j] * a[i * m + j];
        if (i != j) off += a[i * m + j] * a[i * m + j];
      }
    }
    if (off <= 1e-30 * total || off == 0.0) break;
    for (int p = 0; p < m - 1; ++p) {
      for (int r = p + 1; r < m; ++r) {
        const double apr = a[p * m + r];
        if (std::abs(apr) < 1e-300) continue;
        // The rotation that zeroes a[p][r] (Golub & Van Loan, symmetric Schur decomposition).
        const double tau = (a[r * m + r] - a[p * m + p]) / (2.0 * apr);
        const double t = (tau >= 0.0 ? 1.0 : -1.0) / (std::abs(tau) + std::sqrt(1.0 + tau * tau));
        const double c = 1.0 / std::sqrt(1.0 + t * t);
        const double s = t * c;
        for (int k = 0; k < m; ++k) {  // columns p and r
          const double akp = a[k * m + p], akr = a[k * m + r];
          a[k * m + p] = c * akp - s * akr;
          a[k * m + r] = s * akp + c * akr;
        }
        for (int k = 0; k < m; ++k) {  // rows p and r
          const double apk = a[p * m + k], ark = a[r * m + k];
          a[p * m + k] = c * apk - s * ark;
          a[r * m + k] = s * apk + c * ark;
        }
        for (int k = 0; k < m; ++k) {
          const double vkp = v[k * m + p], vkr = v[k * m + r];
          v[k * m + p] = c * vkp - s * vkr;
          v[k * m + r] = s * vkp + c * vkr;
        }
      }
    }
  }
  std::vector<double> values(static_cast<size_t>(m));
  for (int i = 0; i < m; ++i) values[i] = a[i * m + i];
  return sorted_pairs(values, v, m, m, m);
}

EigenPairs top_eigen(const std::vector<double>& a, int m, int count, WorkerPool& pool) {
  if (count < 1 || count > m) throw InvalidArgument("top_eigen: count must be in 1..m");
  if (m <= 128) {
    EigenPairs all = jacobi_eigen(a, m);
    return sorted_pairs(all.values, all.vectors, m, m, count);
  }
  // A block a little wider than wanted: the wanted eigenvalues converge at the rate of their ratio
  // to the first one outside the block.
  const int b = std::min(m, count + std::max(10, count / 2));
  std::vector<double> q(static_cast<size_t>(m) * b), z;
  std::mt19937_64 rng(20240601);
  std::normal_distribution<double> normal(0.0, 1.0);
  for (double& x : q) x = normal(rng);
  orthonormalise(q, m, b);
  std::vector<double> previous(static_cast<size_t>(count), 0.0);
  EigenPairs ritz;
  for (int iteration = 1; iteration <= 500; ++iteration) {
    multiply(a, m, q, b, z, pool);
    const bool check = iteration % 5 == 0;
    if (check) {
      // Rayleigh-Ritz: the eigenpairs of q^T a q give the best approximations in span(q).
      std::vector<double> small(static_cast<size_t>(b) * b, 0.0);
      for (int i = 0; i < m; ++i) {
        for (int x = 0; x < b; ++x) {
          for (int y = 0; y < b; ++y) small[x * b + y] += q[i * b + x] * z[i * b + y];
        }
      }
      for (int x = 0; x < b; ++x) {  // symmetrise away rounding
        for (int y = 0; y < x; ++y)
          small[x * b + y] = small[y * b + x] = 0.5 * (small[x * b + y] + small[y * b + x]);
      }
      ritz = jacobi_eigen(small, b);
      double change = 0.0;
      for (int j = 0; j < count; ++j) {
        const double scale = std::max(std::abs(ritz.values[j]), 1e-12 * std::abs(ritz.values[0]));
        change = std::max(change, std::abs(ritz.values[j] - previous[j]) / std::max(scale, 1e-300));
        previous[j] = ritz.values[j];
      }
      if (change < 1e-9 || iteration == 500) {
        EigenPairs out;
        out.values.assign(ritz.values.begin(), ritz.values.begin() + count);
        out.vectors.assign(static_cast<size_t>(m) * count, 0.0);
        for (int i = 0; i < m; ++i) {
          for (int j = 0; j < count; ++j) {
            double s = 0.0;
            for (int x = 0; x < b; ++x) s += q[i * b + x] * ritz.vectors[x * b + j];
            out.vectors[i * count + j] = s;
          }
        }
        return out;
      }
    }
    q.swap(z);
    orthonormalise(q, m, b);
  }
  return ritz;  // not reached
}

}  // namespace xdd::tsne
