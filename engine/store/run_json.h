#pragma once
// Run records as JSON: what `runs show --json`, the record export and the app's session files use.
#include <nlohmann/json.hpp>

#include "store/run_record.h"

namespace xdd::store {

// id, status, holdout, method, beta, seed, dataset {name, checksum, test_images}, version,
// started_at, ended_at, files_dir, label, chance_auprc, metrics {kind: {auprc, auroc, fpr95}}.
// Unknown numbers (NaN, absent) are null.
nlohmann::json to_json(const RunSummary& summary);

// The summary plus config, compute, seconds, losses {phase: {"step": [...], term: [...]}} (one
// array per term, aligned with "step", null where a term has no value at a step) and infoplane
// [{step, phase, set, ixz, izy}].
nlohmann::json to_json(const RunRecord& record);

}  // namespace xdd::store
