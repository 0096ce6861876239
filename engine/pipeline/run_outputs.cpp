#include "pipeline/run_outputs.h"

#include <cstdio>
#include <iomanip>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "tsne/affinities.h"
#include "tsne/embedding.h"
#include "tsne/pca.h"

namespace xdd {
namespace {

using json = nlohmann::json;

json metrics_object(const DetectionMetrics& m) {
  return {{"auprc", m.auprc}, {"auroc", m.auroc}, {"fpr95", m.fpr95}};
}

// 17 significant digits: the written scores reproduce the metrics exactly when re-read.
std::ostringstream precise_stream() {
  std::ostringstream out;
  out << std::setprecision(17);
  return out;
}

std::string losses_csv(const RunOutcome& o) {
  auto out = precise_stream();
  out << "step";
  for (const auto& name : o.loss_terms) out << "," << name;
  out << "\n";
  for (size_t i = 0; i < o.loss_rows.size(); ++i) {
    out << (i + 1);
    for (double v : o.loss_rows[i]) out << "," << v;
    out << "\n";
  }
  return out.str();
}

std::string gan_losses_csv(const RunOutcome& o) {
  auto out = precise_stream();
  out << "step,epoch,d_loss,g_loss,d_real,d_fake\n";
  for (const auto& r : o.gan_history) {
    out << r.step << "," << r.epoch << "," << r.d_loss << "," << r.g_loss << "," << r.d_real << ","
        << r.d_fake << "\n";
  }
  return out.str();
}

std::string scores_csv(const RunOutcome& o) {
  auto out = precise_stream();
  out << "index,label,score_before,score_after\n";
  auto labels = o.test_labels.to(torch::kInt64).contiguous();
  auto before = o.scores_before.to(torch::kFloat64).contiguous();
  auto after = o.scores_after.to(torch::kFloat64).contiguous();
  for (int64_t i = 0; i < labels.numel(); ++i) {
    out << i << "," << labels.data_ptr<int64_t>()[i] << "," << before.data_ptr<double>()[i] << ","
        << after.data_ptr<double>()[i] << "\n";
  }
  return out.str();
}

}  // namespace

std::string run_folder_name(int holdout, Method method, double beta, std::uint64_t seed) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "h%d-%s-beta%g-seed%llu", holdout, setting_name(method), beta,
                static_cast<unsigned long long>(seed));
  return buf;
}

nlohmann::json metrics_json(const RunOutcome& o) {
  return {
      {"holdout", o.config.holdout},
      {"method", setting_name(o.config.method)},
      {"beta", o.config.beta},
      {"seed", o.config.seed},
      {"before", metrics_object(o.before)},
      {"after", metrics_object(o.after)},
      {"after_own_score", metrics_object(o.after_own)},
      {"chance_auprc", o.chance_auprc},
      {"bandwidth", {{"before", o.bandwidth_before}, {"after", o.bandwidth_after}}},
      {"before_nearest", metrics_object(o.before_nearest)},
      {"after_nearest", metrics_object(o.after_nearest)},
      // At T = the sample's median squared distance (the first version's readout).
      {"entanglement",
       {{"before", o.entanglement_before.at_median}, {"after", o.entanglement_after.at_median}}},
      // At the minimising T, given as a multiple of that median.
      {"entanglement_min",
       {{"before", o.entanglement_before.minimum},
        {"after", o.entanglement_after.minimum},
        {"temperature_before", o.entanglement_before.temperature},
        {"temperature_after", o.entanglement_after.temperature}}},
      {"dataset",
       {{"name", o.dataset_name},
        {"checksum", o.dataset_checksum},
        {"test_images", o.test_labels.numel()}}},
      {"compute", {{"threads", o.threads}, {"device", o.device}}},
      {"gan", {{"from_cache", o.gan_from_cache}, {"cache_file", o.gan_cache_file}}},
      {"seconds",
       {{"pretrain", o.seconds_pretrain},
        {"retrain", o.seconds_retrain},
        {"info_plane", o.seconds_info_plane},
        {"live_scoring", o.seconds_live_scoring},
        {"total", o.seconds_total}}},
      {"version", XDD_VERSION},
      {"config", to_json(o.config)}};
}

void write_run_outputs(const RunOutcome& o, const std::filesystem::path& out_dir) {
  ensure_directory(out_dir);
  write_text_atomically(out_dir / "scores.csv", scores_csv(o));
  write_text_atomically(out_dir / "losses.csv", losses_csv(o));
  if (!o.gan_history.empty()) write_text_atomically(out_dir / "gan_losses.csv", gan_losses_csv(o));
  if (!o.info_plane.empty())
    write_text_atomically(out_dir / "infoplane.csv", info_plane_csv(o.info_plane));
  write_text_atomically(out_dir / "config.json", to_json(o.config).dump(2) + "\n");
  // Last, so a metrics.json present means the run's other files are complete.
  write_text_atomically(out_dir / "metrics.json", metrics_json(o).dump(2) + "\n");
}

namespace {

// The test rows, then the labeled rows, as one float32 tensor: a view of the pipeline's own
// memory when it embedded both sets into one tensor (pipeline/embedding.h), else a concatenation.
// The view keeps both tensors alive.
torch::Tensor test_then_labeled(const EmbeddingUpdate& e) {
  const torch::Tensor test = e.z_test.to(torch::kCPU, torch::kFloat).contiguous();
  const torch::Tensor labeled = e.z_labeled.to(torch::kCPU, torch::kFloat).contiguous();
  if (labeled.numel() > 0 && labeled.data_ptr<float>() == test.data_ptr<float>() + test.numel()) {
    return torch::from_blob(
        test.data_ptr<float>(), {test.size(0) + labeled.size(0), test.size(1)},
        [test, labeled](void*) {}, torch::kFloat);
  }
  return torch::cat({test, labeled});
}

}  // namespace

double write_run_layout(const EmbeddingUpdate& embedding, const std::filesystem::path& file,
                        int threads, const std::function<void()>& pause_point) {
  if (!embedding.z_test.defined() || !embedding.z_labeled.defined() ||
      embedding.z_test.dim() != 2 || embedding.z_labeled.size(1) != embedding.z_test.size(1)) {
    throw InvalidArgument("t-SNE layout of the " + std::string(stage_name(embedding.stage)) +
                          " embedding: test and labeled embeddings are missing or differ in width");
  }
  const auto pause = [&] {
    if (pause_point) pause_point();
  };
  const torch::Tensor rows = test_then_labeled(embedding);
  const PointView embedded{rows.size(0), rows.size(1), rows.data_ptr<float>()};
  TsneParams params;
  params.threads = threads;
  pause();  // before each phase that cannot stop midway (PCA, neighbours), and every 50 iterations
  const PointMatrix points = params.pca_dims > 0 && params.pca_dims < embedded.cols
                                 ? pca_project(embedded, params.pca_dims, params.threads)
                                 : copy_of(embedded);
  pause();
  Affinities affinities = Affinities::compute(points, params);
  TsneEmbedding tsne(std::move(affinities),
                     pca_init(points, params.init_std, params.seed, params.threads), params);
  optimize_standard(tsne, 1000, [&](int, double, const std::vector<float>&) {
    pause();
    return true;
  });
  const std::vector<float>& xy = tsne.layout();

  const torch::Tensor test_labels = embedding.labels.to(torch::kLong).contiguous();
  const torch::Tensor labeled_labels = embedding.labeled_labels.defined()
                                           ? embedding.labeled_labels.to(torch::kLong).contiguous()
                                           : torch::full({embedding.z_labeled.size(0)}, -1L);
  const auto test_label = test_labels.accessor<int64_t, 1>();
  const auto labeled_label = labeled_labels.accessor<int64_t, 1>();
  const int64_t n_test = embedding.z_test.size(0);
  auto out = precise_stream();
  out << std::setprecision(9) << "x,y,label,labeled\n";
  for (int64_t i = 0; i < points.rows; ++i) {
    const bool labeled = i >= n_test;
    const int64_t label = labeled ? labeled_label[i - n_test] : test_label[i];
    out << xy[2 * i] << "," << xy[2 * i + 1] << "," << label << "," << (labeled ? 1 : 0) << "\n";
  }
  write_text_atomically(file, out.str());
  return tsne.kl_divergence();
}

}  // namespace xdd
