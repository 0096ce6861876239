// `xdd bench retrain`: where one re-training step and one information-plane point spend their
// time, phase by phase, on random images of the protocol's sizes (90 labeled, 1,000 test; the cost
// does not depend on pixel values), with the discriminator's FLOP count for the step.
#include "cli/bench_retrain.h"

#include <cstdio>

#include "cli/phase_times.h"
#include "core/compute.h"
#include "losses/info_plane.h"
#include "losses/loss_factory.h"
#include "losses/term_gradients.h"
#include "models/discriminator.h"
#include "models/flop_count.h"
#include "pipeline/embedding.h"

namespace xdd::cli {

void bench_retrain(const RetrainBenchArgs& a) {
  const int threads = set_compute_threads(a.threads);
  torch::manual_seed(0);
  const torch::Tensor images = torch::rand({90, 1, 28, 28}) * 2 - 1;
  const torch::Tensor labels = torch::arange(9, torch::kLong).repeat_interleave(10);
  const torch::Tensor test = torch::rand({1000, 1, 28, 28}) * 2 - 1;
  const torch::Tensor test_labels = torch::arange(1000, torch::kLong) % 9;
  Discriminator d;
  LossOptions lo;
  lo.method = parse_setting<Method>("method", a.method);
  auto loss = make_loss(lo);
  std::vector<torch::Tensor> params = d->parameters();
  for (const auto& p : loss->parameters()) params.push_back(p);
  torch::optim::Adam adam(params, torch::optim::AdamOptions(1e-3));

  PhaseTimes step;
  for (int i = 0; i < a.warmup + a.steps; ++i) {
    if (i == a.warmup) step = PhaseTimes();  // the warm-up steps are not counted
    PhaseTimes& t = step;
    d->train();
    adam.zero_grad();
    const torch::Tensor z = t.time("f forward (train mode)", [&] {
      torch::Tensor out = d->embed(images);
      out.retain_grad();
      return out;
    });
    const LossTerms terms = t.time("loss forward", [&] { return loss->loss(z, labels); });
    // As Retrainer::step: each part but the total from its own pass through the loss's graph
    // (for XDD's Gram terms, only as far as the Gram matrix); the total's from z's gradient after
    // the step's backward.
    t.time("gradient norms (grad_ columns)", [&] { return term_gradient_norms(terms, z); });
    t.time("backward", [&] {
      terms.total.backward();
      return z.grad().norm().item<double>();
    });
    t.time("optimizer step", [&] { adam.step(); });
  }
  step.print("re-training step, method " + a.method + ", " + std::to_string(threads) + " thread(s)",
             a.steps);
  // f's forward on 90 images and its backward (about twice the forward).
  const double flops = 3.0 * 90 * discriminator_forward_flops();
  std::printf("  f forward+backward: %.3f GFLOP per step, %.1f GFLOP/s over the whole step\n",
              flops / 1e9, flops / 1e9 / (step.total_seconds() / a.steps));

  PhaseTimes plane;
  torch::NoGradGuard no_grad;
  for (int i = 0; i < a.points; ++i) {
    d->eval();
    const torch::Tensor zl =
        plane.time("embed 90 labeled", [&] { return embed_images(d, images, torch::kCPU); });
    const torch::Tensor zt =
        plane.time("embed 1,000 test", [&] { return embed_images(d, test, torch::kCPU); });
    plane.time("I(X;Z) test (1,000 points)", [&] { return estimate_ixz(zt); });
    plane.time("I(X;Z) labeled", [&] { return estimate_ixz(zl); });
    plane.time("I(Z;Y) test", [&] { return estimate_izy(zt, test_labels, zl, labels, 9); });
    plane.time("I(Z;Y) labeled (left-one-out)",
               [&] { return estimate_izy_leave_one_out(zl, labels, 9); });
  }
  plane.print("information-plane point", a.points);
}

}  // namespace xdd::cli
