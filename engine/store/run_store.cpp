// Opening the store and its write operations; the queries are in run_queries.cpp and the folder
// import in run_import.cpp.
#include "store/run_store.h"

#include <cstdlib>

#include "core/atomic_file.h"
#include "core/error.h"
#include "store/run_rows.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "store/timestamps.h"

namespace xdd::store {
namespace fs = std::filesystem;

fs::path default_store_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg) return fs::path(xdg) / "xdd-studio" / "runs.db";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".local" / "share" / "xdd-studio" / "runs.db";
  return fs::path("runs.db");
}

RunStore::RunStore(const fs::path& db_file) {
  if (fs::is_directory(db_file)) {
    throw IoError("run store " + db_file.string() + " is a folder; name a database file");
  }
  ensure_directory(db_file.parent_path());
  db_ = std::make_unique<sql::Database>(db_file);
  // A writer holds the lock for milliseconds; waiting beats failing.
  sqlite3_busy_timeout(db_->handle(), 10000);
  // Check what the file is before anything that writes: journal_mode=WAL rewrites the header, and
  // a newer or foreign database must be left byte for byte as it was.
  const int version = read_schema_version(*db_);
  refuse_newer(*db_, version);
  const std::string mode = db_->query_text("PRAGMA journal_mode=WAL");
  if (mode != "wal") {
    throw IoError("run store " + db_file.string() + ": cannot switch to WAL mode (got '" + mode +
                  "'); is the folder on a network file system?");
  }
  // WAL + NORMAL: a killed process never loses a committed transaction; a power cut may lose the
  // last few, never consistency.
  db_->exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON");
  if (version < kSchemaVersion) migrate_to_latest(*db_);
}

RunStore::~RunStore() = default;

const fs::path& RunStore::file() const {
  return db_->file();
}

int RunStore::schema_version() const {
  return read_schema_version(*db_);
}

std::int64_t RunStore::begin_run(const nlohmann::json& config, const RunStart& start) {
  sql::Transaction tx(*db_);
  const std::int64_t id = insert_run_row(*db_, config, start, RunStatus::running);
  tx.commit();
  return id;
}

namespace {
void require_running(sql::Database& db, std::int64_t id) {
  const RunStatus status = status_of(db, id);
  if (status != RunStatus::running) {
    throw InvalidArgument("run " + std::to_string(id) + " is " + to_string(status) +
                          "; only a running run takes new steps or a final status");
  }
}
}  // namespace

void RunStore::append_steps(std::int64_t id, const std::vector<LossStep>& rows) {
  sql::Transaction tx(*db_);
  require_running(*db_, id);
  insert_steps(*db_, id, rows);
  tx.commit();
}

void RunStore::append_infoplane(std::int64_t id, const std::vector<InfoPlanePoint>& points) {
  sql::Transaction tx(*db_);
  require_running(*db_, id);
  insert_infoplane(*db_, id, points);
  tx.commit();
}

void RunStore::finish_run(std::int64_t id, const nlohmann::json& metrics, RunStatus status) {
  if (status == RunStatus::running) {
    throw InvalidArgument("finish_run: the final status must be done, failed or stopped");
  }
  sql::Transaction tx(*db_);
  require_running(*db_, id);
  write_final(*db_, id, metrics, status, now_iso_utc());
  tx.commit();
}

void RunStore::set_label(std::int64_t id, const std::string& label) {
  sql::Transaction tx(*db_);
  status_of(*db_, id);  // InvalidArgument for an unknown id
  sql::Statement st(*db_, "UPDATE runs SET label = ? WHERE id = ?");
  st.bind(1, label).bind(2, id).run();
  tx.commit();
}

bool RunStore::contains(std::int64_t id) const {
  sql::Statement st(*db_, "SELECT 1 FROM runs WHERE id = ?");
  st.bind(1, id);
  return st.step();
}

void RunStore::remove(std::int64_t id) {
  sql::Transaction tx(*db_);
  status_of(*db_, id);
  sql::Statement st(*db_, "DELETE FROM runs WHERE id = ?");  // cascades to steps, metrics, ...
  st.bind(1, id).run();
  tx.commit();
}

}  // namespace xdd::store
