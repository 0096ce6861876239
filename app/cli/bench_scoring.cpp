// `xdd bench scoring`: where the scoring of one embedding spends its time, phase by phase, as
// run_experiment's score_embedding does it: embed the test and the 90 labeled images, the median
// bandwidth, the KDE score and its nearest-neighbour limit of every test image (one pass), and the
// class entanglement at its minimising temperature. Random images of the protocol's sizes (the cost
// does not depend on pixel values) and a freshly initialised discriminator.
#include "cli/bench_scoring.h"

#include "cli/phase_times.h"
#include "core/compute.h"
#include "models/discriminator.h"
#include "pipeline/embedding.h"
#include "pipeline/entanglement_readout.h"
#include "scoring/kde.h"

namespace xdd::cli {

void bench_scoring(const ScoringBenchArgs& a) {
  const int threads = set_compute_threads(a.threads);
  torch::manual_seed(0);
  const torch::Tensor labeled = torch::rand({90, 1, 28, 28}) * 2 - 1;
  const torch::Tensor test = torch::rand({a.test_images, 1, 28, 28}) * 2 - 1;
  const torch::Tensor test_labels = torch::arange(a.test_images, torch::kLong) % 10;
  Discriminator d;
  PhaseTimes t;
  for (int i = 0; i < a.repeats; ++i) {
    const torch::Tensor z = t.time("embed test + labeled", [&] {
      return embed_image_sets(d, {test, labeled}, torch::kCPU);
    });
    const torch::Tensor z_test = z.slice(0, 0, a.test_images);
    const torch::Tensor z_labeled = z.slice(0, a.test_images);
    const double h =
        t.time("median bandwidth", [&] { return median_pairwise_distance(z_labeled); });
    t.time("KDE and nearest-neighbour scores",
           [&] { return kde_and_nearest_scores(z_test, z_labeled, h); });
    t.time("entanglement (1,000 points)", [&] { return test_entanglement(z_test, test_labels); });
  }
  t.print("scoring of " + std::to_string(a.test_images) + " test images, " +
              std::to_string(threads) + " thread(s)",
          a.repeats);
}

}  // namespace xdd::cli
