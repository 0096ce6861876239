#pragma once
// Step 1 of the protocol: a GAN pre-trained on the nine known digits, from the cache when a run
// with the same (dataset, holdout, preset, epochs, seed) already trained it.
#include <torch/torch.h>

#include <filesystem>

#include "config/experiment_config.h"
#include "data/dataset.h"
#include "models/discriminator.h"
#include "models/generator.h"
#include "pipeline/observer.h"

namespace xdd {

struct PretrainedGan {
  Generator generator{nullptr};
  Discriminator discriminator{nullptr};
  bool from_cache = false;
  std::filesystem::path cache_file;
  double seconds = 0.0;
  std::vector<GanStepReport> history;  // empty when loaded from the cache
};

// `train` is the full training set (the held-out digit is removed here). Writes the cache file
// atomically; an interrupted pre-training resumes from its last per-epoch checkpoint. While another
// process pre-trains the same GAN (it holds <cache file>.lock) this waits, calling
// observer.checkpoint, and then loads that process's cache file.
PretrainedGan obtain_pretrained_gan(const ExperimentConfig& config, const Dataset& train,
                                    const std::string& dataset_key, torch::Device device,
                                    const ExperimentObserver& observer);

}  // namespace xdd
