#include "logic/gan_cache_probe.h"

#include "core/error.h"
#include "models/presets.h"
#include "pipeline/experiment_data.h"
#include "training/gan_cache.h"

namespace xdd {

GanCacheProbe::~GanCacheProbe() {
  if (pending_.valid()) pending_.wait();
}

void GanCacheProbe::update(const ExperimentConfig& config) {
  const std::string data_key = config.data_dir + "|" + std::to_string(config.train_limit);
  if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    key_ = pending_.get();
    data_key_ = pending_for_;
    last_file_inputs_.clear();  // check the file now
  }
  if (data_key != data_key_ && !pending_.valid()) {
    // Read the dataset on a worker (a second or two for full MNIST) to learn its checksum.
    state_ = State::kChecking;
    detail_ = "reading the dataset to find its cache key";
    pending_for_ = data_key;
    pending_ = std::async(std::launch::async, [config, wake = wake_] {
      KeyResult r;
      try {
        ExperimentData data = load_experiment_data(config);
        r.key = data.cache_key;
        r.name = data.data.name;
      } catch (const std::exception& e) {
        r.error = e.what();
      }
      if (wake) wake();
      return r;
    });
  }
  if (data_key == data_key_) check_file(config);
}

void GanCacheProbe::check_file(const ExperimentConfig& config) {
  const std::string inputs = std::to_string(config.holdout) + setting_name(config.preset) +
                             std::to_string(config.gan_epochs) + std::to_string(config.gan_seed) +
                             config.cache_dir;
  const auto now = std::chrono::steady_clock::now();
  if (inputs == last_file_inputs_ && now - last_check_ < std::chrono::milliseconds(500)) return;
  last_file_inputs_ = inputs;
  last_check_ = now;
  dataset_name_ = key_.name;
  if (!key_.error.empty()) {
    state_ = State::kUnavailable;
    detail_ = key_.error;
    return;
  }
  try {
    const int epochs =
        config.gan_epochs > 0 ? config.gan_epochs : preset_for(config.preset).gan_epochs;
    const std::filesystem::path file =
        gan_cache_path(resolved_cache_dir(config), key_.key, config.holdout,
                       setting_name(config.preset), epochs, config.gan_seed);
    std::filesystem::path partial = file;
    partial += ".partial";  // the name obtain_pretrained_gan gives its per-epoch checkpoint
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
      state_ = State::kCached;
      detail_ = file.string();
    } else if (std::filesystem::exists(partial, ec)) {
      state_ = State::kPartial;
      detail_ = partial.string();
    } else {
      state_ = State::kNotCached;
      detail_ = file.string();
    }
  } catch (const Error& e) {
    state_ = State::kUnavailable;
    detail_ = e.what();
  }
}

}  // namespace xdd
