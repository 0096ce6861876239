#include "pipeline/experiment_data.h"

#include "data/split.h"

namespace xdd {

ExperimentData load_experiment_data(const ExperimentConfig& config) {
  ExperimentData out{load_dataset(config.data_dir), {}};
  out.cache_key = out.data.checksum;
  if (config.train_limit > 0) {
    out.data.train = head(out.data.train, config.train_limit);
    out.cache_key += "-train" + std::to_string(config.train_limit);
  }
  if (config.test_limit > 0) out.data.test = head(out.data.test, config.test_limit);
  return out;
}

}  // namespace xdd
