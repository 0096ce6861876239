#include "pipeline/finished_run.h"

#include "pipeline/run_outputs.h"
#include "store/run_store.h"

namespace xdd {

namespace fs = std::filesystem;

void FinishedRun::keep_embedding(const EmbeddingUpdate& update) {
  if (update.stage == EmbeddingStage::kBefore) before = update;
  if (update.stage == EmbeddingStage::kAfter) after = update;
}

RunFolderLayouts write_run_folder(const FinishedRun& run, const fs::path& dir,
                                  const RunFolderOptions& options) {
  write_run_outputs(run.outcome, dir);
  RunFolderLayouts layouts;
  if (options.layouts && run.before.z_test.defined() && run.after.z_test.defined()) {
    layouts.kl_before = write_run_layout(run.before, dir / "layout_before.csv", options.threads,
                                         options.pause_point);
    layouts.kl_after =
        write_run_layout(run.after, dir / "layout_after.csv", options.threads, options.pause_point);
    layouts.written = true;
  } else {
    // A previous run into this folder may have left layouts that no longer match its scores.
    for (const char* stale : {"layout_before.csv", "layout_after.csv"}) fs::remove(dir / stale);
  }
  return layouts;
}

std::int64_t record_run_folder(const fs::path& store_file, const fs::path& dir) {
  store::RunStore store(store_file);
  if (auto old = store.find_by_folder(dir)) store.remove(*old);
  return store.import_run_folder(dir);
}

}  // namespace xdd
