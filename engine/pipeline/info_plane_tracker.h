#pragma once
// The information plane of a run (issue 10): after every re-training step, I(X;Z) and I(Z;Y)
// (estimates in nats, losses/info_plane.h) on two sets — the labeled examples, and a fixed seeded
// sample of test images that is the same for every run on a dataset, so runs are comparable.
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

// "step,phase,set,ixz,izy" and one row per point.
std::string info_plane_csv(const std::vector<InfoPlanePoint>& points);

}  // namespace xdd
