#include "losses/svdd_loss.h"

#include "core/error.h"
#include "losses/input_checks.h"

namespace xdd {

namespace {
constexpr double kMinAbsCoordinate = 0.1;
}

SvddLoss::SvddLoss(const LossOptions& o) : dim_(o.dim) {
  centre_ = register_buffer("centre", torch::zeros({dim_}));
}

void SvddLoss::initialize(const torch::Tensor& z, const torch::Tensor& /*y*/) {
  check_embeddings(z, "svdd initialize");
  check_width(z, dim_, "svdd initialize");
  torch::NoGradGuard no_grad;
  torch::Tensor c = z.detach().to(torch::kDouble).mean(0);
  const torch::Tensor sign = torch::where(c < 0, -torch::ones_like(c), torch::ones_like(c));
  c = torch::where(c.abs() < kMinAbsCoordinate, sign * kMinAbsCoordinate, c);
  centre_.copy_(c);
  initialized_ = true;
}

LossTerms SvddLoss::loss(const torch::Tensor& z, const torch::Tensor& /*y*/) {
  check_embeddings(z, "svdd loss");
  check_width(z, dim_, "svdd loss");
  if (!initialized_) initialize(z, torch::Tensor());
  const torch::Tensor distance = (z - centre_.to(z.scalar_type())).pow(2).sum(1).mean();
  return {distance, {{"distance", distance}, {"total", distance}}};
}

torch::Tensor SvddLoss::own_score(const torch::Tensor& z_test, const torch::Tensor& /*z_labeled*/,
                                  const torch::Tensor& /*y_labeled*/) {
  check_embeddings(z_test, "svdd own score");
  check_width(z_test, dim_, "svdd own score");
  if (!initialized_) {
    throw InvalidArgument("svdd own score: the centre is not set; call initialize() first");
  }
  torch::NoGradGuard no_grad;
  return (z_test.to(torch::kDouble) - centre_.to(torch::kDouble)).pow(2).sum(1);
}

}  // namespace xdd
