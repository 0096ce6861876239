#pragma once
// What the UI reads: an immutable picture of the session, published by the worker as a
// shared_ptr<const Snapshot>. The UI never holds a lock across a frame; it swaps in the newest
// pointer. The histories that grow with the run are SharedSeries (core/shared_series.h), so a
// publish copies a few handles, not the history: its cost does not grow with the run's length.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/experiment_config.h"
#include "core/shared_floats.h"
#include "core/shared_series.h"
#include "pipeline/info_plane_point.h"
#include "pipeline/phase.h"
#include "scoring/metrics.h"

namespace xdd {

enum class SessionStatus { kIdle, kRunning, kPaused, kDone, kStopped, kFailed };
const char* status_name(SessionStatus status);

// One finished run of this session, for the per-digit bar chart (paper Figure 1).
struct RunSummary {
  ExperimentConfig config;
  std::vector<InfoPlanePoint> info_plane;
  DetectionMetrics before{};
  DetectionMetrics after{};
  double chance_auprc = 0.0;
};

// The test-set embedding at one moment, as the views read it: scores and labels, shared between
// snapshots (they change only when a new embedding arrives). The embedding vectors themselves are
// not here: they go once to the live t-SNE (EmbeddingPoints), so that a frame the views still show
// does not keep 125 MB alive while the next embedding is computed.
struct EmbeddingFrame {
  EmbeddingStage stage = EmbeddingStage::kBefore;
  int64_t step = 0;
  std::vector<uint8_t> labels;  // digit of each test image
  std::vector<float> scores;    // KDE anomaly score of each test image
};

// A frame's embedding vectors, the live t-SNE's input (session/live_tsne.h). The session's hold
// the pipeline's own tensor, the labeled rows right after the test rows
// (z_test.continued_by(z_labeled)), so the t-SNE reads them as one matrix without a copy.
struct EmbeddingPoints {
  std::shared_ptr<const EmbeddingFrame> frame;  // the labels and scores these points belong to
  SharedFloats z_test;                          // row-major [N, dim], N = frame->labels.size()
  SharedFloats z_labeled;                       // row-major [L, dim]
  int64_t dim = 0;
};

struct Snapshot {
  uint64_t version = 0;
  SessionStatus status = SessionStatus::kIdle;
  std::optional<Phase> phase;  // of the running run; none before the first
  std::string error;           // set when status == kFailed
  // Training faults (a NaN/Inf step, undone and paused at): how many this session has met, and the
  // newest one's message. The count never goes back, so the UI can tell each new fault.
  uint64_t fault_count = 0;
  std::string last_fault;
  ExperimentConfig config;
  int threads = 0;

  // Progress of the current phase.
  int64_t step = 0;
  int64_t total_steps = 0;
  double steps_per_second = 0.0;
  double eta_seconds = -1.0;

  // Pre-training: discriminator / generator loss per step, and the latest generator samples.
  SharedSeries<float> gan_d_loss;
  SharedSeries<float> gan_g_loss;
  std::vector<uint8_t> gan_samples;  // sample_count images of 28x28, grayscale 0-255
  int gan_sample_count = 0;
  bool gan_from_cache = false;

  // Re-training: one series per loss term.
  std::vector<std::string> loss_names;
  std::vector<SharedSeries<float>> loss_values;

  // Metrics of the current run (KDE score) when known.
  std::optional<DetectionMetrics> before;
  std::optional<DetectionMetrics> after;
  std::optional<DetectionMetrics> after_own;
  // Class entanglement of the test sample at its minimising temperature
  // (pipeline/entanglement_readout.h): pre-trained, and the newest during or after re-training.
  std::optional<double> entanglement_before;
  std::optional<double> entanglement_after;
  double chance_auprc = 0.0;

  SharedSeries<InfoPlanePoint> info_plane;  // the current run's path, both sets

  std::shared_ptr<const EmbeddingFrame> embedding;  // newest test embedding, null before scoring
  std::shared_ptr<const std::vector<uint8_t>> test_images;  // [N, 28*28] for hover previews

  SharedSeries<RunSummary> finished_runs;  // every run completed in this session
};

}  // namespace xdd
