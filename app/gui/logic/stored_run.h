#pragma once
// A run from the run store, reloaded into the app: its record (settings, loss terms, metrics,
// information plane) and the per-image files of its folder (scores.csv, the t-SNE layouts), turned
// into what the panels draw: a finished Snapshot for the Loss terms, Information plane and AUPRC
// panels, and a fixed TsneLayout for the Embedding panel. Loading reads SQLite and CSV files: do
// it on a worker thread (RunsPanel does).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session/live_tsne.h"
#include "session/snapshot.h"
#include "store/run_artifacts.h"
#include "store/run_record.h"
#include "store/run_store.h"

namespace xdd::gui {

struct StoredRun {
  store::RunRecord record;
  std::optional<store::RunScores> scores;      // scores.csv
  std::optional<store::Layout> before, after;  // layout_before.csv, layout_after.csv
  // Why files are missing or were not read ("" when all three were): the record is still shown.
  std::string files_note;
  // Settings of the record that this program does not know (an older or newer version's keys).
  std::vector<std::string> ignored_settings;
};

// The record and its files. InvalidArgument if the store has no run `id`; a missing or bad file is
// noted in files_note, not thrown.
StoredRun load_stored_run(const store::RunStore& store, std::int64_t id);

// Opens a run store that must exist already (reading never creates one): IoError naming the file
// when it does not, and what RunStore throws for a damaged or newer one.
std::unique_ptr<store::RunStore> open_existing_store(const std::filesystem::path& file);

// The run's settings: every key of the record's config this program knows, over the defaults.
// Keys it does not know (or with a value of the wrong type) are named in `ignored`.
ExperimentConfig config_of(const store::RunRecord& record, std::vector<std::string>* ignored);

// A finished snapshot of the run: its settings, per-step loss terms (re-training, and the GAN's
// d_loss and g_loss), KDE metrics before and after (and the method's own score), chance AUPRC,
// information-plane path, the test labels and scores after re-training as the embedding (no
// vectors), and the run itself as the one finished run.
Snapshot snapshot_of(const StoredRun& run);

// The stored layout of `stage` (before, or after for any other) as the Embedding panel draws it:
// the test points first (with their digits and that stage's scores), then the labeled examples.
// Null when the run has no such layout. Layouts share `generation`, so switching stages animates.
std::shared_ptr<const TsneLayout> layout_of(const StoredRun& run, EmbeddingStage stage,
                                            std::uint64_t generation);

// "#12 xdd β=1 h=8" (figures::run_display_name).
std::string display_name(const StoredRun& run);

}  // namespace xdd::gui
