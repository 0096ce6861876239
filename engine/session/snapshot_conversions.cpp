#include "session/snapshot_conversions.h"

namespace xdd {
namespace {

template <typename T>
std::vector<T> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.contiguous().cpu();
  return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}

// The tensor's floats without a copy when it is already float32, contiguous and on the CPU (the
// pipeline's embeddings are); the frame keeps the tensor, and with it its storage, alive.
SharedFloats shared_floats(const torch::Tensor& t) {
  auto kept = std::make_shared<const torch::Tensor>(t.to(torch::kFloat32).cpu().contiguous());
  const float* data = kept->data_ptr<float>();
  const auto size = static_cast<std::size_t>(kept->numel());
  return SharedFloats(std::move(kept), data, size);
}

}  // namespace

void reset_for_run(Snapshot& s, const ExperimentConfig& config) {
  SharedSeries<RunSummary> finished = s.finished_runs;
  auto images = s.test_images;
  const uint64_t faults = s.fault_count;
  s = Snapshot{};
  s.version = 0;
  s.finished_runs = finished;
  s.fault_count = faults;
  s.test_images = images;  // same test set unless the data folder changes; replaced on load
  s.config = config;
  s.status = SessionStatus::kRunning;
}

void enter_phase(Snapshot& s, Phase phase) {
  s.phase = phase;
  s.step = 0;
  s.total_steps = 0;
  s.steps_per_second = 0.0;
  s.eta_seconds = -1.0;
}

void add_gan_step(Snapshot& s, const GanStepReport& r) {
  s.gan_d_loss.push_back(static_cast<float>(r.d_loss));
  s.gan_g_loss.push_back(static_cast<float>(r.g_loss));
}

void add_retrain_step(Snapshot& s, const RetrainStepReport& r) {
  if (s.loss_names.empty()) {
    for (const auto& term : r.terms) s.loss_names.push_back(term.first);
    s.loss_values.assign(s.loss_names.size(), {});
  }
  for (size_t i = 0; i < r.terms.size() && i < s.loss_values.size(); ++i) {
    s.loss_values[i].push_back(static_cast<float>(r.terms[i].second));
  }
}

void set_progress(Snapshot& s, int64_t step, int64_t total,
                  std::chrono::steady_clock::time_point since) {
  s.step = step;
  s.total_steps = total;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
  s.steps_per_second = elapsed > 0 ? static_cast<double>(step) / elapsed : 0.0;
  s.eta_seconds =
      s.steps_per_second > 0 ? static_cast<double>(total - step) / s.steps_per_second : -1.0;
}

void finish_run(Snapshot& s, const RunOutcome& o) {
  s.status = SessionStatus::kDone;
  s.threads = o.threads;
  s.before = o.before;
  s.after = o.after;
  s.after_own = o.after_own;
  s.entanglement_before = o.entanglement_before.minimum;
  s.entanglement_after = o.entanglement_after.minimum;
  s.chance_auprc = o.chance_auprc;
  s.gan_from_cache = o.gan_from_cache;
  s.finished_runs.push_back(RunSummary{o.config, o.info_plane, o.before, o.after, o.chance_auprc});
}

std::vector<uint8_t> to_pixels(const torch::Tensor& images) {
  torch::Tensor bytes = ((images.detach().cpu().to(torch::kFloat32) + 1.0) * 127.5)
                            .round()
                            .clamp(0, 255)
                            .to(torch::kUInt8)
                            .reshape({-1});
  return to_vector<uint8_t>(bytes);
}

EmbeddingFrame to_frame(const EmbeddingUpdate& u) {
  EmbeddingFrame f;
  f.stage = u.stage;
  f.step = u.step;
  f.labels = to_vector<uint8_t>(u.labels.to(torch::kUInt8));
  f.scores = to_vector<float>(u.scores.to(torch::kFloat32));
  return f;
}

EmbeddingPoints to_points(const EmbeddingUpdate& u, std::shared_ptr<const EmbeddingFrame> frame) {
  EmbeddingPoints p;
  p.frame = std::move(frame);
  p.z_test = shared_floats(u.z_test);
  p.z_labeled = shared_floats(u.z_labeled);
  p.dim = u.z_test.dim() == 2 ? u.z_test.size(1) : 0;
  return p;
}

DetectionMetrics metrics_for_holdout(const EmbeddingUpdate& u, int holdout) {
  return evaluate_detection(to_vector<double>(u.scores.to(torch::kFloat64)),
                            to_vector<int64_t>(u.labels.to(torch::kInt64)), holdout);
}

}  // namespace xdd
