#pragma once
// Data export for papers and notebooks: per-image scores, embeddings, t-SNE layouts, metrics and
// whole run records. Every file is written atomically: on any failure (unwritable folder, full
// disk) an IoError names the file and the previous file, if any, is left as it was.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "store/run_artifacts.h"
#include "store/run_record.h"

namespace xdd::data_export {

// index,label,score_before,score_after (full double precision).
void write_scores_csv(const std::filesystem::path& path, const store::RunScores& scores);

// label,e0,e1,... one row per image (rows x cols floats, row-major); labels may be empty, then
// the column is left out. InvalidArgument when labels has another length than rows.
void write_embeddings_csv(const std::filesystem::path& path, const float* data, std::size_t rows,
                          std::size_t cols, const std::vector<int>& labels = {});

// x,y,label,labeled.
void write_layout_csv(const std::filesystem::path& path, const store::Layout& layout);

// {"run", "holdout", "method", "beta", "seed", "status", "chance_auprc", "entanglement", "before",
// "after", "after_own_score"} with the metrics.json key names, so the file reads like the
// pipeline's own.
void write_metrics_json(const std::filesystem::path& path, const store::RunSummary& run);

// The whole record as store::to_json gives it.
void write_run_record_json(const std::filesystem::path& path, const store::RunRecord& record);

}  // namespace xdd::data_export
