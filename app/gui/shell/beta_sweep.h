#pragma once
// --betas with --autostart: runs the given betas one after another, so the information plane
// compares them. Command-line automation, kept out of the app's state.
#include <cstddef>
#include <deque>
#include <vector>

#include "logic/controller.h"

namespace xdd {

class BetaSweep {
 public:
  explicit BetaSweep(const std::vector<double>& betas) : pending_(betas.begin(), betas.end()) {}

  // Before the first run: its beta is the sweep's first.
  void set_first_beta(Controller& controller);
  // Once a frame: starts the next beta when the run in progress has finished.
  void continue_sweep(Controller& controller);

 private:
  std::deque<double> pending_;
  std::size_t runs_at_last_start_ = 0;  // finished runs when the sweep started its latest run
};

}  // namespace xdd
