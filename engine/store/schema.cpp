#include "store/schema.h"

#include <string>
#include <vector>

#include "core/error.h"

namespace xdd::store {
namespace {

// migrations[v] takes the schema from version v to v + 1. Never edit a shipped entry: add one.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {
      // 0 -> 1: runs, per-step loss terms (long format), final metrics.
      R"sql(
      CREATE TABLE schema_version (version INTEGER NOT NULL);
      INSERT INTO schema_version VALUES (0);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        holdout INTEGER, method TEXT, beta REAL, seed INTEGER,
        dataset_name TEXT, dataset_checksum TEXT, test_images INTEGER,
        program_version TEXT, config_json TEXT NOT NULL,
        started_at TEXT NOT NULL, ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'stopped')),
        files_dir TEXT, chance_auprc REAL, compute_json TEXT, seconds_json TEXT);
      CREATE INDEX runs_by_filter ON runs (holdout, method, beta, status);
      CREATE TABLE steps (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        phase TEXT NOT NULL, step INTEGER NOT NULL, term TEXT NOT NULL, value REAL,
        PRIMARY KEY (run_id, phase, step, term)) WITHOUT ROWID;
      CREATE TABLE metrics (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('kde_before', 'kde_after', 'own_after')),
        auprc REAL, auroc REAL, fpr95 REAL,
        PRIMARY KEY (run_id, kind)) WITHOUT ROWID;
      )sql",
      // 1 -> 2: information-plane estimates, and a free-text label a user gives a run.
      R"sql(
      CREATE TABLE infoplane (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step INTEGER NOT NULL, phase TEXT NOT NULL, set_name TEXT NOT NULL,
        ixz REAL, izy REAL,
        PRIMARY KEY (run_id, phase, set_name, step)) WITHOUT ROWID;
      ALTER TABLE runs ADD COLUMN label TEXT NOT NULL DEFAULT '';
      )sql",
      // 2 -> 3: the class entanglement of the test embedding before and after re-training
      // (metrics.json "entanglement"); NULL for runs recorded before the readout existed.
      R"sql(
      ALTER TABLE runs ADD COLUMN entanglement_before REAL;
      ALTER TABLE runs ADD COLUMN entanglement_after REAL;
      )sql",
      // 3 -> 4: the nearest-neighbour limit of the KDE score (metrics.json "before_nearest",
      // "after_nearest"; SQLite cannot widen a CHECK, so the table is copied) and the class
      // entanglement at its minimising temperature (metrics.json "entanglement_min"); NULL for
      // runs recorded before.
      R"sql(
      CREATE TABLE metrics_v4 (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        kind TEXT NOT NULL
          CHECK (kind IN ('kde_before', 'kde_after', 'own_after', 'nn_before', 'nn_after')),
        auprc REAL, auroc REAL, fpr95 REAL,
        PRIMARY KEY (run_id, kind)) WITHOUT ROWID;
      INSERT INTO metrics_v4 SELECT run_id, kind, auprc, auroc, fpr95 FROM metrics;
      DROP TABLE metrics;
      ALTER TABLE metrics_v4 RENAME TO metrics;
      ALTER TABLE runs ADD COLUMN entanglement_min_before REAL;
      ALTER TABLE runs ADD COLUMN entanglement_min_after REAL;
      )sql",
  };
  return steps;
}

bool has_table(sql::Database& db, const std::string& name) {
  sql::Statement st(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  st.bind(1, name);
  return st.step();
}

}  // namespace

int read_schema_version(sql::Database& db) {
  // Reading sqlite_master is the first access to the file's pages: a foreign or corrupt file
  // fails here with SQLITE_NOTADB or SQLITE_CORRUPT, before anything is written.
  sql::Statement count(db, "SELECT count(*) FROM sqlite_master");
  count.step();
  if (count.int64(0) == 0) return 0;
  if (!has_table(db, "schema_version")) {
    throw DataError("run store " + db.file().string() +
                    ": this SQLite database was not made by XDD Studio (no schema_version table); "
                    "it was left as is");
  }
  sql::Statement version(db, "SELECT version FROM schema_version");
  if (!version.step() || version.is_null(0)) {
    throw DataError("run store " + db.file().string() + ": schema_version table is empty");
  }
  return static_cast<int>(version.int64(0));
}

void refuse_newer(const sql::Database& db, int version) {
  if (version > kSchemaVersion) {
    throw DataError("run store " + db.file().string() + " has schema version " +
                    std::to_string(version) + ", newer than this program's " +
                    std::to_string(kSchemaVersion) + "; update XDD Studio to open it (the file " +
                    "was left as is)");
  }
}

void migrate_to(sql::Database& db, int target) {
  if (target < 1 || target > kSchemaVersion) {
    throw InvalidArgument("schema version " + std::to_string(target) + " is not in 1.." +
                          std::to_string(kSchemaVersion));
  }
  sql::Transaction tx(db);
  int version = read_schema_version(db);
  refuse_newer(db, version);
  if (version >= target) return;  // nothing to do; the destructor rolls back a no-op
  for (; version < target; ++version) {
    db.exec(migrations()[static_cast<size_t>(version)]);
  }
  db.exec("UPDATE schema_version SET version = " + std::to_string(target));
  tx.commit();
}

}  // namespace xdd::store
