#include "losses/snn_loss.h"

#include <cmath>
#include <limits>

#include "core/error.h"
#include "losses/input_checks.h"
#include "losses/pairwise.h"

namespace xdd {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// The per-point terms -log(numerator / denominator) for the points `rows` of (z, y) that have a
// same-class partner; rows without one are dropped before any logsumexp (an all -inf row would put
// NaN into the gradient). inv_t = 1/T as a tensor, so T can be learned.
torch::Tensor snn_terms(const torch::Tensor& z, const torch::Tensor& y, torch::Tensor rows,
                        const torch::Tensor& inv_t) {
  const torch::Tensor same = y.index_select(0, rows).unsqueeze(1) == y.unsqueeze(0);  // [B,N]
  const torch::Tensor self =
      rows.unsqueeze(1) == torch::arange(z.size(0), rows.options()).unsqueeze(0);
  const torch::Tensor has_partner = same.logical_and(self.logical_not()).any(1);
  rows = rows.masked_select(has_partner);
  if (rows.numel() == 0) return torch::zeros({0}, z.options());
  const torch::Tensor keep = has_partner.nonzero().squeeze(1);
  const torch::Tensor self_k = self.index_select(0, keep);
  const torch::Tensor others =
      (-squared_distances(z.index_select(0, rows), z) * inv_t).masked_fill(self_k, kNegInf);
  const torch::Tensor same_k = same.index_select(0, keep);
  const torch::Tensor same_class = others.masked_fill(same_k.logical_not(), kNegInf);
  return torch::logsumexp(others, 1) - torch::logsumexp(same_class, 1);
}

}  // namespace

SnnLoss::SnnLoss(const LossOptions& o) : num_classes_(o.num_classes) {
  log_temperature_ = register_parameter("log_temperature", torch::zeros({1}));
}

double SnnLoss::temperature() const {
  return std::exp(log_temperature_.item<double>());
}

void SnnLoss::initialize(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "snn loss initialize", 2);
  torch::NoGradGuard no_grad;
  log_temperature_.fill_(std::log(median_pair_squared_distance(z)));
}

LossTerms SnnLoss::loss(const torch::Tensor& z, const torch::Tensor& y) {
  check_labeled_batch(z, y, num_classes_, "snn loss", 2);
  const torch::Tensor log_t = log_temperature_.to(z.scalar_type());
  const torch::Tensor rows = torch::arange(z.size(0), y.options());
  const torch::Tensor terms = snn_terms(z, y, rows, torch::exp(-log_t));
  // No point with a partner: a zero that still reaches z and T, so backward() works.
  const torch::Tensor snn = terms.numel() > 0 ? terms.mean() : (z.sum() + log_t.sum()) * 0.0;
  return {snn,
          {{"soft_nearest_neighbour", snn},
           {"temperature", torch::exp(log_t).sum().detach()},
           {"total", snn}}};
}

torch::Tensor SnnLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& z_labeled,
                                 const torch::Tensor& y_labeled) {
  check_labeled_batch(z_labeled, y_labeled, num_classes_, "snn own score (labeled)");
  check_embeddings(z_test, "snn own score (test)");
  check_width(z_test, z_labeled.size(1), "snn own score (test)");
  torch::NoGradGuard no_grad;
  const int64_t k = std::min<int64_t>(kNeighbours, z_labeled.size(0));
  const torch::Tensor d2 =
      squared_distances(z_test.to(torch::kDouble), z_labeled.to(torch::kDouble));
  const torch::Tensor nearest = std::get<1>(d2.topk(k, 1, /*largest=*/false));  // [Q,k]
  const torch::Tensor votes =
      torch::one_hot(y_labeled.index({nearest}), num_classes_).sum(1);  // [Q,K]
  return 1.0 - std::get<0>(votes.max(1)).to(torch::kDouble) / static_cast<double>(k);
}

double snn_entanglement(const torch::Tensor& z, const torch::Tensor& y, double temperature) {
  if (!std::isfinite(temperature) || temperature <= 0.0) {
    throw InvalidArgument("snn entanglement: temperature must be finite and > 0, got " +
                          std::to_string(temperature));
  }
  check_labeled_batch(z, y, std::numeric_limits<int64_t>::max(), "snn entanglement", 2);
  torch::NoGradGuard no_grad;
  const torch::Tensor z64 = z.to(torch::kDouble);
  const torch::Tensor inv_t = torch::full({}, 1.0 / temperature, z64.options());
  constexpr int64_t kBlock = 1024;
  double sum = 0.0;
  int64_t count = 0;
  for (int64_t start = 0; start < z.size(0); start += kBlock) {
    const int64_t end = std::min<int64_t>(start + kBlock, z.size(0));
    const torch::Tensor terms = snn_terms(z64, y, torch::arange(start, end, y.options()), inv_t);
    sum += terms.sum().item<double>();
    count += terms.numel();
  }
  return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

}  // namespace xdd
