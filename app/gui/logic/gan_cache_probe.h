#pragma once
// Answers "is the GAN for these settings already pre-trained?" for the Experiment panel. The cache
// file name holds the dataset's checksum, which needs the dataset read once: that happens on a
// background thread whenever the data folder (or train limit) changes; the file check itself is a
// stat, repeated at most twice a second.
#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <string>

#include "config/experiment_config.h"

namespace xdd {

class GanCacheProbe {
 public:
  // kPartial: an interrupted pre-training left a checkpoint; the next run resumes from it.
  enum class State { kChecking, kCached, kPartial, kNotCached, kUnavailable };

  // `wake` is called from the background thread when the dataset has been read.
  explicit GanCacheProbe(std::function<void()> wake) : wake_(std::move(wake)) {}
  ~GanCacheProbe();

  void update(const ExperimentConfig& config);  // every frame; cheap
  State state() const { return state_; }
  const std::string& detail() const { return detail_; }  // file name, or why it is unknown
  const std::string& dataset_name() const { return dataset_name_; }

 private:
  struct KeyResult {
    std::string key, name, error;
  };
  void check_file(const ExperimentConfig& config);

  std::function<void()> wake_;
  std::string data_key_;  // data_dir + train_limit the key below belongs to
  std::future<KeyResult> pending_;
  std::string pending_for_;
  KeyResult key_;
  std::string last_file_inputs_;
  std::chrono::steady_clock::time_point last_check_{};
  State state_ = State::kChecking;
  std::string detail_;
  std::string dataset_name_;
};

}  // namespace xdd
