#include "cli/run_observer.h"

#include <cstdio>

#include "cli/progress.h"

namespace xdd::cli {

ExperimentObserver terminal_observer() {
  ExperimentObserver observer;
  auto gan_bar = std::make_shared<std::unique_ptr<ProgressBar>>();
  auto retrain_bar = std::make_shared<std::unique_ptr<ProgressBar>>();
  observer.on_phase = [gan_bar, retrain_bar](Phase phase, const std::string& detail) {
    if (*gan_bar) (*gan_bar)->finish(), gan_bar->reset();
    if (*retrain_bar) (*retrain_bar)->finish(), retrain_bar->reset();
    if (phase == Phase::kDone) return;
    std::fprintf(stderr, "== %s%s%s\n", phase_name(phase), detail.empty() ? "" : ": ",
                 detail.c_str());
  };
  observer.on_gan_step = [gan_bar](const GanStepReport& r) {
    if (!*gan_bar) *gan_bar = std::make_unique<ProgressBar>("GAN pre-training");
    char detail[96];
    std::snprintf(detail, sizeof detail, "epoch %d  D %.3f  G %.3f", r.epoch, r.d_loss, r.g_loss);
    (*gan_bar)->update(r.step, r.total_steps, detail);
  };
  observer.on_retrain_step = [retrain_bar](const RetrainStepReport& r) {
    if (!*retrain_bar) *retrain_bar = std::make_unique<ProgressBar>("re-training");
    std::string detail;
    char buf[64];
    for (const auto& [name, value] : r.terms) {
      std::snprintf(buf, sizeof buf, "%s %.4g  ", name.c_str(), value);
      detail += buf;
    }
    (*retrain_bar)->update(r.step, r.total_steps, detail);
  };
  return observer;
}

}  // namespace xdd::cli
