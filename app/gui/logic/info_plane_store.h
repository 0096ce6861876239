#pragma once
// Information-plane paths of finished runs kept in the run store (the database `xdd runs` lists:
// store::default_store_path(), or the app's --store), so the panel can compare the current run with
// earlier runs of the same held-out digit and data. SQLite is read on a worker thread, once per
// setting.
#include <cstdint>
#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "config/experiment_config.h"
#include "pipeline/info_plane_point.h"

namespace xdd {

struct StoredPlaneRun {
  int64_t id = 0;
  std::string method;
  double beta = 0.0;
  std::optional<int64_t> test_images;
  std::vector<InfoPlanePoint> points;  // both sets
};

class StoredPlaneRuns {
 public:
  explicit StoredPlaneRuns(std::filesystem::path store_file) : store_file_(std::move(store_file)) {}
  ~StoredPlaneRuns();
  StoredPlaneRuns(const StoredPlaneRuns&) = delete;
  StoredPlaneRuns& operator=(const StoredPlaneRuns&) = delete;

  // Loads (in the background) the latest stored run per method and beta with `config`'s holdout,
  // data folder and labeled count, unless that setting is already loaded or loading. Returns
  // true when a finished load has just been taken over (the caller's picture is then stale).
  bool update(const ExperimentConfig& config);
  // Another store (a session was loaded): the next update() loads from it.
  void set_store(const std::filesystem::path& store_file);

  const std::vector<StoredPlaneRun>& runs() const { return runs_; }
  const std::filesystem::path& store_file() const { return store_file_; }
  const std::string& error() const { return error_; }  // why the last load failed; "" if it did not
  bool loading() const { return pending_.valid(); }

 private:
  struct Key {
    int holdout = 0;
    std::string data_dir;
    int labeled_per_class = 0;
    bool operator==(const Key& o) const {
      return holdout == o.holdout && data_dir == o.data_dir &&
             labeled_per_class == o.labeled_per_class;
    }
  };
  struct Result {
    std::vector<StoredPlaneRun> runs;
    std::string error;
  };
  static Result load(const std::filesystem::path& store_file, const Key& key);

  std::filesystem::path store_file_;
  std::optional<Key> key_;
  std::future<Result> pending_;
  std::vector<StoredPlaneRun> runs_;
  std::string error_;
};

}  // namespace xdd
