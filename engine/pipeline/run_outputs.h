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
//   layout_before.csv, layout_after.csv  x,y,label,labeled: t-SNE of the test embeddings followed
//                 by the labeled examples (labeled = 1), the paper's Figures 2-3
//                 (write_run_layouts)
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/experiment.h"
#include "pipeline/observer.h"

namespace xdd {

// The folder name of one run, "h<holdout>-<method>-beta<b>-seed<s>": `xdd run`'s default --out,
// each job folder of a `sweep`, and (with a time added) the app's recorded runs.
std::string run_folder_name(int holdout, Method method, double beta, std::uint64_t seed);

nlohmann::json metrics_json(const RunOutcome& outcome);

// Writes every file atomically (temp + rename) into `out_dir`, creating it if needed.
void write_run_outputs(const RunOutcome& outcome, const std::filesystem::path& out_dir);

// Lays out one embedding (test images, then the labeled examples) with the engine's Barnes-Hut
// t-SNE at SPEC §6's defaults (PCA to 50, perplexity 30, theta 0.5, 1000 iterations, fixed seed)
// and writes it atomically as `file`. Returns the final KL divergence. `pause_point`, when set, is
// called every params.kl_every iterations and may block.
double write_run_layout(const EmbeddingUpdate& embedding, const std::filesystem::path& file,
                        int threads, const std::function<void()>& pause_point = {});

}  // namespace xdd
