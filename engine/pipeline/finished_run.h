#pragma once
// A finished run kept the one way the CLI (`xdd run`) and the app (session/run_recorder.h) both
// keep it: its folder (metrics.json, losses.csv, scores.csv, infoplane.csv, config.json, and the
// t-SNE layouts of the test embedding before and after re-training), then its record in the run
// store.
#include <cstdint>
#include <filesystem>
#include <functional>

#include "pipeline/experiment.h"
#include "pipeline/observer.h"

namespace xdd {

// The pipeline's outcome and the test embeddings before and after re-training, for the layouts.
struct FinishedRun {
  RunOutcome outcome;
  EmbeddingUpdate before, after;

  // Keeps `update` if it is the embedding before or after re-training (an observer's
  // on_embedding passes every update here).
  void keep_embedding(const EmbeddingUpdate& update);
};

struct RunFolderOptions {
  bool layouts = true;  // write the two layouts; false removes stale ones a re-run left behind
  int threads = 1;      // t-SNE threads for the layouts
  // Called every few t-SNE iterations of the layouts; it may block (the app's recorder waits there
  // while a run trains).
  std::function<void()> pause_point{};
};

struct RunFolderLayouts {
  double kl_before = 0.0, kl_after = 0.0;  // KL(P || Q) of each layout; 0 when not written
  bool written = false;
};

// Writes the run's files into `dir` (created; files replaced atomically). Throws on any fault.
RunFolderLayouts write_run_folder(const FinishedRun& run, const std::filesystem::path& dir,
                                  const RunFolderOptions& options);

// Records the folder in the run store at `store_file`, replacing a record of the same folder (a
// re-run into it overwrote its files). Returns the store id. Throws on any fault.
std::int64_t record_run_folder(const std::filesystem::path& store_file,
                               const std::filesystem::path& dir);

}  // namespace xdd
