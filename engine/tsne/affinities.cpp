#include "tsne/affinities.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "core/error.h"
#include "core/stopwatch.h"
#include "tsne/perplexity.h"
#include "tsne/worker_pool.h"

namespace xdd {
namespace {}  // namespace

Affinities Affinities::compute(const PointMatrix& points, const TsneParams& params) {
  validate(params);
  check_points(points, "t-SNE input");
  const int k = neighbors_for(params);
  if (points.rows < k + 1) {
    std::ostringstream msg;
    msg << "t-SNE with perplexity " << params.perplexity << " uses " << k
        << " neighbours per point and so needs at least " << k + 1 << " points; the input has "
        << points.rows << ". Lower the perplexity to at most "
        << std::floor((static_cast<double>(points.rows) - 1.0) / 3.0 * 100.0) / 100.0
        << " or add points";
    throw InvalidArgument(msg.str());
  }
  // Squared distances are float sums of d squared differences of up to twice the largest value.
  float largest = 0.0f;
  for (float v : points.values) largest = std::max(largest, std::abs(v));
  const double limit = std::sqrt(std::numeric_limits<float>::max() / (4.0 * points.cols)) / 2.0;
  if (largest > limit) {
    std::ostringstream msg;
    msg << "t-SNE input has values up to " << largest << ": squared distances would overflow float "
        << "(limit " << limit << " for " << points.cols << " columns); rescale the input";
    throw DataError(msg.str());
  }
  const auto start = std::chrono::steady_clock::now();
  const KnnGraph graph = find_neighbors(points, k, params);
  const double knn_seconds = seconds_since(start);
  Affinities result = from_neighbors(graph, params.perplexity, threads_for(params));
  result.knn_seconds_ = knn_seconds;
  return result;
}

Affinities Affinities::from_neighbors(const KnnGraph& graph, double perplexity, int threads) {
  if (graph.n < 2 || graph.k < 1 ||
      graph.indices.size() != static_cast<size_t>(graph.n * graph.k) ||
      graph.sq_distances.size() != graph.indices.size()) {
    throw InvalidArgument("neighbour graph is empty or its arrays do not match n * k");
  }
  if (!(perplexity >= 1.0)) {
    throw InvalidArgument("perplexity must be >= 1, got " + std::to_string(perplexity));
  }
  const auto start = std::chrono::steady_clock::now();
  const std::int64_t n = graph.n;
  const int k = graph.k;
  for (std::int32_t j : graph.indices) {
    if (j < 0 || j >= n) throw InvalidArgument("neighbour graph has an index outside 0..n-1");
  }
  for (float d : graph.sq_distances) {
    if (!std::isfinite(d)) {
      throw DataError(
          "squared distances between input points overflow float (values too large); "
          "rescale the input");
    }
  }

  // Conditional rows P_j|i, calibrated independently (hence in parallel, deterministically).
  std::vector<double> conditional(static_cast<size_t>(n * k));
  tsne::WorkerPool pool(std::max(1, threads));
  pool.run(n, 64, [&](std::int64_t begin, std::int64_t end, int) {
    for (std::int64_t i = begin; i < end; ++i) {
      calibrate_row(graph.sq_distances.data() + i * k, k, perplexity, conditional.data() + i * k);
    }
  });

  // Symmetrise: every (i, j, p) lands in row i and in row j, then duplicates are merged.
  std::vector<std::int64_t> count(static_cast<size_t>(n + 1), 0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (int t = 0; t < k; ++t) {
      ++count[static_cast<size_t>(i + 1)];
      ++count[static_cast<size_t>(graph.indices[i * k + t]) + 1];
    }
  }
  std::partial_sum(count.begin(), count.end(), count.begin());
  struct Entry {
    std::int32_t col;
    double p;
  };
  std::vector<Entry> entries(static_cast<size_t>(count[n]));
  std::vector<std::int64_t> fill(count.begin(), count.end() - 1);
  const double norm = 1.0 / (2.0 * static_cast<double>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    for (int t = 0; t < k; ++t) {
      const std::int32_t j = graph.indices[i * k + t];
      const double p = conditional[i * k + t] * norm;
      entries[fill[i]++] = {j, p};
      entries[fill[j]++] = {static_cast<std::int32_t>(i), p};
    }
  }

  Affinities a;
  a.n_ = n;
  a.row_ptr_.assign(static_cast<size_t>(n + 1), 0);
  a.col_index_.reserve(entries.size());
  a.values_.reserve(entries.size());
  for (std::int64_t i = 0; i < n; ++i) {
    auto first = entries.begin() + count[i];
    auto last = entries.begin() + count[i + 1];
    std::sort(first, last, [](const Entry& x, const Entry& y) { return x.col < y.col; });
    for (auto it = first; it != last;) {
      double p = 0.0;
      const std::int32_t col = it->col;
      for (; it != last && it->col == col; ++it) p += it->p;
      if (col == i)
        continue;  // duplicates of a point may list it; a point is never its own neighbour
      a.col_index_.push_back(col);
      a.values_.push_back(static_cast<float>(p));
    }
    a.row_ptr_[static_cast<size_t>(i + 1)] = static_cast<std::int64_t>(a.values_.size());
  }
  a.finish();
  a.calibration_seconds_ = seconds_since(start);
  return a;
}

Affinities Affinities::from_csr(std::int64_t n, std::vector<std::int64_t> row_ptr,
                                std::vector<std::int32_t> col_index, std::vector<float> values) {
  if (n < 2)
    throw InvalidArgument("affinity matrix needs at least 2 points, got " + std::to_string(n));
  if (row_ptr.size() != static_cast<size_t>(n + 1) || row_ptr.front() != 0 ||
      row_ptr.back() != static_cast<std::int64_t>(values.size()) ||
      col_index.size() != values.size()) {
    throw InvalidArgument(
        "affinity CSR arrays are inconsistent (row_ptr must have n + 1 entries "
        "from 0 to the number of values)");
  }
  double total = 0.0;
  for (std::int64_t i = 0; i < n; ++i) {
    if (row_ptr[i + 1] < row_ptr[i]) throw InvalidArgument("affinity CSR row_ptr is not ascending");
    for (std::int64_t e = row_ptr[i]; e < row_ptr[i + 1]; ++e) {
      const std::int32_t j = col_index[e];
      if (j < 0 || j >= n || j == i || (e > row_ptr[i] && col_index[e - 1] >= j)) {
        throw InvalidArgument("affinity CSR row " + std::to_string(i) +
                              " has a column index that is out of range, on the diagonal or not "
                              "strictly ascending");
      }
      if (!std::isfinite(values[e]) || values[e] < 0.0f) {
        throw InvalidArgument("affinity CSR row " + std::to_string(i) +
                              " has a negative or non-finite value");
      }
      total += values[e];
    }
  }
  if (std::abs(total - 1.0) > 1e-3) {
    throw InvalidArgument("affinities must sum to 1, these sum to " + std::to_string(total));
  }
  for (float& v : values) v = static_cast<float>(v / total);
  Affinities a;
  a.n_ = n;
  a.row_ptr_ = std::move(row_ptr);
  a.col_index_ = std::move(col_index);
  a.values_ = std::move(values);
  a.finish();
  return a;
}

void Affinities::finish() {
  double s = 0.0;
  for (float p : values_) {
    if (p > 0.0f) s += static_cast<double>(p) * std::log(static_cast<double>(p));
  }
  neg_entropy_ = s;
}

}  // namespace xdd
