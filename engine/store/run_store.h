#pragma once
// The run store: every experiment a user ran, kept in one SQLite file (WAL mode) so runs can be
// listed, compared, reloaded and exported long after the program that made them has exited.
//
// One RunStore is one connection and belongs to one thread; another thread or process opens its
// own RunStore on the same file. Readers never block the writer (WAL), and writers wait for each
// other up to a busy timeout. Every write is one transaction: a kill at any moment leaves the
// previous committed state.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "store/run_record.h"

namespace xdd::sql {
class Database;
}

namespace xdd::store {

struct RunFolderData;

// $XDG_DATA_HOME/xdd-studio/runs.db, else ~/.local/share/xdd-studio/runs.db (./runs.db without
// HOME).
std::filesystem::path default_store_path();

class RunStore {
 public:
  // Opens `db_file`, creating it and its folder if missing, and migrates an older schema.
  // DataError naming the file for a corrupt file, a foreign database or a newer schema (the file
  // is not modified); IoError when it cannot be opened or created.
  explicit RunStore(const std::filesystem::path& db_file);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  const std::filesystem::path& file() const;
  int schema_version() const;

  // Records a new run with status running. `config` is the whole settings object (it must be a
  // JSON object); its holdout, method, beta and seed fill the summary columns.
  std::int64_t begin_run(const nlohmann::json& config, const RunStart& start = {});
  // Appends loss terms (all rows, or none, in one transaction). InvalidArgument if the run does
  // not exist or is no longer running, or a (phase, step, term) is already stored.
  void append_steps(std::int64_t id, const std::vector<LossStep>& rows);
  void append_infoplane(std::int64_t id, const std::vector<InfoPlanePoint>& points);
  // Stores the final metrics and status and the end time in one transaction. `metrics` has the
  // shape of metrics.json: optional "before", "after", "after_own_score" objects ({auprc, auroc,
  // fpr95}), and optional "chance_auprc", "seconds", "compute". status must not be running.
  void finish_run(std::int64_t id, const nlohmann::json& metrics, RunStatus status);
  void set_label(std::int64_t id, const std::string& label);

  // Imports a finished run written by the pipeline into `dir` (metrics.json, losses.csv, ...)
  // as one transaction; status done, files_dir = the folder's absolute path. DataError for a
  // malformed file, InvalidArgument if this folder is already in the store.
  std::int64_t import_run_folder(const std::filesystem::path& dir);
  // The same from data already in memory.
  std::int64_t import_run(const RunFolderData& data);
  // The run recorded with this files folder (absolute, normalised), if any.
  std::optional<std::int64_t> find_by_folder(const std::filesystem::path& dir) const;

  // Runs matching `filter`, newest first, with their final metrics.
  std::vector<RunSummary> list(const RunFilter& filter = {}) const;
  // The whole record; InvalidArgument naming the id if there is no such run.
  RunRecord get(std::int64_t id) const;
  bool contains(std::int64_t id) const;
  // Deletes the run and its steps, metrics and info-plane points (not its files folder).
  void remove(std::int64_t id);

 private:
  std::unique_ptr<sql::Database> db_;
};

}  // namespace xdd::store
