#pragma once
// The run store's schema and its migrations. The database records its own version in the table
// schema_version; each migration moves it up by one inside one transaction.
#include "store/sqlite_db.h"

namespace xdd::store {

// The version this program writes. A file with a higher version is refused, untouched.
constexpr int kSchemaVersion = 4;

// 0 for a file without tables (new), else the recorded version. DataError when the file is
// corrupt, not SQLite, or an SQLite database of another program. Reads only.
int read_schema_version(sql::Database& db);

// DataError naming the file when `version` is newer than this program's kSchemaVersion.
void refuse_newer(const sql::Database& db, int version);

// Brings the database up to `target` (<= kSchemaVersion) in one transaction. Re-reads the version
// under the write lock, so two processes opening a fresh file at once migrate it once. Tests use
// an older target to build a database as an older program would have left it.
void migrate_to(sql::Database& db, int target);
inline void migrate_to_latest(sql::Database& db) {
  migrate_to(db, kSchemaVersion);
}

}  // namespace xdd::store
