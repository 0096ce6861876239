#pragma once
// The files `xdd run` leaves in its --out folder. Other programs read them: keep names and columns
// stable.
//   metrics.json  {"holdout", "method", "beta", "before": {auprc, auroc, fpr95}, "after": {...},
//                  "after_own_score": {...}, "chance_auprc", "config": {...}, "dataset": {...},
//                  ...}
//   losses.csv    step, then one column per loss term of the re-training
//   gan_losses.csv step, epoch, d_loss, g_loss, d_real, d_fake (only when the GAN was trained, not
//   cached) scores.csv    index,label,score_before,score_after (higher = more anomalous)
//   infoplane.csv step,phase,set,ixz,izy (I(X;Z), I(Z;Y) in nats; sets labeled and test)
//   config.json   the full experiment config (re-runnable with --config)
#include <filesystem>

#include <nlohmann/json.hpp>

#include "pipeline/experiment.h"

namespace xdd {

nlohmann::json metrics_json(const RunOutcome& outcome);

// Writes every file atomically (temp + rename) into `out_dir`, creating it if needed.
void write_run_outputs(const RunOutcome& outcome, const std::filesystem::path& out_dir);

}  // namespace xdd
