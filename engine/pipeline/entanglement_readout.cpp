#include "pipeline/entanglement_readout.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "losses/pairwise.h"

namespace xdd {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// The SNN loss of one sample at any T from its squared distances, computed once: the rows with a
// same-class partner, their distances with the point itself masked, and the same-class mask.
class SnnAtTemperature {
 public:
  SnnAtTemperature(const torch::Tensor& z, const torch::Tensor& y) {
    const torch::Tensor all = pairwise_squared_distances(z);
    median_ = median_of_pair_distances(all);
    const torch::Tensor self = torch::eye(z.size(0), torch::kBool);
    const torch::Tensor same = (y.unsqueeze(1) == y.unsqueeze(0)).logical_and(self.logical_not());
    const torch::Tensor rows = same.any(1).nonzero().squeeze(1);
    distances_ = all.index_select(0, rows).masked_fill(self.index_select(0, rows),
                                                       std::numeric_limits<double>::infinity());
    other_class_ = same.index_select(0, rows).logical_not();
  }

  double median() const { return median_; }
  bool empty() const { return distances_.size(0) == 0; }

  double at(double temperature) const {
    const torch::Tensor others = -distances_ / temperature;
    const torch::Tensor same_class = others.masked_fill(other_class_, kNegInf);
    return (torch::logsumexp(others, 1) - torch::logsumexp(same_class, 1)).mean().item<double>();
  }

 private:
  torch::Tensor distances_, other_class_;
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
  const SnnAtTemperature snn(z_test.index_select(0, rows).to(torch::kDouble),
                             labels.index_select(0, rows).to(torch::kInt64));
  if (snn.empty()) return {};  // no point has a same-class partner: nothing is entangled
  const auto [minimum, temperature] = minimise_over_log_t(snn);
  return {minimum, temperature / snn.median(), snn.at(snn.median())};
}

}  // namespace xdd
