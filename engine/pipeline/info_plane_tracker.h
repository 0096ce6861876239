#pragma once
// The information plane of a run: at the steps info_plane_due() picks, I(X;Z) and I(Z;Y) (estimates
// in nats, losses/info_plane.h) on two sets — the labeled examples (I(Z;Y) left-one-out), and a
// fixed seeded sample of test images that is the same for every run on a dataset, so runs are
// comparable.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "data/dataset.h"
#include "models/discriminator.h"
#include "pipeline/info_plane_point.h"

namespace xdd {

class InfoPlaneTracker {
 public:
  static constexpr int64_t kTestSample = 1000;
  static constexpr uint64_t kSampleSeed = 20240611;  // fixed: the same sample for every run

  // `classes` are the labeled examples' class indices 0..8; the test sample keeps only known digits
  // for I(Z;Y).
  InfoPlaneTracker(const Dataset& test, const Dataset& labeled, const torch::Tensor& classes,
                   int holdout, torch::Device device);

  // Appends one point per set for the discriminator's current embedding (eval mode, no gradients).
  void record(Discriminator discriminator, int64_t step, const std::string& phase);

  const std::vector<InfoPlanePoint>& points() const { return points_; }

 private:
  torch::Tensor labeled_images_, labeled_classes_;
  torch::Tensor sample_images_, sample_known_, sample_classes_;
  torch::Device device_;
  std::vector<InfoPlanePoint> points_;
};

// Whether a point is taken after `step` (0 = the pre-trained embedding) of a re-training that ends
// at `last_step`, for the setting info_plane_every = every (0 = never): the first and last steps
// always; otherwise multiples of `every`, each one for the first 10, then thinning so that each
// doubling of the step count adds about 5 points (every = 1, 200 steps: 33 points). A smooth path
// on the plane at a cost that grows with the log of the run's length.
bool info_plane_due(int64_t step, int every, int64_t last_step);

// "step,phase,set,ixz,izy" and one row per point.
std::string info_plane_csv(const std::vector<InfoPlanePoint>& points);

}  // namespace xdd
