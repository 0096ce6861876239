#pragma once
// Connects an experiment's progress to the terminal: phases as lines, GAN and re-training as
// progress bars.
#include <memory>

#include "pipeline/observer.h"

namespace xdd::cli {

ExperimentObserver terminal_observer();

}  // namespace xdd::cli
