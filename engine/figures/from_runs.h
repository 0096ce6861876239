#pragma once
// Figure inputs from stored runs, for the CLI's `figure` command and the app's Runs panel. The
// figures themselves take plain data, so the app can equally draw what it holds in memory.
#include <filesystem>
#include <string>
#include <vector>

#include "figures/figure1.h"
#include "figures/infoplane_figure.h"
#include "figures/loss_figure.h"
#include "figures/tsne_figure.h"
#include "store/run_record.h"

namespace xdd::figures {

// "#12 xdd β=0.5 h=8" (fields the run lacks are left out).
std::string run_display_name(const store::RunSummary& run);

// Figure 1 from finished runs with a holdout: the digits present, in order; series "after
// pre-training" (KDE AUPRC before re-training, each distinct pre-trained result counted once, since
// runs of several methods share it), then "after <method>" per method (XDD first; with the beta
// added when a method has several), then the chance level per digit. InvalidArgument if no run
// qualifies.
Figure1Data figure1_from_runs(const std::vector<store::RunSummary>& runs);

// One run's t-SNE layouts from its files folder (layout_before.csv, layout_after.csv, labels from
// scores.csv), the held-out digit highlighted. IoError/DataError naming the missing or bad file.
TsneFigureData tsne_from_run(const store::RunSummary& run);

// Loss curves of `phase` ("retrain" or "pretrain") of one or more runs; `terms` empty = all terms
// (the GAN's epoch counter is never plotted).
LossFigureData losses_from_runs(const std::vector<store::RunRecord>& runs,
                                const std::string& phase = "retrain",
                                const std::vector<std::string>& terms = {});

// One path per run through its info-plane estimates of `set` (pre-training, then re-training, by
// step), labelled with beta (and the id when two runs share a beta).
InfoPlaneFigureData infoplane_from_runs(const std::vector<store::RunRecord>& runs,
                                        PlaneSet set = PlaneSet::kLabeled);

}  // namespace xdd::figures
