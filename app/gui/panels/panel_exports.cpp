#include "panels/panel_exports.h"

#include "core/atomic_file.h"
#include "export/data_export.h"
#include "figures/from_runs.h"
#include "figures/infoplane_figure.h"
#include "logic/figure_data.h"
#include "logic/layout_export.h"
#include "logic/run_stats.h"
#include "pipeline/run_outputs.h"

namespace xdd {
namespace {

using gui::ExportKind;

// "h8-xdd-beta1-seed0" for the live session, "run12" for a stored run.
std::string stem_suffix(const ExperimentConfig& c, const std::string& run_name) {
  if (!run_name.empty() && run_name[0] == '#') {
    return "run" + run_name.substr(1, run_name.find(' ') - 1);
  }
  return run_folder_name(c.holdout, c.method, c.beta, c.seed);
}

std::string live_name(const ExperimentConfig& c) {
  return "this session, " + setting_label(c);
}

ExportChoice figure_choice(ExportKind kind, const std::string& label, const std::string& stem) {
  ExportChoice c;
  c.kind = kind;
  c.label = label;
  c.stem = stem;
  return c;
}

}  // namespace

std::vector<ExportChoice> loss_choices(const Snapshot& s, const std::string& run_name, bool log_y) {
  const std::string name = run_name.empty() ? live_name(s.config) : run_name;
  ExportChoice c = figure_choice(ExportKind::kLosses, "Loss curves",
                                 std::string("loss_terms-") + stem_suffix(s.config, run_name));
  auto data = gui::losses_of(s, name, log_y);
  if (data.series.empty()) c.unavailable = "no loss curves yet";
  c.note = s.loss_names.empty()
               ? "the GAN's D and G losses per step"
               : "every re-training term per step" + std::string(log_y ? ", log10 y axis" : "");
  c.write = [data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_loss_figure(path, data, out);
  };
  return {c};
}

std::vector<ExportChoice> infoplane_choices(const PlaneData& d, PlaneSet set,
                                            const std::string& run_name) {
  const std::string set_name = plane_set_name(set);
  figures::InfoPlaneFigureData data;
  data.title = "Information plane (" + set_name + " set)";
  for (const PlanePath& p : d.paths) {
    figures::InfoPlanePath path;
    path.label = p.label;
    for (const PlanePoint& pt : p.points) {
      path.ixz.push_back(pt.ixz);
      path.izy.push_back(pt.izy);
    }
    data.paths.push_back(std::move(path));
  }
  ExportChoice c = figure_choice(
      ExportKind::kInfoPlane, "Information plane",
      "infoplane-" + set_name + (run_name.empty() ? "" : "-" + stem_suffix({}, run_name)));
  if (data.paths.empty()) c.unavailable = "no information-plane points yet";
  c.note = std::to_string(data.paths.size()) + " path" + (data.paths.size() == 1 ? "" : "s") +
           " as the panel shows them: I(X;Z) across, I(Z;Y) up, in nats";
  c.write = [data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_infoplane_figure(path, data, out);
  };
  return {c};
}

std::vector<ExportChoice> figure1_choices(const Snapshot& s, const ExperimentConfig& like,
                                          const std::string& run_name) {
  ExportChoice c = figure_choice(ExportKind::kFigure1, "AUPRC per held-out digit (Figure 1)",
                                 "figure1-" + stem_suffix(like, run_name));
  figures::Figure1Data data;
  try {
    data = gui::figure1_of(s.finished_runs, like);
    c.note =
        "mean AUPRC over the repetitions per digit; error bars: 95% Student-t intervals "
        "(the panel shows ±1 s.d.); dashed: chance";
  } catch (const std::exception&) {
    c.unavailable = "no finished run in this setting yet";
  }
  c.write = [data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_figure1(path, data, out);
  };
  return {c};
}

std::vector<ExportChoice> live_embedding_choices(const gui::EmbeddingPanel& panel,
                                                 const LiveTsneFeed& live_tsne,
                                                 const Snapshot& live) {
  const ExperimentConfig& cfg = live.config;
  const std::string suffix = stem_suffix(cfg, "");
  std::shared_ptr<const TsneLayout> current = panel.layout();
  std::shared_ptr<const TsneLayout> before = live_tsne.before_layout();
  if (current && current->frame && current->frame->stage == EmbeddingStage::kBefore) {
    before = current;
    current.reset();
  }
  ExportChoice tsne =
      figure_choice(ExportKind::kTsne, "t-SNE scatter (Figures 2-3)", "tsne-" + suffix);
  if (!before && !current) {
    tsne.unavailable = "no t-SNE layout yet";
  } else {
    const auto data = gui::tsne_of(before.get(), current.get(), cfg.holdout, cfg.labeled_per_class,
                                   live_name(cfg));
    tsne.note =
        "left: the live layout after pre-training; right: the current one (live t-SNE, "
        "warm-started; `xdd run` writes SPEC §6 layouts)";
    tsne.write = [data](const std::string& path, const figures::FigureOutput& out) {
      figures::write_tsne_figure(path, data, out);
    };
  }

  ExportChoice layout =
      figure_choice(ExportKind::kLayoutCsv, "Layout as shown (CSV)", "layout-" + suffix);
  const auto shown = panel.layout();
  if (!shown || panel.shown_positions().empty()) {
    layout.unavailable = "no t-SNE layout yet";
  } else {
    layout.note = "kind,index,x,y,digit,score: every point where the panel draws it";
    layout.write = [shown, xy = panel.shown_positions(), cfg](const std::string& path,
                                                              const figures::FigureOutput&) {
      write_text_atomically(path, gui::layout_csv(*shown, xy, cfg.holdout, cfg.labeled_per_class));
    };
  }

  ExportChoice scores =
      figure_choice(ExportKind::kScoresCsv, "Scores before and after (CSV)", "scores-" + suffix);
  const auto before_frame = live_tsne.before_frame();
  if (!before_frame || !live.embedding || live.embedding->stage != EmbeddingStage::kAfter) {
    scores.unavailable = "after the run has finished";
  } else {
    try {
      const store::RunScores data = gui::scores_of(*before_frame, *live.embedding);
      scores.note = "index,label,score_before,score_after (KDE; higher = more anomalous)";
      scores.write = [data](const std::string& path, const figures::FigureOutput&) {
        data_export::write_scores_csv(path, data);
      };
    } catch (const std::exception& e) {
      scores.unavailable = e.what();
    }
  }
  return {tsne, layout, scores};
}

std::vector<ExportChoice> stored_embedding_choices(const gui::StoredRun& run,
                                                   EmbeddingStage stage) {
  const std::string name = gui::display_name(run);
  const std::string suffix = stem_suffix({}, name);
  const ExperimentConfig cfg = gui::config_of(run.record, nullptr);
  const auto before = gui::layout_of(run, EmbeddingStage::kBefore, 0);
  const auto after = gui::layout_of(run, EmbeddingStage::kAfter, 0);

  ExportChoice tsne =
      figure_choice(ExportKind::kTsne, "t-SNE scatter (Figures 2-3)", "tsne-" + suffix);
  if (!before && !after) {
    tsne.unavailable = "this run has no stored layouts";
  } else {
    auto data = gui::tsne_of(before.get(), after.get(), cfg.holdout, cfg.labeled_per_class, name);
    data.after.title =
        "after " + (cfg.method == Method::kXdd ? std::string("XDD") : setting_name(cfg.method)) +
        " re-training";
    tsne.note = "the stored layouts before and after re-training";
    tsne.write = [data](const std::string& path, const figures::FigureOutput& out) {
      figures::write_tsne_figure(path, data, out);
    };
  }

  const std::string stage_text = stage_name(stage);
  ExportChoice layout = figure_choice(ExportKind::kLayoutCsv, "Layout " + stage_text + " (CSV)",
                                      "layout_" + stage_text + "-" + suffix);
  const auto shown = stage == EmbeddingStage::kBefore ? before : after;
  if (!shown) {
    layout.unavailable = "no stored layout of this stage";
  } else {
    layout.note = "kind,index,x,y,digit,score";
    layout.write = [shown, cfg](const std::string& path, const figures::FigureOutput&) {
      write_text_atomically(path,
                            gui::layout_csv(*shown, shown->xy, cfg.holdout, cfg.labeled_per_class));
    };
  }

  ExportChoice scores =
      figure_choice(ExportKind::kScoresCsv, "Scores before and after (CSV)", "scores-" + suffix);
  if (!run.scores) {
    scores.unavailable = "no scores.csv in the run's folder";
  } else {
    scores.note = "index,label,score_before,score_after (KDE; higher = more anomalous)";
    scores.write = [data = *run.scores](const std::string& path, const figures::FigureOutput&) {
      data_export::write_scores_csv(path, data);
    };
  }
  return {tsne, layout, scores};
}

std::vector<ExportChoice> compare_choices(const ComparePanel& panel) {
  std::vector<store::RunRecord> records;
  std::vector<store::RunSummary> summaries;
  std::string ids;
  for (const auto& run : panel.runs()) {
    records.push_back(run->record);
    summaries.push_back(run->record.summary);
    ids += "-" + std::to_string(run->record.summary.id);
  }
  ExportChoice losses = figure_choice(ExportKind::kLosses, "Loss curves overlaid",
                                      "losses-" + panel.term() + "-runs" + ids);
  auto loss_data = figures::losses_from_runs(records, "retrain", {panel.term()});
  loss_data.log_y = panel.log_y();
  if (loss_data.series.empty()) losses.unavailable = "no re-training loss terms";
  losses.note = "the term '" + panel.term() + "' of every run, a colour per run";
  losses.write = [loss_data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_loss_figure(path, loss_data, out);
  };

  ExportChoice fig1 = figure_choice(ExportKind::kFigure1, "AUPRC per held-out digit (Figure 1)",
                                    "figure1-runs" + ids);
  figures::Figure1Data fig1_data;
  try {
    fig1_data = figures::figure1_from_runs(summaries);
    fig1.note = "the compared runs as `xdd figure fig1 --runs ...` draws them";
  } catch (const std::exception&) {
    fig1.unavailable = "none of these runs has finished";
  }
  fig1.write = [fig1_data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_figure1(path, fig1_data, out);
  };

  ExportChoice plane = figure_choice(ExportKind::kInfoPlane, "Information plane (labeled set)",
                                     "infoplane-runs" + ids);
  const auto plane_data = figures::infoplane_from_runs(records, PlaneSet::kLabeled);
  size_t points = 0;
  for (const auto& p : plane_data.paths) points += p.ixz.size();
  if (points == 0) plane.unavailable = "no information-plane points";
  plane.write = [plane_data](const std::string& path, const figures::FigureOutput& out) {
    figures::write_infoplane_figure(path, plane_data, out);
  };
  return {losses, fig1, plane};
}

}  // namespace xdd
