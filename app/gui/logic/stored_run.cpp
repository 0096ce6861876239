#include "logic/stored_run.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "figures/from_runs.h"
#include "pipeline/phase.h"

namespace xdd::gui {
namespace {

namespace fs = std::filesystem;

std::optional<DetectionMetrics> metrics_of(const store::RunSummary& s, const char* kind) {
  const auto it = s.metrics.find(kind);
  if (it == s.metrics.end() || !std::isfinite(it->second.auprc)) return std::nullopt;
  return DetectionMetrics{it->second.auprc, it->second.auroc, it->second.fpr95};
}

// Appends the note for a file that could not be read.
void note(std::string& notes, const std::string& text) {
  notes += (notes.empty() ? "" : "\n") + text;
}

// One series per term of `phase`, in the order the terms first appear, each in step order.
void series_of(const std::vector<store::LossStep>& steps, const std::string& phase,
               std::vector<std::string>& names, std::vector<std::vector<float>>& values) {
  std::map<std::string, size_t> index;
  for (const store::LossStep& s : steps) {  // ordered by phase, step, term
    if (s.phase != phase || s.term == "epoch") continue;
    auto it = index.find(s.term);
    if (it == index.end()) {
      it = index.emplace(s.term, names.size()).first;
      names.push_back(s.term);
      values.emplace_back();
    }
    values[it->second].push_back(static_cast<float>(s.value));
  }
}

const std::vector<float>* find_series(const std::vector<std::string>& names,
                                      const std::vector<std::vector<float>>& values,
                                      const char* name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &values[i];
  }
  return nullptr;
}

uint8_t digit_byte(int label) {
  return static_cast<uint8_t>(label >= 0 && label <= 9 ? label : 255);
}

}  // namespace

StoredRun load_stored_run(const store::RunStore& store, std::int64_t id) {
  StoredRun run;
  run.record = store.get(id);  // InvalidArgument naming the id
  (void)config_of(run.record, &run.ignored_settings);
  const std::string& dir = run.record.summary.files_dir;
  if (dir.empty()) {
    run.files_note = "this run has no files folder: no t-SNE layout to show";
    return run;
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    run.files_note = "its files folder " + dir + " is gone: no t-SNE layout to show";
    return run;
  }
  std::vector<int> labels;
  try {
    run.scores = store::read_scores(fs::path(dir) / "scores.csv");
    labels = run.scores->label;
  } catch (const std::exception& e) {
    note(run.files_note, e.what());
  }
  auto read = [&](std::optional<store::Layout>& into, const char* file) {
    const fs::path path = fs::path(dir) / file;
    if (!fs::exists(path, ec)) {
      note(run.files_note, std::string("no ") + file + " in " + dir);
      return;
    }
    try {
      into = store::read_layout(path, labels);
    } catch (const std::exception& e) {
      note(run.files_note, e.what());
    }
  };
  read(run.before, "layout_before.csv");
  read(run.after, "layout_after.csv");
  return run;
}

std::unique_ptr<store::RunStore> open_existing_store(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    throw IoError("there is no run store at " + file.string());
  }
  return std::make_unique<store::RunStore>(file);
}

ExperimentConfig config_of(const store::RunRecord& record, std::vector<std::string>* ignored) {
  ExperimentConfig c;
  // One setting at a time, so a key this version does not know costs only that key.
  auto overlay = [&](const std::string& key, const nlohmann::json& value) {
    try {
      c = config_from_json(nlohmann::json{{key, value}}, c);
    } catch (const InvalidArgument&) {
      if (ignored && std::find(ignored->begin(), ignored->end(), key) == ignored->end()) {
        ignored->push_back(key);
      }
    }
  };
  const nlohmann::json stored = with_current_meaning(record.config);
  if (stored.is_object()) {
    for (const auto& [key, value] : stored.items()) overlay(key, value);
  }
  // The summary columns are what the store lists and filters by: they win.
  const store::RunSummary& s = record.summary;
  if (s.holdout) c.holdout = *s.holdout;
  if (!s.method.empty()) overlay("method", s.method);
  if (s.beta) c.beta = *s.beta;
  if (s.seed && *s.seed >= 0) c.seed = static_cast<uint64_t>(*s.seed);
  return c;
}

Snapshot snapshot_of(const StoredRun& run) {
  const store::RunSummary& sum = run.record.summary;
  Snapshot s;
  s.status = SessionStatus::kDone;
  s.phase = Phase::kDone;
  s.config = config_of(run.record, nullptr);
  if (sum.status == store::RunStatus::failed) s.status = SessionStatus::kFailed;
  if (sum.status == store::RunStatus::stopped) s.status = SessionStatus::kStopped;

  std::vector<std::vector<float>> loss_values;
  series_of(run.record.steps, "retrain", s.loss_names, loss_values);
  for (const auto& values : loss_values) s.loss_values.emplace_back(values);
  std::vector<std::string> gan_names;
  std::vector<std::vector<float>> gan_values;
  series_of(run.record.steps, "pretrain", gan_names, gan_values);
  const auto* d = find_series(gan_names, gan_values, "d_loss");
  const auto* g = find_series(gan_names, gan_values, "g_loss");
  if (d && g) {
    s.gan_d_loss = SharedSeries<float>(*d);
    s.gan_g_loss = SharedSeries<float>(*g);
  } else {
    s.gan_from_cache = true;  // the stored run did not train its GAN (it came from the cache)
  }
  const int64_t steps = s.loss_values.empty() ? 0 : static_cast<int64_t>(s.loss_values[0].size());
  s.step = s.total_steps = steps;

  s.before = metrics_of(sum, "kde_before");
  s.after = metrics_of(sum, "kde_after");
  s.after_own = metrics_of(sum, "own_after");
  s.chance_auprc = sum.chance_auprc.value_or(0.0);

  for (const InfoPlanePoint& p : run.record.infoplane) s.info_plane.push_back(p);
  if (run.scores) {
    auto frame = std::make_shared<EmbeddingFrame>();
    frame->stage = EmbeddingStage::kAfter;
    frame->step = steps;
    for (size_t i = 0; i < run.scores->label.size(); ++i) {
      frame->labels.push_back(digit_byte(run.scores->label[i]));
      frame->scores.push_back(static_cast<float>(run.scores->after[i]));
    }
    s.embedding = std::move(frame);
  }
  RunSummary finished;
  finished.config = s.config;
  finished.info_plane = s.info_plane.to_vector();
  finished.before = s.before.value_or(DetectionMetrics{NAN, NAN, NAN});
  finished.after = s.after.value_or(DetectionMetrics{NAN, NAN, NAN});
  finished.chance_auprc = s.chance_auprc;
  if (s.status == SessionStatus::kDone && s.before && s.after) s.finished_runs.push_back(finished);
  return s;
}

std::shared_ptr<const TsneLayout> layout_of(const StoredRun& run, EmbeddingStage stage,
                                            std::uint64_t generation) {
  const bool before = stage == EmbeddingStage::kBefore;
  const std::optional<store::Layout>& layout = before ? run.before : run.after;
  if (!layout) return nullptr;
  auto frame = std::make_shared<EmbeddingFrame>();
  frame->stage = before ? EmbeddingStage::kBefore : EmbeddingStage::kAfter;
  auto out = std::make_shared<TsneLayout>();
  std::vector<float> labeled_xy;
  for (size_t i = 0; i < layout->x.size(); ++i) {
    const float x = static_cast<float>(layout->x[i]), y = static_cast<float>(layout->y[i]);
    if (layout->labeled[i]) {
      labeled_xy.insert(labeled_xy.end(), {x, y});
      continue;
    }
    const size_t t = frame->labels.size();  // this row's test index (scores.csv order)
    out->xy.insert(out->xy.end(), {x, y});
    frame->labels.push_back(digit_byte(layout->label[i]));
    if (run.scores && t < run.scores->after.size()) {
      frame->scores.push_back(
          static_cast<float>(before ? run.scores->before[t] : run.scores->after[t]));
    }
  }
  if (frame->scores.size() != frame->labels.size()) frame->scores.clear();  // no scores.csv
  out->test_count = static_cast<std::int64_t>(frame->labels.size());
  out->labeled_count = static_cast<std::int64_t>(labeled_xy.size() / 2);
  out->xy.insert(out->xy.end(), labeled_xy.begin(), labeled_xy.end());
  out->iteration = 1000;  // SPEC §6's schedule, as xdd run writes them
  out->kl = NAN;
  out->generation = generation;
  out->settled = true;
  out->frame = std::move(frame);
  return out;
}

std::string display_name(const StoredRun& run) {
  return figures::run_display_name(run.record.summary);
}

}  // namespace xdd::gui
