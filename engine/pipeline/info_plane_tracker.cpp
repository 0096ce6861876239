#include "pipeline/info_plane_tracker.h"

#include <iomanip>
#include <random>
#include <sstream>

#include "losses/info_plane.h"
#include "pipeline/embedding.h"
#include "pipeline/experiment.h"

namespace xdd {
namespace {

constexpr int kKnownClasses = 9;

// A seeded sample of distinct test indices, independent of the held-out digit.
torch::Tensor sample_indices(int64_t n, int64_t count, uint64_t seed) {
  std::vector<int64_t> idx(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) idx[static_cast<size_t>(i)] = i;
  std::mt19937_64 rng(seed);
  const int64_t k = std::min(n, count);
  for (int64_t i = 0; i < k; ++i) {  // partial Fisher-Yates with our own bounded draw (portable)
    const int64_t j = i + static_cast<int64_t>(rng() % static_cast<uint64_t>(n - i));
    std::swap(idx[static_cast<size_t>(i)], idx[static_cast<size_t>(j)]);
  }
  idx.resize(static_cast<size_t>(k));
  return torch::tensor(idx, torch::kInt64);
}

}  // namespace

InfoPlaneTracker::InfoPlaneTracker(const Dataset& test, const Dataset& labeled,
                                   const torch::Tensor& classes, int holdout, torch::Device device)
    : labeled_images_(labeled.images), labeled_classes_(classes), device_(device) {
  const torch::Tensor idx = sample_indices(test.size(), kTestSample, kSampleSeed);
  sample_images_ = test.images.index_select(0, idx);
  const torch::Tensor digits = test.labels.index_select(0, idx);
  sample_known_ = (digits != holdout).nonzero().squeeze(1);
  sample_classes_ = digits_to_classes(digits.index_select(0, sample_known_), holdout);
}

bool info_plane_due(int64_t step, int every, int64_t last_step) {
  if (every <= 0) return false;
  if (step == 0 || step == last_step) return true;
  if (step % every != 0) return false;
  const int64_t k = step / every;
  int64_t gap = 1;
  while (gap * 2 <= k / 5) gap *= 2;
  return k % gap == 0;
}

void InfoPlaneTracker::record(Discriminator discriminator, int64_t step, const std::string& phase) {
  // float32 embeddings: the estimators sum in float64 (losses/info_plane.h).
  const torch::Tensor z_labeled = embed_images(discriminator, labeled_images_, device_);
  const torch::Tensor z_sample = embed_images(discriminator, sample_images_, device_);
  const torch::Tensor z_known = z_sample.index_select(0, sample_known_);
  points_.push_back({step, phase, PlaneSet::kLabeled, estimate_ixz(z_labeled),
                     estimate_izy_leave_one_out(z_labeled, labeled_classes_, kKnownClasses)});
  points_.push_back(
      {step, phase, PlaneSet::kTest, estimate_ixz(z_sample),
       estimate_izy(z_known, sample_classes_, z_labeled, labeled_classes_, kKnownClasses)});
}

std::string info_plane_csv(const std::vector<InfoPlanePoint>& points) {
  std::ostringstream out;
  out << std::setprecision(17) << "step,phase,set,ixz,izy\n";
  for (const auto& p : points) {
    out << p.step << "," << p.phase << "," << plane_set_name(p.set) << "," << p.ixz << "," << p.izy
        << "\n";
  }
  return out.str();
}

}  // namespace xdd
