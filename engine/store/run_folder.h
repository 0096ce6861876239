#pragma once
// A run's output folder as the run pipeline writes it: metrics.json (settings and final metrics),
// losses.csv (step,<term>,...), and optionally gan_losses.csv and infoplane.csv. The store imports
// it; the app can fill a RunFolderData from memory and import that instead.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/run_record.h"

namespace xdd::store {

struct RunFolderData {
  std::filesystem::path dir;              // becomes the run's files_dir; may be empty
  nlohmann::json metrics;                 // metrics.json: holdout, method, ..., config
  std::vector<LossStep> steps;            // losses.csv (retrain) and gan_losses.csv (pretrain)
  std::vector<InfoPlanePoint> infoplane;  // infoplane.csv
  std::string ended_at;                   // ISO UTC; empty: now
};

// Reads the folder. IoError if it or metrics.json cannot be read; DataError naming the file for
// malformed content. losses.csv, gan_losses.csv and infoplane.csv are optional.
RunFolderData read_run_folder(const std::filesystem::path& dir);

// The settings object of a metrics.json: its "config", with holdout, method, beta and seed taken
// from the top level where the config lacks them.
nlohmann::json config_of(const nlohmann::json& metrics);

// What begin_run would be given for this folder: dataset, version, files_dir, start time
// (ended_at minus seconds.total when known).
RunStart run_start_of(const RunFolderData& data);

}  // namespace xdd::store
