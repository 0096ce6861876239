#pragma once
// The Loss terms panel: the GAN's discriminator and generator losses while it pre-trains, and
// every term of the re-training loss (names from the snapshot) per step, live. Draws into the
// caller's window or tab.
#include <cstdint>

#include "panels/panel.h"
#include "session/snapshot.h"

namespace xdd {

class LossPanel : public Panel {
 public:
  // Panel: draws what `context` shows; offers copies of it to the Export dialog.
  bool draw(const PanelContext& context) override;
  ExportOffer export_offer(const PanelContext& context) const override;

  // True when the user asked to export the curves (the caller opens the Export dialog).
  bool draw(const Snapshot& snapshot);

  bool log_y() const { return log_y_; }
  void set_log_y(bool on) { log_y_ = on; }

 private:
  bool log_y_ = false;
  // The step of the first GAN loss shown: pre-training resumed from a checkpoint starts there.
  int64_t gan_first_step_ = 1;
};

}  // namespace xdd
