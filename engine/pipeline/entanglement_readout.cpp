#include "pipeline/entanglement_readout.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "core/error.h"
#include "losses/pairwise.h"

namespace xdd {
namespace {

// Row i's sum_j exp(-(d_ij - m_i) / T) over a matrix of squared distances d with row minima m, for
// any T, from the distances above the minima, computed once: an evaluation is then one exp over
// the matrix, with no max and no masking of its own (what logsumexp would redo at every T of the
// search). +inf entries contribute 0.
class ShiftedExpSums {
 public:
  explicit ShiftedExpSums(const torch::Tensor& distances) {
    minima_ = std::get<0>(distances.min(1));
    above_minimum_ = distances - minima_.unsqueeze(1);
  }

  const torch::Tensor& minima() const { return minima_; }
  torch::Tensor log_sums(double temperature) const {
    return (above_minimum_ * (-1.0 / temperature)).exp_().sum(1).log_();
  }

 private:
  torch::Tensor minima_, above_minimum_;
};

// The SNN loss of one sample at any T from its squared distances: over the rows with a same-class
// partner, the mean of log sum over every other point minus log sum over the same-class points.
// The same-class sums read each class's own block of distances, padded with +inf to the largest
// class (about a tenth of the matrix for ten classes), its rows in the order of the other sums'.
// A row's two minima enter as their difference (>= 0), so clean clusters at a small T do not read
// as the small difference of two large numbers.
class SnnAtTemperature {
 public:
  SnnAtTemperature(const torch::Tensor& z, const torch::Tensor& y) {
    // The Gram product in z's own precision (float32 for embeddings: 2.5x faster than float64 in
    // 3136-d), centred so the cancellation error stays near 1e-7 of the distances; the search
    // reads them in float64.
    const torch::Tensor all = readout_squared_distances(z).to(torch::kDouble);
    median_ = median_of_pair_distances(all);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const torch::Tensor distances = all.masked_fill(torch::eye(z.size(0), torch::kBool), kInf);
    std::vector<torch::Tensor> classes;
    int64_t widest = 0;
    const torch::Tensor labels = std::get<0>(torch::_unique(y)).contiguous();
    for (int64_t i = 0; i < labels.numel(); ++i) {
      const torch::Tensor members = (y == labels[i]).nonzero().squeeze(1);
      if (members.size(0) < 2) continue;  // no same-class partner: the row is left out
      classes.push_back(members);
      widest = std::max(widest, members.size(0));
    }
    if (classes.empty()) return;
    std::vector<torch::Tensor> same_class_blocks;
    for (const torch::Tensor& members : classes) {
      const torch::Tensor block = distances.index_select(0, members).index_select(1, members);
      same_class_blocks.push_back(
          torch::constant_pad_nd(block, {0, widest - members.size(0)}, kInf));
    }
    others_.emplace(distances.index_select(0, torch::cat(classes)));
    same_class_.emplace(torch::cat(same_class_blocks));
    minimum_gap_ = same_class_->minima() - others_->minima();
  }

  double median() const { return median_; }
  bool empty() const { return !others_.has_value(); }

  double at(double temperature) const {
    const torch::Tensor per_row = minimum_gap_ / temperature + others_->log_sums(temperature) -
                                  same_class_->log_sums(temperature);
    return per_row.clamp_min_(0.0).mean().item<double>();  // each row is >= 0 but for rounding
  }

 private:
  std::optional<ShiftedExpSums> others_, same_class_;
  torch::Tensor minimum_gap_;
  double median_ = 1.0;
};

// Minimises f over log T in [log m - 14, log m + 2]: a grid of 33 points half a unit apart, then 24
// golden-section steps in the unit around the best one (the loss is smooth in log T).
std::pair<double, double> minimise_over_log_t(const SnnAtTemperature& f) {
  const double centre = std::log(f.median());
  double best_log_t = centre, best = f.at(f.median());
  for (int i = 0; i <= 32; ++i) {
    const double log_t = centre - 14.0 + 0.5 * i;
    const double v = f.at(std::exp(log_t));
    if (v < best) best = v, best_log_t = log_t;
  }
  const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = best_log_t - 0.5, b = best_log_t + 0.5;
  double c = b - phi * (b - a), d = a + phi * (b - a);
  double fc = f.at(std::exp(c)), fd = f.at(std::exp(d));
  for (int i = 0; i < 24; ++i) {
    if (fc < fd) {
      b = d, d = c, fd = fc, c = b - phi * (b - a), fc = f.at(std::exp(c));
    } else {
      a = c, c = d, fc = fd, d = a + phi * (b - a), fd = f.at(std::exp(d));
    }
  }
  if (std::min(fc, fd) < best) best_log_t = fc < fd ? c : d, best = std::min(fc, fd);
  return {best, std::exp(best_log_t)};
}

}  // namespace

Entanglement test_entanglement(const torch::Tensor& z_test, const torch::Tensor& labels) {
  if (!z_test.defined() || z_test.dim() != 2 || !labels.defined() ||
      labels.size(0) != z_test.size(0) || z_test.size(0) < 2) {
    throw InvalidArgument("class entanglement needs [N, d] embeddings with N >= 2 and N labels");
  }
  torch::NoGradGuard no_grad;
  const int64_t stride = std::max<int64_t>(1, z_test.size(0) / kEntanglementSample);
  const torch::Tensor rows = torch::arange(0, z_test.size(0), stride, torch::kInt64);
  const SnnAtTemperature snn(z_test.index_select(0, rows),
                             labels.index_select(0, rows).to(torch::kInt64));
  if (snn.empty()) return {};  // no point has a same-class partner: nothing is entangled
  const auto [minimum, temperature] = minimise_over_log_t(snn);
  return {minimum, temperature / snn.median(), snn.at(snn.median())};
}

}  // namespace xdd
