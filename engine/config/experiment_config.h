#pragma once
// Every setting of one experiment (SPEC §2-4), with validation and a JSON form shared by the CLI's
// flags and config files, the app's panels and the run store.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

#include "config/run_settings.h"

namespace xdd {

struct ExperimentConfig {
  // Data.
  std::string data_dir = XDD_DEFAULT_DATA_DIR;
  int64_t train_limit =
      0;  // use only the first N training images (0 = all); for tests and quick demos
  int64_t test_limit = 0;  // likewise for the test set

  // Protocol (SPEC §2).
  int holdout = 8;             // the digit held out as anomalous
  uint64_t seed = 0;           // repetition seed r: labeled draw and re-training
  int labeled_per_class = 10;  // n

  // Pre-training (SPEC §3).
  GanPreset preset = GanPreset::kFast;
  int gan_epochs = 0;     // 0 = the preset's default
  uint64_t gan_seed = 0;  // separate from `seed` so repetitions share one pre-trained GAN

  // Re-training (SPEC §4-5).
  Method method = Method::kXdd;
  double beta = 1.0;
  // XDD's estimators (config/run_settings.h says what each choice is).
  Estimator estimator = Estimator::kPaper;
  Pairs pairs = Pairs::kInter;  // SPEC §4: all pairs is a constant at a fixed scale
  Relevance relevance = Relevance::kBatch;
  Scale scale = Scale::kNormalized;
  BatchNormMode bn = BatchNormMode::kTrain;
  TrainedLayers layers = TrainedLayers::kAll;
  int retrain_steps = 200;
  double retrain_lr = 1e-3;
  Optimizer optimizer = Optimizer::kAdam;

  // Information plane (infoplane.csv): a point every k re-training steps for the first 10 points,
  // then thinning (pipeline/info_plane_tracker.h: info_plane_due); 0 = off.
  int info_plane_every = 1;

  // Scoring: KDE bandwidth; 0 = the median pairwise distance of the labeled embeddings.
  double bandwidth = 0.0;

  // Reliability tests: a deliberate NaN/Inf in one training step (config/fault_injection.h), e.g.
  // "retrain:5:loss:nan"; "" = none.
  std::string inject_fault;

  // Compute.
  int threads = 0;  // LibTorch intra-op threads, 0 = all cores
  DeviceChoice device = DeviceChoice::kAuto;
  std::string
      cache_dir;  // pre-trained GANs; "" = $XDG_CACHE_HOME/xdd-studio or ~/.cache/xdd-studio
};

// Throws InvalidArgument naming the first setting outside its valid range, and the range.
void validate(const ExperimentConfig& config);

nlohmann::json to_json(const ExperimentConfig& config);

// Overlays the keys present in `json` on `base`; unknown keys and wrong types are InvalidArgument.
ExperimentConfig config_from_json(const nlohmann::json& json, ExperimentConfig base = {});

// A run's stored config as the current version reads it. Configs written before the XDD estimators
// were replaced have no "scale" key: they ran scale `detached`, and their relevance `batch` was
// what is now called `in_sample`. Other JSON is returned unchanged.
nlohmann::json with_current_meaning(const nlohmann::json& stored);

// Reads a JSON config file (DataError/IoError naming the file on a fault) and overlays it on
// `base`.
ExperimentConfig load_config_file(const std::filesystem::path& file, ExperimentConfig base = {});

// The cache folder in force for `config` (resolves the default).
std::filesystem::path resolved_cache_dir(const ExperimentConfig& config);

}  // namespace xdd
