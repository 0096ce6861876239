#include "panels/compare_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "panels/panel_exports.h"
#include "store/run_store.h"
#include "widgets/line_plot.h"
#include "widgets/scatter_colors.h"
#include "widgets/ui_style.h"

namespace xdd {
namespace {

void metric_cell(const store::RunSummary& s, const char* kind, double store::Metrics::*field) {
  const auto it = s.metrics.find(kind);
  if (it != s.metrics.end() && std::isfinite(it->second.*field)) {
    ImGui::Text("%.3f", it->second.*field);
  } else {
    ImGui::TextDisabled("-");
  }
}

// A value the run may not have (recorded before it existed, or the run stopped before it).
void optional_cell(const std::optional<double>& value) {
  if (value) {
    ImGui::Text("%.3f", *value);
  } else {
    ImGui::TextDisabled("-");
  }
}

// The re-training values of `term` of a run, in step order.
std::vector<float> term_values(const store::RunRecord& r, const std::string& term) {
  std::vector<float> v;
  for (const store::LossStep& s : r.steps) {
    if (s.phase == "retrain" && s.term == term) v.push_back(static_cast<float>(s.value));
  }
  return v;
}

}  // namespace

ComparePanel::ComparePanel(std::function<void()> wake) : loading_(std::move(wake)) {}

void ComparePanel::open(const std::filesystem::path& store_file,
                        const std::vector<std::int64_t>& ids) {
  ids_ = ids;
  error_.clear();
  if (ids.empty()) {
    runs_.clear();
    rebuild();
    return;
  }
  loading_.request([file = store_file, ids] {
    const auto store = gui::open_existing_store(file);
    std::vector<std::shared_ptr<const gui::StoredRun>> runs;
    for (std::int64_t id : ids) {
      runs.push_back(std::make_shared<const gui::StoredRun>(gui::load_stored_run(*store, id)));
    }
    return runs;
  });
}

void ComparePanel::forget(const std::vector<std::int64_t>& ids) {
  bool changed = false;
  for (std::int64_t id : ids) {
    auto it = std::find(ids_.begin(), ids_.end(), id);
    if (it == ids_.end()) continue;
    const auto k = static_cast<size_t>(it - ids_.begin());
    ids_.erase(it);
    if (k < runs_.size()) runs_.erase(runs_.begin() + static_cast<std::ptrdiff_t>(k));
    changed = true;
  }
  if (changed) rebuild();
}

void ComparePanel::update() {
  auto result = loading_.poll();
  if (!result) return;
  if (result->value) {
    runs_ = std::move(*result->value);
    error_.clear();
  } else {
    runs_.clear();
    error_ = result->error;
  }
  rebuild();
}

std::string ComparePanel::term() const {
  return term_ < static_cast<int>(terms_.size()) ? terms_[term_] : "";
}

void ComparePanel::set_stage(EmbeddingStage stage) {
  const EmbeddingStage s = stage == EmbeddingStage::kBefore ? stage : EmbeddingStage::kAfter;
  if (s == stage_) return;
  stage_ = s;
  rebuild();
}

void ComparePanel::rebuild() {
  const std::string previous = term();
  terms_.clear();
  for (const auto& run : runs_) {
    for (const store::LossStep& s : run->record.steps) {
      if (s.phase == "retrain" && std::find(terms_.begin(), terms_.end(), s.term) == terms_.end()) {
        terms_.push_back(s.term);
      }
    }
  }
  // Keep the chosen term; else "total" (every method reports one), else the first.
  term_ = 0;
  for (int i = 0; i < static_cast<int>(terms_.size()); ++i) {
    if (terms_[i] == (previous.empty() ? "total" : previous)) term_ = i;
  }
  series_.clear();
  for (const auto& run : runs_) series_.emplace_back(term_values(run->record, term()));

  ++generation_;
  scatters_.resize(runs_.size());
  scatter_error_.clear();
  for (size_t i = 0; i < runs_.size(); ++i) {
    try {
      if (!scatters_[i]) scatters_[i] = std::make_unique<gui::StoredScatter>();
      const ExperimentConfig c = gui::config_of(runs_[i]->record, nullptr);
      scatters_[i]->set_layout(gui::layout_of(*runs_[i], stage_, generation_), c.holdout,
                               c.labeled_per_class);
    } catch (const std::exception& e) {
      scatters_[i].reset();
      scatter_error_ = e.what();  // no shaders: the curves and the table still work
    }
  }
}

bool ComparePanel::draw() {
  if (ids_.empty()) {
    ImGui::TextWrapped(
        "Tick two or more runs in the Runs tab and press \"Compare ticked\" to see them side by "
        "side here: their loss curves overlaid, their metrics, and their t-SNE scatters.");
    return false;
  }
  if (loading_.busy()) ImGui::TextDisabled("Reading %zu runs ...", ids_.size());
  if (!error_.empty()) {
    ImGui::TextColored(ImVec4(0.9f, 0.25f, 0.2f, 1.0f), "Cannot read the runs: %s", error_.c_str());
  }
  if (runs_.empty()) return false;

  const bool export_clicked = ImGui::Button("Export...");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "These runs' loss curves, Figure 1 bars or information plane as SVG, PDF "
        "or PNG");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::BeginCombo("loss term", term().c_str())) {
    for (int i = 0; i < static_cast<int>(terms_.size()); ++i) {
      if (ImGui::Selectable(terms_[i].c_str(), i == term_)) {
        term_ = i;
        series_.clear();
        for (const auto& run : runs_) series_.emplace_back(term_values(run->record, term()));
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::Checkbox("log scale", &log_y_);
  ImGui::SameLine();
  ImGui::TextUnformatted("| t-SNE");
  ImGui::SameLine();
  if (ImGui::RadioButton("before", stage_ == EmbeddingStage::kBefore)) {
    set_stage(EmbeddingStage::kBefore);
  }
  ImGui::SameLine();
  if (ImGui::RadioButton("after re-training", stage_ == EmbeddingStage::kAfter)) {
    set_stage(EmbeddingStage::kAfter);
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float table_h =
      ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(runs_.size()) + 1.6f);
  const float curves_h = std::max(120.0f, 0.34f * (avail.y - table_h));
  draw_curves(curves_h);
  draw_table();
  draw_scatters(ImGui::GetContentRegionAvail());
  return export_clicked;
}

void ComparePanel::draw_curves(float height) {
  std::vector<PlotSeries> series;
  for (size_t i = 0; i < runs_.size() && i < series_.size(); ++i) {
    if (series_[i].empty()) continue;
    series.push_back(
        {gui::display_name(*runs_[i]), &series_[i], series_color(static_cast<int>(i))});
  }
  if (series.empty()) {
    ImGui::TextDisabled("None of these runs has re-training loss terms.");
    return;
  }
  LinePlotOptions options;
  options.log_y = log_y_;
  draw_line_plot("##compare_losses", series, options, ImVec2(-1, height));
}

void ComparePanel::draw_table() {
  // No scrolling: the table is as tall as its rows, and its columns share the width.
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##compare_metrics", 12, flags)) return;
  for (const char* title :
       {"run", "held out", "method", "β", "seed", "AUPRC before", "AUPRC after", "AUROC after",
        "FPR95 after", "chance", "entanglement after", "steps"}) {
    ImGui::TableSetupColumn(title);
  }
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < runs_.size(); ++i) {
    const store::RunSummary& s = runs_[i]->record.summary;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series_color(static_cast<int>(i))), "#%lld",
                       static_cast<long long>(s.id));
    ImGui::TableNextColumn();
    ImGui::Text("%s", s.holdout ? std::to_string(*s.holdout).c_str() : "-");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.method.c_str());
    ImGui::TableNextColumn();
    if (s.beta) {
      ImGui::Text("%g", *s.beta);
    } else {
      ImGui::TextDisabled("-");
    }
    ImGui::TableNextColumn();
    ImGui::Text("%s", s.seed ? std::to_string(*s.seed).c_str() : "-");
    ImGui::TableNextColumn();
    metric_cell(s, "kde_before", &store::Metrics::auprc);
    ImGui::TableNextColumn();
    metric_cell(s, "kde_after", &store::Metrics::auprc);
    ImGui::TableNextColumn();
    metric_cell(s, "kde_after", &store::Metrics::auroc);
    ImGui::TableNextColumn();
    metric_cell(s, "kde_after", &store::Metrics::fpr95);
    ImGui::TableNextColumn();
    optional_cell(s.chance_auprc);
    ImGui::TableNextColumn();
    optional_cell(s.entanglement_after);
    ImGui::TableNextColumn();
    ImGui::Text("%zu", i < series_.size() ? series_[i].size() : size_t{0});
  }
  ImGui::EndTable();
}

namespace {

// One line of digit colours under the scatters (they have no legend box of their own).
void draw_digit_legend() {
  const float h = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted("digit:");
  for (int d = 0; d < 10; ++d) {
    ImGui::SameLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + 0.5f * h, p.y + 0.5f * h), 0.35f * h,
                                                gui::digit_color(d));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0.0f, 2.0f);
    ImGui::Text("%d", d);
  }
  ImGui::SameLine();
  ImGui::TextDisabled("| held out: larger, outlined | labeled: o x");
}

}  // namespace

void ComparePanel::draw_scatters(ImVec2 avail) {
  if (!scatter_error_.empty()) {
    ImGui::TextColored(ImVec4(0.9f, 0.25f, 0.2f, 1.0f), "Cannot draw the scatters: %s",
                       scatter_error_.c_str());
    return;
  }
  draw_digit_legend();
  avail.y -= ImGui::GetTextLineHeightWithSpacing();
  const int n = static_cast<int>(runs_.size());
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // As many per row as gives the largest squares.
  int per_row = 1;
  float side = 0.0f, w = 0.0f;
  for (int k = 1; k <= n; ++k) {
    const int rows = (n + k - 1) / k;
    const float kw = (avail.x - spacing * static_cast<float>(k - 1)) / static_cast<float>(k);
    const float kh = avail.y / static_cast<float>(rows) - line - spacing;
    if (std::min(kw, kh) > side) {
      side = std::min(kw, kh);
      per_row = k;
      w = kw;
    }
  }
  side = std::max(side, 80.0f);
  if (w < side) w = side;
  for (int i = 0; i < n; ++i) {
    if (i % per_row != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text,
                          ImGui::ColorConvertU32ToFloat4(series_color(static_cast<int>(i))));
    ImGui::TextUnformatted(gui::display_name(*runs_[i]).c_str());
    ImGui::PopStyleColor();
    if (!runs_[i]->files_note.empty() && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s", runs_[i]->files_note.c_str());
    }
    const std::string id = "##compare_scatter" + std::to_string(i);
    if (scatters_[i]) scatters_[i]->draw(id.c_str(), ImVec2(w, side));
    ImGui::EndGroup();
  }
}

bool ComparePanel::draw(const PanelContext&) {
  return draw();
}

ExportOffer ComparePanel::export_offer(const PanelContext&) const {
  return {"Export the compared runs", compare_choices(*this)};
}

}  // namespace xdd
