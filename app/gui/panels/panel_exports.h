#pragma once
// The Export dialog's choices for each panel, each holding a copy of what the panel shows (the
// live session's data, or the stored runs shown), so the file is written on a worker while the
// panels move on. Figures go through the engine's Cairo code (engine/figures), data through its
// CSV writers; every file is written atomically.
#include <string>
#include <vector>

#include "logic/export_options.h"
#include "logic/stored_run.h"
#include "panels/compare_panel.h"
#include "panels/embedding_panel.h"
#include "session/snapshot.h"
#include "widgets/info_plane_data.h"

namespace xdd {

// `run_name` names what is shown: "#12 xdd β=1 h=8" for a stored run, "" for the live session.
std::vector<ExportChoice> loss_choices(const Snapshot& s, const std::string& run_name, bool log_y);
std::vector<ExportChoice> infoplane_choices(const PlaneData& data, PlaneSet set,
                                            const std::string& run_name);
std::vector<ExportChoice> figure1_choices(const Snapshot& s, const ExperimentConfig& like,
                                          const std::string& run_name);
// The live session's scatter: the layout after pre-training and the current one, the layout as
// shown, and the scores once the run has finished.
std::vector<ExportChoice> live_embedding_choices(const gui::EmbeddingPanel& panel,
                                                 const LiveTsneFeed& live_tsne,
                                                 const Snapshot& live);
// A stored run's layouts and scores (`stage`: the layout shown).
std::vector<ExportChoice> stored_embedding_choices(const gui::StoredRun& run, EmbeddingStage stage);
// The compared runs: their loss curves of the chosen term, their Figure 1 bars, their paths.
std::vector<ExportChoice> compare_choices(const ComparePanel& panel);

}  // namespace xdd
