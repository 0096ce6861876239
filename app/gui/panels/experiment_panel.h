#pragma once
// The Experiment window: every setting of a run, the run buttons, and whether the GAN for the
// chosen held-out digit is already pre-trained.
#include <functional>
#include <string>

#include "logic/controller.h"
#include "logic/gan_cache_probe.h"

namespace xdd {

class ExperimentPanel {
 public:
  explicit ExperimentPanel(std::function<void()> wake) : cache_probe_(std::move(wake)) {}
  // In presentation mode the method and training settings fold away (keys drive the demo).
  void draw(Controller& controller, bool presentation);

 private:
  void draw_data(Controller& c);
  void draw_holdout(Controller& c);
  void draw_beta(Controller& c);
  void draw_method(ExperimentConfig& config);
  void draw_training(ExperimentConfig& config);
  void draw_buttons(Controller& c);
  void draw_cache_state(const ExperimentConfig& config);

  GanCacheProbe cache_probe_;
  std::string data_dir_edit_;  // the folder text while it is being typed (applied on Enter)
  bool data_dir_editing_ = false;
  int folded_for_ = -1;  // the mode the settings were last folded or unfolded for
};

}  // namespace xdd
