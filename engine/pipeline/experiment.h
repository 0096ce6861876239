#pragma once
// The paper's whole protocol for one held-out digit and one repetition (SPEC §2): pre-train (or
// load the cached GAN), score the pre-trained embedding, re-train f with the chosen loss, score
// again.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "config/experiment_config.h"
#include "pipeline/info_plane_tracker.h"
#include "pipeline/observer.h"
#include "scoring/metrics.h"

namespace xdd {

struct RunOutcome {
  ExperimentConfig config;
  std::string dataset_name;
  std::string dataset_checksum;
  int threads = 0;
  std::string device;

  DetectionMetrics before{};     // KDE score on the pre-trained embedding
  DetectionMetrics after{};      // KDE score on the re-trained embedding
  DetectionMetrics after_own{};  // the method's own score on the re-trained embedding
  // The KDE score's h -> 0 limit, the distance to the nearest labeled embedding (scoring/kde.h).
  DetectionMetrics before_nearest{};
  DetectionMetrics after_nearest{};
  double bandwidth_before = 0.0;
  double bandwidth_after = 0.0;
  // Class entanglement of the test sample (entanglement_readout.h).
  Entanglement entanglement_before;
  Entanglement entanglement_after;
  double chance_auprc = 0.0;  // share of the held-out digit in the test set

  std::vector<std::string> loss_terms;         // names, in column order
  std::vector<std::vector<double>> loss_rows;  // one row per re-training step: the terms' values
  std::vector<GanStepReport> gan_history;      // empty when the GAN came from the cache
  bool gan_from_cache = false;
  std::string gan_cache_file;

  std::vector<InfoPlanePoint> info_plane;  // every info_plane_every re-training steps, both sets

  torch::Tensor test_labels;    // [N] digits
  torch::Tensor scores_before;  // [N] float64, higher = more anomalous
  torch::Tensor scores_after;   // [N]

  double seconds_pretrain = 0.0;
  double seconds_retrain = 0.0;       // the re-training loop, with the two below inside it
  double seconds_info_plane = 0.0;    // information-plane points during re-training
  double seconds_live_scoring = 0.0;  // scoring the test set for live panels (the app only)
  double seconds_total = 0.0;
};

// Validates `config` first (InvalidArgument before any work). Throws Cancelled if the observer's
// checkpoint asks to stop, TrainingError on a non-finite loss.
RunOutcome run_experiment(const ExperimentConfig& config, const ExperimentObserver& observer = {});

// Digit -> class index 0..8 of the known digits (the held-out digit has none).
torch::Tensor digits_to_classes(const torch::Tensor& digits, int holdout);

}  // namespace xdd
