#pragma once
// The small steps by which the session's worker turns pipeline events into snapshot fields.
#include <torch/torch.h>

#include <chrono>

#include "pipeline/experiment.h"
#include "pipeline/observer.h"
#include "session/snapshot.h"

namespace xdd {

void reset_for_run(Snapshot& s, const ExperimentConfig& config);  // keeps finished_runs
void enter_phase(Snapshot& s, Phase phase);
void add_gan_step(Snapshot& s, const GanStepReport& r);
void add_retrain_step(Snapshot& s, const RetrainStepReport& r);
void set_progress(Snapshot& s, int64_t step, int64_t total,
                  std::chrono::steady_clock::time_point since);
void finish_run(Snapshot& s, const RunOutcome& outcome);  // final metrics, appends to finished_runs

// [n,1,28,28] in [-1,1] -> n*784 grayscale bytes.
std::vector<uint8_t> to_pixels(const torch::Tensor& images);
EmbeddingFrame to_frame(const EmbeddingUpdate& update);
// The update's embeddings for `frame`, sharing the update's tensors (float32 CPU tensors are not
// copied): nothing may write to them afterwards, as the pipeline never does.
EmbeddingPoints to_points(const EmbeddingUpdate& update,
                          std::shared_ptr<const EmbeddingFrame> frame);
DetectionMetrics metrics_for_holdout(const EmbeddingUpdate& update, int holdout);

}  // namespace xdd
