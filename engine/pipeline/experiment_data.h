#pragma once
// The data of an experiment: the dataset in config.data_dir, cut to the configured limits, and the
// key under which GANs pre-trained on it are cached (the file checksum, plus the limit when one
// applies).
#include <string>

#include "config/experiment_config.h"
#include "data/dataset.h"

namespace xdd {

struct ExperimentData {
  LoadedData data;
  std::string cache_key;
};

ExperimentData load_experiment_data(const ExperimentConfig& config);

}  // namespace xdd
