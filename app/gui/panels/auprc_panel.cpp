#include "panels/auprc_panel.h"

#include <imgui.h>

#include <cstdio>

#include "logic/run_stats.h"
#include "panels/panel_exports.h"
#include "widgets/bar_chart.h"
#include "widgets/ui_style.h"

namespace xdd {
namespace {

void metric_cell(const std::optional<DetectionMetrics>& m, double DetectionMetrics::*field) {
  if (m) {
    ImGui::Text("%.3f", (*m).*field);
  } else {
    ImGui::TextDisabled("—");
  }
}

// The class entanglement readout (pipeline/entanglement_readout.h), for any method.
void entanglement_line(const Snapshot& s) {
  if (!s.entanglement_before) return;
  if (s.entanglement_after) {
    ImGui::Text("class entanglement %.3f -> %.3f", *s.entanglement_before, *s.entanglement_after);
  } else {
    ImGui::Text("class entanglement %.3f", *s.entanglement_before);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Soft nearest neighbour loss of 1,000 test embeddings (every 10th test image) with their\n"
        "digit labels, the held-out digit included, at the temperature T that minimises it\n"
        "(a search over log T, as in the SNN paper; metrics.json records T and the value at\n"
        "the median T beside it). Lower: the digits are less entangled. Near 0 for clean\n"
        "clusters, about 2.3 (log 10) when labels and positions are unrelated. Before\n"
        "re-training, then live.");
  }
}

void metrics_table(const Snapshot& s) {
  const bool live = s.status == SessionStatus::kRunning && s.embedding &&
                    s.embedding->stage == EmbeddingStage::kDuring;
  if (!ImGui::BeginTable("metrics", 4,
                         ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    return;
  }
  ImGui::TableSetupColumn("KDE score", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("before", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(live ? "after*" : "after", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("change", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  struct Row {
    const char* name;
    double DetectionMetrics::*field;
    bool higher_better;
  };
  for (const Row& row :
       {Row{"AUPRC", &DetectionMetrics::auprc, true}, Row{"AUROC", &DetectionMetrics::auroc, true},
        Row{"FPR95", &DetectionMetrics::fpr95, false}}) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.name);
    if (ImGui::IsItemHovered() && row.field == &DetectionMetrics::fpr95) {
      ImGui::SetTooltip("false-positive rate at 95%% true-positive rate (lower is better)");
    }
    if (ImGui::IsItemHovered() && row.field == &DetectionMetrics::fpr95) {
      ImGui::SetTooltip("false-positive rate at 95%% true-positive rate (lower is better)");
    }
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kBeforeColor));
    metric_cell(s.before, row.field);
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kAfterColor));
    metric_cell(s.after, row.field);
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    if (s.before && s.after) {
      const double delta = (*s.after).*row.field - (*s.before).*row.field;
      const bool better = row.higher_better ? delta > 0 : delta < 0;
      ImGui::TextColored(better ? ImVec4(0.2f, 0.75f, 0.2f, 1) : ImVec4(0.9f, 0.25f, 0.2f, 1),
                         "%+.3f", delta);
    }
  }
  ImGui::EndTable();
  if (live) {
    ImGui::TextDisabled("* live, at re-training step %lld",
                        static_cast<long long>(s.embedding->step));
  }
  if (s.after_own) {
    ImGui::TextWrapped("AUPRC with %s's own score: %.3f", setting_name(s.config.method),
                       s.after_own->auprc);
  }
  entanglement_line(s);
}

std::vector<BarGroup> digit_groups(const std::array<DigitStats, 10>& stats) {
  std::vector<BarGroup> groups;
  for (int d = 0; d < 10; ++d) {
    const DigitStats& st = stats[d];
    BarGroup g;
    g.label = std::to_string(d);
    if (st.runs > 0) {
      g.bars = {Bar{st.before_mean, st.before_sd}, Bar{st.after_mean, st.after_sd}};
      g.reference = st.chance;
      char text[200];
      std::snprintf(text, sizeof text,
                    "held-out %d, %d run%s\nbefore %.3f ± %.3f\nafter  %.3f ± %.3f\nchance %.3f", d,
                    st.runs, st.runs == 1 ? "" : "s", st.before_mean, st.before_sd, st.after_mean,
                    st.after_sd, st.chance);
      g.tooltip = text;
    } else {
      g.bars = {Bar{}, Bar{}};
      g.tooltip = "held-out " + std::to_string(d) + ": no finished run in this setting yet";
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace

double chance_auprc(const Snapshot& s) {
  if (s.chance_auprc > 0) return s.chance_auprc;
  if (!s.embedding || s.embedding->labels.empty()) return 0.0;
  size_t positives = 0;
  for (uint8_t label : s.embedding->labels) positives += label == s.config.holdout;
  return static_cast<double>(positives) / static_cast<double>(s.embedding->labels.size());
}

bool AuprcPanel::draw(const Snapshot& s, const ExperimentConfig& like) {
  if (s.status == SessionStatus::kIdle) {
    ImGui::TextDisabled("Run an experiment to score the held-out digit.");
  } else {
    ImGui::TextWrapped("held-out digit %d: %s", s.config.holdout, setting_label(s.config).c_str());
    const double chance = chance_auprc(s);
    if (chance > 0) {
      ImGui::Text("chance AUPRC %.3f", chance);
    } else {
      ImGui::TextDisabled("chance AUPRC: after the data is loaded");
    }
  }
  metrics_table(s);

  ImGui::Separator();
  const auto stats = stats_by_digit(s.finished_runs, like);
  int runs = 0;
  for (const DigitStats& st : stats) runs += st.runs;
  const bool export_clicked = ImGui::SmallButton("Export...");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("These bars as SVG, PDF or PNG, in the style of the paper's Figure 1");
  }
  ImGui::SameLine();
  ImGui::TextWrapped("AUPRC per held-out digit (%d run%s: %s)", runs, runs == 1 ? "" : "s",
                     setting_label(like).c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Mean over the repetitions (seeds) finished in this session; error bars:\n"
        "±1 sample standard deviation; black line: chance level.");
  }
  BarChartOptions options;
  options.series_names = {"before", "after re-training"};
  options.series_colors = {kBeforeColor, kAfterColor};
  options.x_label = "held-out digit";
  draw_bar_chart("##per_digit", digit_groups(stats), options, ImVec2(-1, -1));
  return export_clicked;
}

bool AuprcPanel::draw(const PanelContext& context) {
  return draw(*context.shown, context.like());
}

ExportOffer AuprcPanel::export_offer(const PanelContext& context) const {
  return {"Export the per-digit AUPRC bars",
          figure1_choices(*context.shown, context.like(), context.stored_name)};
}

}  // namespace xdd
