#include "logic/figure_data.h"

#include <cmath>
#include <set>

#include "core/error.h"
#include "logic/layout_export.h"
#include "logic/run_stats.h"

namespace xdd::gui {

figures::LossFigureData losses_of(const Snapshot& s, const std::string& run_name, bool log_y,
                                  std::int64_t gan_first_step) {
  figures::LossFigureData d;
  d.log_y = log_y;
  auto add = [&](const std::string& term, const SharedSeries<float>& values, std::int64_t first) {
    figures::LossSeries series;
    series.run = run_name;
    series.term = term;
    for (size_t i = 0; i < values.size(); ++i) {
      series.step.push_back(static_cast<double>(first + static_cast<std::int64_t>(i)));
      series.value.push_back(values[i]);
    }
    d.series.push_back(std::move(series));
  };
  if (!s.loss_names.empty()) {
    d.title = "Loss terms: " + run_name;
    for (size_t i = 0; i < s.loss_names.size() && i < s.loss_values.size(); ++i) {
      add(s.loss_names[i], s.loss_values[i], 1);
    }
  } else if (!s.gan_d_loss.empty()) {
    d.title = "GAN pre-training losses: " + run_name;
    add("d_loss", s.gan_d_loss, gan_first_step);
    add("g_loss", s.gan_g_loss, gan_first_step);
  }
  return d;
}

figures::Figure1Data figure1_of(const SharedSeries<RunSummary>& finished,
                                const ExperimentConfig& like) {
  std::set<int> digits;
  for (const RunSummary& r : finished) {
    if (r.config.holdout >= 0 && r.config.holdout <= 9 && same_setting(r.config, like)) {
      digits.insert(r.config.holdout);
    }
  }
  if (digits.empty()) {
    throw InvalidArgument("no finished run in this setting (" + setting_label(like) +
                          ") to draw per-digit bars of");
  }
  figures::Figure1Data d;
  d.digits.assign(digits.begin(), digits.end());
  d.title = "Average AUPRC: " + setting_label(like);
  const std::string method = like.method == Method::kXdd ? "XDD" : setting_name(like.method);
  figures::Figure1Series before{"after pre-training", {}}, after{"after " + method, {}};
  before.values.resize(d.digits.size());
  after.values.resize(d.digits.size());
  d.chance.assign(d.digits.size(), NAN);
  for (size_t c = 0; c < d.digits.size(); ++c) {
    for (const RunSummary& r : finished) {
      if (r.config.holdout != d.digits[c] || !same_setting(r.config, like)) continue;
      if (std::isfinite(r.before.auprc)) before.values[c].push_back(r.before.auprc);
      if (std::isfinite(r.after.auprc)) after.values[c].push_back(r.after.auprc);
      if (r.chance_auprc > 0) d.chance[c] = r.chance_auprc;
    }
  }
  d.series = {std::move(before), std::move(after)};
  return d;
}

namespace {

void fill_panel(figures::TsnePanel& panel, const TsneLayout& layout, int holdout, int per_class) {
  for (std::int64_t i = 0; i < layout.test_count; ++i) {
    panel.test.x.push_back(layout.xy[2 * i]);
    panel.test.y.push_back(layout.xy[2 * i + 1]);
    const bool known = layout.frame && i < static_cast<std::int64_t>(layout.frame->labels.size());
    const int digit = known ? layout.frame->labels[i] : -1;
    panel.test.label.push_back(digit >= 0 && digit <= 9 ? digit : -1);
  }
  for (std::int64_t j = 0; j < layout.labeled_count; ++j) {
    const std::int64_t k = layout.test_count + j;
    panel.labeled.x.push_back(layout.xy[2 * k]);
    panel.labeled.y.push_back(layout.xy[2 * k + 1]);
    panel.labeled.label.push_back(labeled_digit(j, layout.labeled_count, holdout, per_class));
  }
}

std::string stage_title(const TsneLayout& layout, const std::string& fallback) {
  if (!layout.frame) return fallback;
  if (layout.frame->stage == EmbeddingStage::kDuring) {
    return "during re-training, step " + std::to_string(layout.frame->step);
  }
  return fallback;
}

}  // namespace

figures::TsneFigureData tsne_of(const TsneLayout* before, const TsneLayout* after, int holdout,
                                int labeled_per_class, const std::string& title) {
  if (!before && !after) throw InvalidArgument("there is no t-SNE layout to export yet");
  figures::TsneFigureData d;
  d.heldout = holdout;
  d.title = title;
  if (before) fill_panel(d.before, *before, holdout, labeled_per_class);
  if (after) {
    fill_panel(d.after, *after, holdout, labeled_per_class);
    d.after.title = stage_title(*after, d.after.title);
  }
  return d;
}

}  // namespace xdd::gui
