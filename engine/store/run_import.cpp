// Importing a finished run folder (or the same data from memory) as one transaction.
#include "core/error.h"
#include "store/run_folder.h"
#include "store/run_rows.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "store/timestamps.h"

namespace xdd::store {

namespace {

// The row writers name the value that is wrong but not the folder it came from.
template <typename E>
[[noreturn]] void rethrow_naming(const E& e, const std::filesystem::path& dir) {
  const std::string message = e.what();
  if (message.find(dir.string()) != std::string::npos) throw e;
  throw E("run folder " + dir.string() + ": " + message);
}

}  // namespace

std::int64_t RunStore::import_run_folder(const std::filesystem::path& dir) {
  const RunFolderData data = read_run_folder(dir);
  try {
    return import_run(data);
  } catch (const DataError& e) {
    rethrow_naming(e, dir);
  } catch (const InvalidArgument& e) {
    rethrow_naming(e, dir);
  }
}

std::int64_t RunStore::import_run(const RunFolderData& data) {
  if (!data.metrics.is_object()) {
    throw InvalidArgument("import: the run's metrics must be a JSON object (metrics.json)");
  }
  RunStart start = run_start_of(data);
  if (start.started_at.empty()) start.started_at = now_iso_utc();
  sql::Transaction tx(*db_);
  if (!data.dir.empty()) {
    if (auto existing = find_by_folder(data.dir)) {
      throw InvalidArgument("run folder " + data.dir.string() + " is already in the store as run " +
                            std::to_string(*existing) + "; delete that run to import it again");
    }
  }
  const std::int64_t id = insert_run_row(*db_, config_of(data.metrics), start, RunStatus::running);
  insert_steps(*db_, id, data.steps);
  insert_infoplane(*db_, id, data.infoplane);
  write_final(*db_, id, data.metrics, RunStatus::done,
              data.ended_at.empty() ? now_iso_utc() : data.ended_at);
  tx.commit();
  return id;
}

}  // namespace xdd::store
