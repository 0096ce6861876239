#pragma once
// The experiment's settings as CLI flags, shared by `run`, `pretrain` and (later) `sweep`.
// Precedence: defaults < --config FILE < flags given on the command line.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>

#include "config/experiment_config.h"

namespace xdd::cli {

class ExperimentFlags {
 public:
  // Adds the flags to `cmd`. `pretrain_only` leaves out the re-training and scoring flags.
  ExperimentFlags(CLI::App* cmd, bool pretrain_only = false);

  // The config after parsing (reads --config if given). Validated: InvalidArgument on a bad value.
  ExperimentConfig config() const;

 private:
  template <typename T>
  void add(CLI::App* cmd, const std::string& flag, const std::string& key,
           T ExperimentConfig::*member, const std::string& help);

  std::shared_ptr<ExperimentConfig> values_ = std::make_shared<ExperimentConfig>();
  // The text of each choice-valued flag (config/run_settings.h), parsed in config().
  std::shared_ptr<std::map<std::string, std::string>> choice_texts_ =
      std::make_shared<std::map<std::string, std::string>>();
  std::map<std::string, CLI::Option*> options_;  // config key -> its flag
  std::string config_file_;
};

}  // namespace xdd::cli
