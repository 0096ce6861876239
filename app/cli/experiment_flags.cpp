#include "cli/experiment_flags.h"

namespace xdd::cli {

template <typename T>
void ExperimentFlags::add(CLI::App* cmd, const std::string& flag, const std::string& key,
                          T ExperimentConfig::*member, const std::string& help) {
  CLI::Option* option;
  if constexpr (std::is_enum_v<T>) {
    // A choice is read as text and parsed with the config file's keys (config_from_json), so a
    // flag and a file refuse a wrong name with the same message.
    std::string& text = (*choice_texts_)[key];
    text = setting_name((*values_).*member);
    option = cmd->add_option(flag, text, help);
  } else {
    option = cmd->add_option(flag, (*values_).*member, help);
  }
  // The last occurrence wins, so a wrapper script can append flags to override its defaults.
  options_[key] =
      option->capture_default_str()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

ExperimentFlags::ExperimentFlags(CLI::App* cmd, bool pretrain_only) {
  cmd->add_option("--config", config_file_, "JSON file of settings (flags given here override it)");
  add(cmd, "--data", "data_dir", &ExperimentConfig::data_dir,
      "Folder with the four IDX files (raw or .gz)");
  add(cmd, "--holdout", "holdout", &ExperimentConfig::holdout, "Digit held out as anomalous (0-9)");
  add(cmd, "--preset", "preset", &ExperimentConfig::preset, "GAN preset: paper, fast or tiny");
  add(cmd, "--epochs", "gan_epochs", &ExperimentConfig::gan_epochs,
      "GAN epochs (0 = the preset's)");
  add(cmd, "--gan-seed", "gan_seed", &ExperimentConfig::gan_seed, "Seed of GAN pre-training");
  add(cmd, "--train-limit", "train_limit", &ExperimentConfig::train_limit,
      "Use only the first N training images (0 = all)");
  add(cmd, "--threads", "threads", &ExperimentConfig::threads, "LibTorch threads (0 = all cores)");
  add(cmd, "--device", "device", &ExperimentConfig::device, "auto, cpu or cuda");
  add(cmd, "--cache", "cache_dir", &ExperimentConfig::cache_dir,
      "Folder of cached pre-trained GANs (default ~/.cache/xdd-studio)");
  add(cmd, "--inject-fault", "inject_fault", &ExperimentConfig::inject_fault,
      "Reliability tests: a NaN/Inf in one step, PHASE:STEP:TARGET:VALUE, e.g. retrain:5:loss:nan");
  if (pretrain_only) return;
  add(cmd, "--seed", "seed", &ExperimentConfig::seed,
      "Repetition seed: labeled draw and re-training");
  add(cmd, "--labeled", "labeled_per_class", &ExperimentConfig::labeled_per_class,
      "Labeled examples per known digit");
  add(cmd, "--test-limit", "test_limit", &ExperimentConfig::test_limit,
      "Use only the first N test images (0 = all)");
  add(cmd, "--method", "method", &ExperimentConfig::method,
      "Loss: xdd, softmax, mcdd, isomax, isomax_plus, snn, svdd, or the control bn_only");
  add(cmd, "--beta", "beta", &ExperimentConfig::beta, "XDD's beta (>= 0)");
  add(cmd, "--estimator", "estimator", &ExperimentConfig::estimator,
      "Compression estimator: paper or kde");
  add(cmd, "--pairs", "pairs", &ExperimentConfig::pairs,
      "Pairs of the paper estimator: inter or all");
  add(cmd, "--relevance", "relevance", &ExperimentConfig::relevance,
      "Class model: batch (leave-one-out), in_sample (first version) or learned");
  add(cmd, "--scale", "scale", &ExperimentConfig::scale,
      "XDD scale fix: normalized (degree 0 in z) or detached (first version)");
  add(cmd, "--bn", "bn", &ExperimentConfig::bn, "BatchNorm while re-training: train or frozen");
  add(cmd, "--layers", "layers", &ExperimentConfig::layers,
      "Blocks of f trained: all, last1, last2, last3");
  add(cmd, "--steps", "retrain_steps", &ExperimentConfig::retrain_steps, "Re-training steps");
  add(cmd, "--lr", "retrain_lr", &ExperimentConfig::retrain_lr, "Re-training learning rate");
  add(cmd, "--optimizer", "optimizer", &ExperimentConfig::optimizer, "adam or sgd");
  add(cmd, "--info-plane-every", "info_plane_every", &ExperimentConfig::info_plane_every,
      "Information-plane point every k re-training steps, thinning after 10 (0 = off)");
  add(cmd, "--bandwidth", "bandwidth", &ExperimentConfig::bandwidth,
      "KDE bandwidth (0 = median pairwise distance of the labeled embeddings)");
}

ExperimentConfig ExperimentFlags::config() const {
  ExperimentConfig base;
  if (!config_file_.empty()) base = load_config_file(config_file_, base);
  const nlohmann::json flag_values = to_json(*values_);
  nlohmann::json given = nlohmann::json::object();
  for (const auto& [key, option] : options_) {
    if (option->count() == 0) continue;
    const auto choice = choice_texts_->find(key);
    given[key] =
        choice != choice_texts_->end() ? nlohmann::json(choice->second) : flag_values.at(key);
  }
  ExperimentConfig config = config_from_json(given, base);
  validate(config);
  return config;
}

}  // namespace xdd::cli
