#pragma once
// The row-level writes the run store is made of. Each runs inside a transaction its caller owns,
// so begin_run, import_run and the rest compose them into one atomic write.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/run_record.h"
#include "store/sqlite_db.h"

namespace xdd::store {

std::int64_t insert_run_row(sql::Database& db, const nlohmann::json& config, const RunStart& start,
                            RunStatus status);
void insert_steps(sql::Database& db, std::int64_t id, const std::vector<LossStep>& rows);
void insert_infoplane(sql::Database& db, std::int64_t id,
                      const std::vector<InfoPlanePoint>& points);
// Final metrics (metrics.json shape), chance level, seconds, compute, status and end time.
void write_final(sql::Database& db, std::int64_t id, const nlohmann::json& metrics,
                 RunStatus status, const std::string& ended_at);
// The run's status; InvalidArgument naming the id when there is no such run.
RunStatus status_of(sql::Database& db, std::int64_t id);

// {"before": {...}, "after": {...}, "after_own_score": {...}} -> metrics by kind. DataError naming
// `source` for a value that is neither a number nor null.
std::map<std::string, Metrics> metrics_from_json(const nlohmann::json& metrics,
                                                 const std::string& source);

}  // namespace xdd::store
