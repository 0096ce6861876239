// The class entanglement readout (pipeline/entanglement_readout.h): the SNN loss of a strided test
// sample at its minimising temperature, and at the sample's own median scale (the first version).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "core/error.h"
#include "losses/pairwise.h"
#include "losses/snn_loss.h"
#include "pipeline/entanglement_readout.h"

namespace {

// n points in d dimensions, label i % classes; separated: each class's points around its own
// corner.
std::pair<torch::Tensor, torch::Tensor> points(int64_t n, int64_t d, int64_t classes,
                                               bool separated) {
  torch::manual_seed(7);
  const torch::Tensor y = torch::arange(n, torch::kInt64).remainder(classes);
  torch::Tensor z = torch::randn({n, d}, torch::kDouble);
  if (separated) z += 50.0 * torch::one_hot(y, d).to(torch::kDouble);
  return {z, y};
}

}  // namespace

TEST(EntanglementReadout, LabelsUnrelatedToPositionGiveAboutLogOfTheClassCount) {
  const auto [z, y] = points(1000, 20, 10, false);
  // Each point has 99 same-class partners of 999: -log(99/999) = 2.31 when every kernel is alike,
  // and no temperature does much better.
  const xdd::Entanglement e = xdd::test_entanglement(z, y);
  EXPECT_NEAR(e.at_median, std::log(999.0 / 99.0), 0.02);
  EXPECT_NEAR(e.minimum, std::log(999.0 / 99.0), 0.05);
  EXPECT_LE(e.minimum, e.at_median + 1e-12);
}

TEST(EntanglementReadout, SeparatedClassesReadNearZeroAtTheirTemperature) {
  const auto [z, y] = points(1000, 20, 10, true);
  // At the median scale (a between-class distance, 90 % of the pairs) each point keeps ~0.99 of its
  // class's kernel mass and e^-1 of the rest: -log(99 * 0.99 / (99 * 0.99 + 900 / e)) = 1.47.
  const xdd::Entanglement e = xdd::test_entanglement(z, y);
  EXPECT_NEAR(e.at_median, 1.47, 0.05);
  // A temperature near the within-class distances (40 against 5,000 between classes) separates
  // them: within 1e-3 of 0, found well below the median.
  EXPECT_LT(e.minimum, 1e-3);
  EXPECT_GE(e.minimum, 0.0);
  EXPECT_LT(e.temperature, 0.1);
  // Scale-free: the same values, the same relative temperature.
  const xdd::Entanglement scaled = xdd::test_entanglement(z * 37.0, y);
  EXPECT_NEAR(scaled.at_median, e.at_median, 1e-9);
  EXPECT_NEAR(scaled.minimum, e.minimum, 1e-9);
  EXPECT_NEAR(scaled.temperature, e.temperature, 1e-6 * e.temperature);
}

TEST(EntanglementReadout, UsesEveryKthRowForLargeSetsAndTheirMedianScale) {
  const auto [z, y] = points(2500, 8, 10, false);  // stride 2500 / 1000 = 2
  const torch::Tensor rows = torch::arange(0, 2500, 2, torch::kInt64);
  const torch::Tensor zs = z.index_select(0, rows);
  const torch::Tensor ys = y.index_select(0, rows);
  const double median = xdd::median_pair_squared_distance(zs);
  const xdd::Entanglement e = xdd::test_entanglement(z, y);
  EXPECT_NEAR(e.at_median, xdd::snn_entanglement(zs, ys, median), 1e-12);
  EXPECT_NEAR(e.minimum, xdd::snn_entanglement(zs, ys, e.temperature * median), 1e-9);
}

TEST(EntanglementReadout, BadInputIsAnInvalidArgument) {
  const auto [z, y] = points(10, 4, 2, false);
  EXPECT_THROW(xdd::test_entanglement(z, y.slice(0, 0, 5)), xdd::InvalidArgument);
  EXPECT_THROW(xdd::test_entanglement(z.slice(0, 0, 1), y.slice(0, 0, 1)), xdd::InvalidArgument);
  EXPECT_THROW(xdd::test_entanglement(torch::Tensor(), y), xdd::InvalidArgument);
}

TEST(EntanglementReadout, Float32EmbeddingsReadAsTheirFloat64Copy) {
  // Embeddings arrive as float32 and their distances are computed in float32: the readout stays
  // within 1e-4 of the float64 one, for clean clusters (minimum near 0 at a small T) and unrelated
  // labels, in the embedding's 3136 dimensions and far from the origin.
  for (const bool separated : {true, false}) {
    auto [z, y] = points(1000, 3136, 10, separated);
    z += 30.0;
    const xdd::Entanglement wide = xdd::test_entanglement(z, y);
    const xdd::Entanglement narrow = xdd::test_entanglement(z.to(torch::kFloat32), y);
    EXPECT_NEAR(narrow.minimum, wide.minimum, 1e-4) << separated;
    EXPECT_NEAR(narrow.at_median, wide.at_median, 1e-4) << separated;
    EXPECT_NEAR(std::log(narrow.temperature), std::log(wide.temperature), 1e-2) << separated;
  }
}
