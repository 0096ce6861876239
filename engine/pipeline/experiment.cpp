#include "pipeline/experiment.h"

#include <chrono>

#include "core/compute.h"
#include "core/stopwatch.h"
#include "data/split.h"
#include "losses/loss_factory.h"
#include "models/discriminator.h"
#include "pipeline/embedding.h"
#include "pipeline/entanglement_readout.h"
#include "pipeline/experiment_data.h"
#include "pipeline/info_plane_tracker.h"
#include "pipeline/pretrained_gan.h"
#include "scoring/kde.h"
#include "training/retrainer.h"

namespace xdd {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<double> to_vector(const torch::Tensor& t) {
  torch::Tensor c = t.to(torch::kFloat64).contiguous().cpu();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

struct Scored {
  EmbeddingUpdate update;
  double bandwidth = 0.0;
  torch::Tensor nearest;  // nearest_neighbour_scores: the bandwidth's h -> 0 limit
};

// Embeds test and labeled images and computes the KDE score of every test image (SPEC §2.3).
Scored score_embedding(Discriminator d, const Dataset& test, const Dataset& labeled,
                       double bandwidth, torch::Device device, EmbeddingStage stage, int64_t step) {
  Scored s;
  s.update.stage = stage;
  s.update.step = step;
  const torch::Tensor z = embed_image_sets(d, {test.images, labeled.images}, device);
  s.update.z_test = z.slice(0, 0, test.size());
  s.update.z_labeled = z.slice(0, test.size());
  s.update.labels = test.labels;
  s.update.labeled_labels = labeled.labels;
  s.bandwidth = bandwidth > 0 ? bandwidth : median_pairwise_distance(s.update.z_labeled);
  TestScores scores = kde_and_nearest_scores(s.update.z_test, s.update.z_labeled, s.bandwidth);
  s.update.scores = std::move(scores.kde);
  s.nearest = std::move(scores.nearest);
  s.update.entanglement = test_entanglement(s.update.z_test, s.update.labels);
  return s;
}

DetectionMetrics metrics_of(const torch::Tensor& scores, const torch::Tensor& labels, int holdout) {
  torch::Tensor l = labels.to(torch::kInt64).contiguous();
  std::vector<int64_t> lv(l.data_ptr<int64_t>(), l.data_ptr<int64_t>() + l.numel());
  return evaluate_detection(to_vector(scores), lv, holdout);
}

LossOptions loss_options_of(const ExperimentConfig& c) {
  LossOptions o;
  o.method = c.method;
  o.beta = c.beta;
  o.estimator = c.estimator;
  o.pairs = c.pairs;
  o.relevance = c.relevance;
  o.scale = c.scale;
  o.num_classes = 9;
  o.dim = DiscriminatorImpl::kEmbeddingDim;
  return o;
}

RetrainOptions retrain_options_of(const ExperimentConfig& c) {
  RetrainOptions o;
  o.steps = c.retrain_steps;
  o.lr = c.retrain_lr;
  o.optimizer = c.optimizer;
  o.layers = c.layers;
  o.bn = c.bn;
  o.fault = parse_fault_injection(c.inject_fault, "inject_fault");
  return o;
}

void publish(const ExperimentObserver& observer, const EmbeddingUpdate& update) {
  if (observer.on_embedding) observer.on_embedding(update);
}

void enter(const ExperimentObserver& observer, Phase phase, const std::string& detail = {}) {
  if (observer.checkpoint) observer.checkpoint();
  if (observer.on_phase) observer.on_phase(phase, detail);
}

}  // namespace

torch::Tensor digits_to_classes(const torch::Tensor& digits, int holdout) {
  return digits - (digits > holdout).to(digits.scalar_type());
}

RunOutcome run_experiment(const ExperimentConfig& config, const ExperimentObserver& observer) {
  validate(config);
  const auto start = Clock::now();
  RunOutcome out;
  out.config = config;
  out.threads = set_compute_threads(config.threads);
  const torch::Device device = resolve_device(config.device);
  out.device = device.str();

  enter(observer, Phase::kLoading, config.data_dir);
  ExperimentData loaded = load_experiment_data(config);
  const LoadedData& data = loaded.data;
  out.dataset_name = data.name;
  out.dataset_checksum = data.checksum;
  out.test_labels = data.test.labels;
  if (observer.on_test_set) observer.on_test_set(data.test.images, data.test.labels);
  out.chance_auprc = (data.test.labels == config.holdout).to(torch::kFloat64).mean().item<double>();

  enter(observer, Phase::kPretraining);
  PretrainedGan gan = obtain_pretrained_gan(config, data.train, loaded.cache_key, device, observer);
  out.gan_from_cache = gan.from_cache;
  out.gan_cache_file = gan.cache_file.string();
  out.gan_history = std::move(gan.history);
  out.seconds_pretrain = gan.seconds;

  const Dataset labeled =
      draw_labeled(data.train, config.holdout, config.labeled_per_class, config.seed);
  // Nothing reads the training images from here on (188 MB of MNIST as float32).
  loaded.data.train = Dataset{};
  const torch::Tensor classes = digits_to_classes(labeled.labels, config.holdout);

  enter(observer, Phase::kScoringBefore);
  Scored before = score_embedding(gan.discriminator, data.test, labeled, config.bandwidth, device,
                                  EmbeddingStage::kBefore, 0);
  out.scores_before = before.update.scores;
  out.bandwidth_before = before.bandwidth;
  out.entanglement_before = before.update.entanglement;
  out.before = metrics_of(out.scores_before, data.test.labels, config.holdout);
  out.before_nearest = metrics_of(before.nearest, data.test.labels, config.holdout);
  publish(observer, before.update);
  InfoPlaneTracker info_plane(data.test, labeled, classes, config.holdout, device);
  auto record_info_plane = [&](int64_t step, const char* phase) {
    if (!info_plane_due(step, config.info_plane_every, config.retrain_steps)) return;
    const size_t first_new = info_plane.points().size();
    const auto info_start = Clock::now();
    info_plane.record(gan.discriminator, step, phase);
    out.seconds_info_plane += seconds_since(info_start);
    if (!observer.on_info_plane) return;
    for (size_t i = first_new; i < info_plane.points().size(); ++i)
      observer.on_info_plane(info_plane.points()[i]);
  };
  record_info_plane(0, "pretrained");

  enter(observer, Phase::kRetraining, setting_name(config.method));
  const auto retrain_start = Clock::now();
  torch::manual_seed(config.seed);
  auto loss = make_loss(loss_options_of(config));
  Retrainer retrainer(gan.discriminator, loss, labeled.images, classes, retrain_options_of(config),
                      device);
  while (!retrainer.done()) {
    if (observer.checkpoint) observer.checkpoint();
    RetrainStepReport report;
    try {
      report = retrainer.step();
    } catch (const TrainingFault& fault) {
      if (!observer.on_fault) throw;
      observer.on_fault(fault);
      continue;
    }
    if (out.loss_terms.empty()) {
      for (const auto& term : report.terms) out.loss_terms.push_back(term.first);
    }
    std::vector<double> row;
    for (const auto& term : report.terms) row.push_back(term.second);
    out.loss_rows.push_back(std::move(row));
    if (observer.on_retrain_step) observer.on_retrain_step(report);
    record_info_plane(report.step, "retrain");
    if (live_embedding_due(report.step, observer.embedding_interval) && !retrainer.done()) {
      const auto scoring_start = Clock::now();
      Scored during = score_embedding(gan.discriminator, data.test, labeled, config.bandwidth,
                                      device, EmbeddingStage::kDuring, report.step);
      out.seconds_live_scoring += seconds_since(scoring_start);
      publish(observer, during.update);
    }
  }
  out.seconds_retrain = seconds_since(retrain_start);
  out.info_plane = info_plane.points();

  enter(observer, Phase::kScoringAfter);
  Scored after = score_embedding(gan.discriminator, data.test, labeled, config.bandwidth, device,
                                 EmbeddingStage::kAfter, retrainer.step_count());
  out.scores_after = after.update.scores;
  out.bandwidth_after = after.bandwidth;
  out.entanglement_after = after.update.entanglement;
  out.after = metrics_of(out.scores_after, data.test.labels, config.holdout);
  out.after_nearest = metrics_of(after.nearest, data.test.labels, config.holdout);
  {
    torch::NoGradGuard no_grad;
    loss->eval();
    out.after_own =
        metrics_of(loss->own_score(after.update.z_test.to(device),
                                   after.update.z_labeled.to(device), classes.to(device))
                       .cpu(),
                   data.test.labels, config.holdout);
  }
  publish(observer, after.update);
  out.seconds_total = seconds_since(start);
  if (observer.on_phase) observer.on_phase(Phase::kDone, {});
  return out;
}

bool live_embedding_due(int64_t step, int first) {
  if (first <= 0 || step <= 0 || step % first != 0) return false;
  const int64_t k = step / first;
  return (k & (k - 1)) == 0;  // a power of two
}

}  // namespace xdd
