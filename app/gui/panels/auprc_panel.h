#pragma once
// The AUPRC panel: the current run's detection metrics before and after re-training (the "after"
// column follows re-training live), the chance level, and the per-digit bar chart of the paper's
// Figure 1 filled from every run finished in this session. Draws into the caller's window.
#include "panels/panel.h"
#include "session/snapshot.h"

namespace xdd {

class AuprcPanel : public Panel {
 public:
  // Panel: draws what `context` shows; offers copies of it to the Export dialog.
  bool draw(const PanelContext& context) override;
  ExportOffer export_offer(const PanelContext& context) const override;

  // `like`: the setting whose per-digit bars are drawn (PanelContext::like). True when the user
  // asked to export the bar chart (the caller opens the Export dialog).
  bool draw(const Snapshot& snapshot, const ExperimentConfig& like);
};

// The AUPRC of a random score: the held-out digit's share of the test set (from the run's result,
// or counted in the newest embedding while the run is going; 0 when unknown).
double chance_auprc(const Snapshot& snapshot);

}  // namespace xdd
