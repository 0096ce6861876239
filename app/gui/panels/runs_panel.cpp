#include "panels/runs_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "figures/from_runs.h"
#include "store/run_store.h"

namespace xdd {
namespace {

namespace fs = std::filesystem;
using gui::RunsColumn;

// "<mtime>:<size>" of a file, "" when it does not exist.
std::string file_stamp(const fs::path& file) {
  std::error_code ec;
  const auto time = fs::last_write_time(file, ec);
  if (ec) return "";
  const auto size = fs::file_size(file, ec);
  return std::to_string(time.time_since_epoch().count()) + ":" + std::to_string(ec ? 0 : size);
}

std::string beta_text(double beta) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", beta);
  return text;
}

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (size_t i = 0; i < ids.size() && i < 12; ++i) {
    text += (i ? ", #" : "#") + std::to_string(ids[i]);
  }
  if (ids.size() > 12) text += ", ...";
  return text;
}

// A combo over `names` with "any" first; `index` -1 = any. True when the choice changed.
bool filter_combo(const char* label, int& index, const std::vector<std::string>& names,
                  float width) {
  bool changed = false;
  ImGui::TextUnformatted(label);  // before its combo: "held out [any]"
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  const std::string id = std::string("##") + label;
  if (ImGui::BeginCombo(id.c_str(), index < 0 ? "any" : names[index].c_str())) {
    if (ImGui::Selectable("any", index < 0)) index = -1, changed = true;
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      if (ImGui::Selectable(names[i].c_str(), index == i)) index = i, changed = true;
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

RunsPanel::RunsPanel(fs::path store_file, std::function<void()> wake)
    : store_file_(std::move(store_file)), listing_(wake), deleting_(wake) {
  reload();
}

void RunsPanel::reload() {
  seen_files_ = file_stamp(store_file_) + "|" + file_stamp(store_file_.string() + "-wal");
  listing_.request([file = store_file_] {
    Listing out;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      out.store_exists = false;  // nothing recorded yet; do not create the file just to list it
      return out;
    }
    out.runs = store::RunStore(file).list();
    return out;
  });
}

void RunsPanel::set_store(const fs::path& store_file) {
  store_file_ = store_file;
  ticked_.clear();
  current_ = 0;
  reload();
}

void RunsPanel::set_sort(const gui::RunsSort& sort) {
  sort_ = sort;
  ++table_generation_;  // ImGui keeps a table's sort by its id: a new id starts from ours
}

bool RunsPanel::store_changed_on_disk() {
  const std::string stamp =
      file_stamp(store_file_) + "|" + file_stamp(store_file_.string() + "-wal");
  return stamp != seen_files_;
}

void RunsPanel::update() {
  if (auto result = listing_.poll()) {
    if (result->value) {
      runs_ = std::move(result->value->runs);
      store_exists_ = result->value->store_exists;
      error_.clear();
      // Ticks of runs that are gone (deleted elsewhere) go with them.
      std::set<std::int64_t> present;
      for (const auto& r : runs_) present.insert(r.id);
      for (auto it = ticked_.begin(); it != ticked_.end();) {
        it = present.count(*it) ? std::next(it) : ticked_.erase(it);
      }
    } else {
      error_ = result->error;
    }
  }
  if (!listing_.busy() && store_changed_on_disk()) reload();
}

std::vector<std::int64_t> RunsPanel::ticked_ids() const {
  std::vector<std::int64_t> ids;
  for (std::size_t i : rows_) {
    if (ticked_.count(runs_[i].id)) ids.push_back(runs_[i].id);
  }
  return ids;
}

RunsPanelRequest RunsPanel::draw(bool presentation_mode) {
  (void)presentation_mode;  // the fonts already scale every widget
  RunsPanelRequest request;
  if (auto done = deleting_.poll()) {
    if (done->value) {
      request.deleted = *done->value;
      for (std::int64_t id : request.deleted) ticked_.erase(id);
      notice_ = "Deleted " + ids_text(request.deleted) + ".";
    } else {
      notice_ = "Could not delete: " + done->error;
    }
    reload();
  }
  rows_ = gui::visible_rows(runs_, filter_, sort_);
  draw_toolbar(request);
  draw_filters();
  draw_table(request);
  draw_delete_confirmation();
  return request;
}

void RunsPanel::draw_toolbar(RunsPanelRequest& request) {
  bool current_visible = false;
  for (std::size_t i : rows_) current_visible |= runs_[i].id == current_;
  const std::vector<std::int64_t> ticked = ticked_ids();

  ImGui::BeginDisabled(!current_visible);
  if (ImGui::Button("Show in panels")) request.show = current_;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip(
        "Reload the selected run (click a row; or double-click it) into the "
        "panels: loss terms, metrics, information plane, t-SNE layout");
  }
  ImGui::SameLine();
  const std::string compare_label = "Compare ticked (" + std::to_string(ticked.size()) + ")";
  ImGui::BeginDisabled(ticked.size() < 2);
  if (ImGui::Button(compare_label.c_str())) request.compare = ticked;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Tick two or more runs to compare them side by side");
  }
  ImGui::SameLine();
  ImGui::BeginDisabled((ticked.empty() && !current_visible) || deleting_.busy());
  if (ImGui::Button("Delete...")) {
    to_delete_ = ticked.empty() ? std::vector<std::int64_t>{current_} : ticked;
    ImGui::OpenPopup("Delete runs?");
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Refresh")) reload();

  const size_t shown = rows_.size();
  if (!store_exists_) {
    ImGui::TextDisabled("No run store yet at %s: finished runs appear here.",
                        store_file_.string().c_str());
  } else {
    ImGui::TextDisabled(
        "%zu run%s in %s%s%s; before, after: KDE AUPRC", runs_.size(), runs_.size() == 1 ? "" : "s",
        store_file_.string().c_str(),
        shown == runs_.size() ? "" : (", " + std::to_string(shown) + " shown").c_str(),
        listing_.busy() ? " (reading ...)" : "");
  }
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.9f, 0.25f, 0.2f, 1.0f));
    ImGui::TextWrapped("Cannot read the run store: %s", error_.c_str());
    ImGui::PopStyleColor();
  }
  if (!notice_.empty()) ImGui::TextWrapped("%s", notice_.c_str());
}

void RunsPanel::draw_filters() {
  const float w = ImGui::GetFontSize() * 5.5f;
  ImGui::TextUnformatted("Filter:");

  std::vector<std::string> digits;
  for (int d = 0; d < 10; ++d) digits.push_back(std::to_string(d));
  int holdout = filter_.holdout ? *filter_.holdout : -1;
  ImGui::SameLine();
  if (filter_combo("held out", holdout, digits, w)) {
    filter_.holdout = holdout < 0 ? std::nullopt : std::optional<int>(holdout);
  }

  const std::vector<std::string> methods = gui::methods_in(runs_);
  int method = -1;
  for (int i = 0; i < static_cast<int>(methods.size()); ++i) {
    if (filter_.method && methods[i] == *filter_.method) method = i;
  }
  std::vector<std::string> method_names = methods;
  if (filter_.method && method < 0) {  // a filter from a session: keep showing it
    method_names.push_back(*filter_.method);
    method = static_cast<int>(method_names.size()) - 1;
  }
  ImGui::SameLine();
  if (filter_combo("method", method, method_names, w)) {
    filter_.method = method < 0 ? std::nullopt : std::optional<std::string>(method_names[method]);
  }

  std::vector<double> betas = gui::betas_in(runs_);
  if (filter_.beta) {
    bool listed = false;
    for (double b : betas)
      listed |= std::abs(b - *filter_.beta) <= 1e-9 * std::max(1.0, std::abs(b));
    if (!listed) betas.push_back(*filter_.beta);
  }
  std::vector<std::string> beta_names;
  int beta = -1;
  for (int i = 0; i < static_cast<int>(betas.size()); ++i) {
    beta_names.push_back(beta_text(betas[i]));
    if (filter_.beta &&
        std::abs(betas[i] - *filter_.beta) <= 1e-9 * std::max(1.0, std::abs(betas[i]))) {
      beta = i;
    }
  }
  ImGui::SameLine();
  if (filter_combo("β", beta, beta_names, w)) {
    filter_.beta = beta < 0 ? std::nullopt : std::optional<double>(betas[beta]);
  }

  const std::vector<std::string> statuses = {"running", "done", "failed", "stopped"};
  int status = -1;
  for (int i = 0; i < 4; ++i) {
    if (filter_.status && store::to_string(*filter_.status) == statuses[i]) status = i;
  }
  ImGui::SameLine();
  if (filter_combo("status", status, statuses, w)) {
    filter_.status =
        status < 0 ? std::nullopt
                   : std::optional<store::RunStatus>(store::parse_run_status(statuses[status]));
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Clear")) filter_ = {};
}

void RunsPanel::draw_table(RunsPanelRequest& request) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  const std::string id = "##runs_table_" + std::to_string(table_generation_);
  const int columns = 1 + static_cast<int>(std::size(gui::kRunsColumns));
  if (!ImGui::BeginTable(id.c_str(), columns, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("##tick", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoResize);
  for (RunsColumn c : gui::kRunsColumns) {
    ImGuiTableColumnFlags f = 0;
    if (c == sort_.column) {
      f |= ImGuiTableColumnFlags_DefaultSort |
           (sort_.ascending ? ImGuiTableColumnFlags_PreferSortAscending
                            : ImGuiTableColumnFlags_PreferSortDescending);
    }
    ImGui::TableSetupColumn(gui::column_title(c), f, 0.0f, static_cast<ImGuiID>(c));
  }
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      sort_.column = static_cast<RunsColumn>(specs->Specs[0].ColumnUserID);
      sort_.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      specs->SpecsDirty = false;
      rows_ = gui::visible_rows(runs_, filter_, sort_);
    }
  }
  const float row_height = ImGui::GetFrameHeight();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()), row_height);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const store::RunSummary& run = runs_[rows_[r]];
      ImGui::TableNextRow(0, row_height);
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(run.id));
      const bool current = run.id == current_;
      if (ImGui::Selectable("##row", current,
                            ImGuiSelectableFlags_SpanAllColumns |
                                ImGuiSelectableFlags_AllowItemOverlap |
                                ImGuiSelectableFlags_AllowDoubleClick,
                            ImVec2(0, row_height))) {
        current_ = run.id;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) request.show = run.id;
      }
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s, started %s\n%s%s", figures::run_display_name(run).c_str(),
                          run.started_at.c_str(),
                          run.files_dir.empty() ? "(no files folder)" : run.files_dir.c_str(),
                          run.label.empty() ? "" : ("\n" + run.label).c_str());
      }
      ImGui::SameLine(0, 0);
      bool tick = ticked_.count(run.id) > 0;
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
      if (ImGui::Checkbox("##tick", &tick)) {
        if (tick) {
          ticked_.insert(run.id);
        } else {
          ticked_.erase(run.id);
        }
      }
      ImGui::PopStyleVar();
      for (RunsColumn c : gui::kRunsColumns) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        const std::string text = gui::cell_text(run, c);
        if (c == RunsColumn::kStatus && run.status != store::RunStatus::done) {
          ImGui::TextDisabled("%s", text.c_str());
        } else {
          ImGui::TextUnformatted(text.c_str());
        }
      }
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

void RunsPanel::draw_delete_confirmation() {
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Delete runs?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::Text("Delete %zu run%s (%s) from the run store %s?", to_delete_.size(),
              to_delete_.size() == 1 ? "" : "s", ids_text(to_delete_).c_str(),
              store_file_.string().c_str());
  ImGui::TextDisabled(
      "Their records go (settings, loss terms, metrics); their files folders stay "
      "on disk. This cannot be undone.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ImGui::Button("Delete", ImVec2(ImGui::GetFontSize() * 6, 0))) {
    deleting_.request([file = store_file_, ids = to_delete_] {
      store::RunStore runs(file);
      for (std::int64_t id : ids) runs.remove(id);
      return ids;
    });
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel", ImVec2(ImGui::GetFontSize() * 6, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace xdd
