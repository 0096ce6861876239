#pragma once
// Plain data of one stored run, as the run store returns it and the CLI and app show it.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/info_plane_point.h"

namespace xdd::store {

enum class RunStatus { running, done, failed, stopped };

std::string to_string(RunStatus status);
// InvalidArgument naming the valid values for anything but running|done|failed|stopped.
RunStatus parse_run_status(const std::string& text);

// Score kinds of the final metrics: the KDE score after pre-training and after re-training, the
// method's own score after re-training, and the KDE score's nearest-neighbour limit before and
// after (runs recorded since schema 4).
inline const char* const kMetricKinds[] = {"kde_before", "kde_after", "own_after", "nn_before",
                                           "nn_after"};

// NaN where a value is unknown (for example AUROC of a run that stopped before scoring).
struct Metrics {
  double auprc = 0, auroc = 0, fpr95 = 0;
};

// One loss term at one step. phase: "retrain" (the method's loss) or "pretrain" (the GAN).
struct LossStep {
  std::string phase = "retrain";
  std::int64_t step = 0;
  std::string term;
  double value = 0;
};

// What the store lists: the columns that identify and compare runs.
struct RunSummary {
  std::int64_t id = 0;
  RunStatus status = RunStatus::running;
  std::optional<int> holdout;
  std::string method;
  std::optional<double> beta;
  std::optional<std::int64_t> seed;
  std::string dataset_name, dataset_checksum;
  std::optional<std::int64_t> test_images;
  std::string program_version;
  std::string started_at, ended_at;  // ISO 8601 UTC; ended_at empty while running
  std::string files_dir;             // the folder with scores, layouts, checkpoints; may be empty
  std::string label;                 // free text a user gives the run
  std::optional<double> chance_auprc;
  // The soft nearest neighbour loss of 1,000 test embeddings with their labels (about log 10 when
  // unrelated) at T = their median squared distance, and at the T that minimises it; empty for
  // runs that stopped before scoring or predate the readout.
  std::optional<double> entanglement_before, entanglement_after;
  std::optional<double> entanglement_min_before, entanglement_min_after;
  std::map<std::string, Metrics> metrics;  // by kind (kMetricKinds)
};

// The whole record: the summary, every setting, and the per-step series.
struct RunRecord {
  RunSummary summary;
  nlohmann::json config = nlohmann::json::object();   // every experiment setting
  nlohmann::json compute = nlohmann::json::object();  // threads, device
  nlohmann::json seconds = nlohmann::json::object();  // pretrain, retrain, total
  std::vector<LossStep> steps;                        // ordered by phase, step, term
  std::vector<InfoPlanePoint> infoplane;              // ordered by phase, set, step
};

// list() filter; an empty field matches every run.
struct RunFilter {
  std::optional<int> holdout;
  std::optional<std::string> method;
  std::optional<double> beta;  // matched within 1e-9 relative, so 0.1 finds 0.1
  std::optional<RunStatus> status;
};

// What begin_run records besides the config (the config's holdout, method, beta and seed fill the
// summary columns). Empty fields are left NULL/empty.
struct RunStart {
  std::string dataset_name, dataset_checksum;
  std::optional<std::int64_t> test_images;
  std::string program_version;  // empty: this program's XDD_VERSION
  std::string files_dir;
  std::string started_at;  // empty: now
  std::string label;
};

}  // namespace xdd::store
