#pragma once
// What the panels show, as the engine's figure data (engine/figures), so the Export dialog writes
// the same picture with Cairo: the loss curves of a snapshot, the per-digit bars of the session's
// runs, and a run's t-SNE layouts before and after re-training. Plain copies: the figure is
// written on a worker while the panels move on.
#include <string>
#include <vector>

#include "figures/figure1.h"
#include "figures/loss_figure.h"
#include "figures/tsne_figure.h"
#include "session/live_tsne.h"
#include "session/snapshot.h"

namespace xdd::gui {

// The re-training terms of the snapshot's run (steps from 1), or the GAN's D and G losses when it
// has no re-training terms yet (from `gan_first_step`). `run_name` goes into the legend and title.
figures::LossFigureData losses_of(const Snapshot& s, const std::string& run_name, bool log_y,
                                  std::int64_t gan_first_step = 1);

// The AUPRC panel's bars: the finished runs in the setting of `like` (run_stats.h same_setting),
// by held-out digit, one value per repetition: "after pre-training" and "after <method>
// re-training", and the chance level per digit. InvalidArgument when no run qualifies.
figures::Figure1Data figure1_of(const SharedSeries<RunSummary>& finished,
                                const ExperimentConfig& like);

// The paper's Figures 2-3 from layouts (either may be null: that side stays empty): test points
// coloured by digit, the labeled examples in black, `holdout` highlighted. InvalidArgument when
// both are null.
figures::TsneFigureData tsne_of(const TsneLayout* before, const TsneLayout* after, int holdout,
                                int labeled_per_class, const std::string& title);

}  // namespace xdd::gui
