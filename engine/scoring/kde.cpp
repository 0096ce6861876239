#include "scoring/kde.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"

namespace xdd {

namespace {

std::string shape_text(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? "," : "") + std::to_string(t.size(i));
  return s + "]";
}

void check_matrix(const torch::Tensor& t, const char* what) {
  if (!t.defined() || t.dim() != 2 || !t.is_floating_point()) {
    throw InvalidArgument(std::string(what) +
                          " must be a 2-D floating-point tensor [rows, d], got " +
                          (t.defined() ? shape_text(t) : std::string("an undefined tensor")));
  }
}

// A million values at a time: isfinite of a whole test embedding (10,000 x 3136) would build about
// 220 MB of temporaries (its abs, and three masks) beside it.
void check_finite(const torch::Tensor& t, const char* what) {
  const torch::Tensor flat = t.reshape({-1});
  constexpr int64_t kChunk = int64_t{1} << 20;
  for (int64_t start = 0; start < flat.numel(); start += kChunk) {
    const torch::Tensor chunk = flat.slice(0, start, std::min(flat.numel(), start + kChunk));
    if (!torch::isfinite(chunk).all().item<bool>()) {
      throw InvalidArgument(std::string(what) + " contains NaN or infinite values");
    }
  }
}

// Rows per chunk: keeps the float64 copy of a chunk near 8 MB for the paper's d = 3136.
int64_t chunk_rows(int64_t d) {
  return std::max<int64_t>(1, (int64_t{1} << 20) / std::max<int64_t>(d, 1));
}

}  // namespace

double median_pairwise_distance(const torch::Tensor& z) {
  check_matrix(z, "median_pairwise_distance: z");
  const int64_t m = z.size(0);
  if (m < 2) {
    throw InvalidArgument("median_pairwise_distance needs at least 2 rows, got " +
                          std::to_string(m));
  }
  check_finite(z, "median_pairwise_distance: z");
  torch::NoGradGuard no_grad;
  const torch::Tensor z64 = z.detach().to(torch::kFloat64);
  // Differences, not the ||a||^2 + ||b||^2 - 2ab expansion: exact for near-equal rows.
  std::vector<double> dist;
  dist.reserve(static_cast<size_t>(m * (m - 1) / 2));
  for (int64_t i = 0; i + 1 < m; ++i) {
    torch::Tensor row = (z64.slice(0, i + 1) - z64[i]).norm(2, {1}).to(torch::kCPU).contiguous();
    dist.insert(dist.end(), row.data_ptr<double>(), row.data_ptr<double>() + row.numel());
  }
  const size_t mid = dist.size() / 2;
  std::nth_element(dist.begin(), dist.begin() + mid, dist.end());
  const double upper = dist[mid];
  if (dist.size() % 2 == 1) return upper;
  const double lower = *std::max_element(dist.begin(), dist.begin() + mid);
  return 0.5 * (lower + upper);
}

namespace {

void check_query_and_reference(const torch::Tensor& query, const torch::Tensor& reference,
                               const std::string& who) {
  check_matrix(query, (who + ": query").c_str());
  check_matrix(reference, (who + ": reference").c_str());
  if (reference.size(0) < 1) throw InvalidArgument(who + ": the reference set is empty");
  if (query.size(1) != reference.size(1)) {
    throw InvalidArgument(who + ": query " + shape_text(query) + " and reference " +
                          shape_text(reference) + " differ in dimension");
  }
  check_finite(query, (who + ": query").c_str());
  check_finite(reference, (who + ": reference").c_str());
}

using RowReduction = std::function<torch::Tensor(const torch::Tensor&)>;

// One value per query row for each reduction of its squared distances d2 [chunk, M] to the
// reference rows, a chunk of rows at a time: every reduction reads the same chunk of distances.
// Returns one CPU float64 [Q] per reduction.
std::vector<torch::Tensor> reduce_distance_rows(const torch::Tensor& query,
                                                const torch::Tensor& reference,
                                                const std::vector<RowReduction>& reductions) {
  torch::NoGradGuard no_grad;
  const int64_t q = query.size(0);
  const torch::Tensor ref = reference.detach().to(torch::kFloat64);
  const torch::Tensor ref_sq = ref.pow(2).sum(1);  // [M]
  std::vector<torch::Tensor> out;
  for (size_t i = 0; i < reductions.size(); ++i) {
    out.push_back(torch::empty({q}, torch::dtype(torch::kFloat64)));
  }
  const int64_t step = chunk_rows(query.size(1));
  for (int64_t start = 0; start < q; start += step) {
    const int64_t end = std::min(q, start + step);
    const torch::Tensor x = query.detach().slice(0, start, end).to(ref.device(), torch::kFloat64);
    // ||x - r||^2 = ||x||^2 + ||r||^2 - 2 x.r; float64 keeps the cancellation error far below
    // the kernel's scale, and clamping removes the tiny negative values it can leave.
    const torch::Tensor d2 =
        (x.pow(2).sum(1, true) + ref_sq.unsqueeze(0) - 2.0 * x.matmul(ref.t())).clamp_min_(0.0);
    for (size_t i = 0; i < reductions.size(); ++i) {
      out[i].slice(0, start, end).copy_(reductions[i](d2).to(torch::kCPU));
    }
  }
  return out;
}

void check_bandwidth(double bandwidth) {
  if (!(bandwidth > 0) || !std::isfinite(bandwidth)) {
    throw InvalidArgument("KDE bandwidth must be a finite number > 0, got " +
                          std::to_string(bandwidth));
  }
}

RowReduction kde_of(const torch::Tensor& reference, double bandwidth) {
  const double log_m = std::log(static_cast<double>(reference.size(0)));
  const double inv_two_h2 = 1.0 / (2.0 * bandwidth * bandwidth);
  return [log_m, inv_two_h2](const torch::Tensor& d2) {
    return log_m - torch::logsumexp(d2 * -inv_two_h2, 1);
  };
}

torch::Tensor nearest_of(const torch::Tensor& d2) {
  return std::get<0>(d2.min(1)).sqrt();
}

}  // namespace

torch::Tensor kde_scores(const torch::Tensor& query, const torch::Tensor& reference,
                         double bandwidth) {
  check_bandwidth(bandwidth);
  check_query_and_reference(query, reference, "kde_scores");
  return reduce_distance_rows(query, reference, {kde_of(reference, bandwidth)})[0];
}

torch::Tensor nearest_neighbour_scores(const torch::Tensor& query, const torch::Tensor& reference) {
  check_query_and_reference(query, reference, "nearest_neighbour_scores");
  return reduce_distance_rows(query, reference, {nearest_of})[0];
}

TestScores kde_and_nearest_scores(const torch::Tensor& query, const torch::Tensor& reference,
                                  double bandwidth) {
  check_bandwidth(bandwidth);
  check_query_and_reference(query, reference, "kde_and_nearest_scores");
  std::vector<torch::Tensor> both =
      reduce_distance_rows(query, reference, {kde_of(reference, bandwidth), nearest_of});
  return {std::move(both[0]), std::move(both[1])};
}

}  // namespace xdd
