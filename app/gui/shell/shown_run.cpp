#include "shell/shown_run.h"

#include <imgui.h>

#include "store/run_store.h"

namespace xdd {

ShownRun::ShownRun(std::function<void()> wake) : loading_(std::move(wake)) {}

void ShownRun::open(const std::filesystem::path& store_file, std::int64_t id) {
  id_ = id;
  error_.clear();
  run_.reset();
  snapshot_.reset();
  before_.reset();
  after_.reset();
  loading_.request([file = store_file, id] {
    const auto store = gui::open_existing_store(file);
    return std::make_shared<const gui::StoredRun>(gui::load_stored_run(*store, id));
  });
}

void ShownRun::close() {
  id_ = 0;
  run_.reset();
  snapshot_.reset();
  before_.reset();
  after_.reset();
  error_.clear();
}

void ShownRun::update() {
  auto result = loading_.poll();
  if (!result) return;
  if (!result->value) {
    if (id_ != 0) error_ = result->error;
    return;
  }
  const auto& run = *result->value;
  if (run->record.summary.id != id_) return;  // closed or replaced while it was being read
  run_ = run;
  snapshot_ = std::make_shared<const Snapshot>(gui::snapshot_of(*run_));
  ++generation_;  // a fresh view for a new run; before and after share it, so they animate
  before_ = gui::layout_of(*run_, EmbeddingStage::kBefore, generation_);
  after_ = gui::layout_of(*run_, EmbeddingStage::kAfter, generation_);
}

std::shared_ptr<const TsneLayout> ShownRun::layout() const {
  return stage_ == EmbeddingStage::kBefore ? before_ : after_;
}

void ShownRun::set_stage(EmbeddingStage stage) {
  stage_ = stage == EmbeddingStage::kBefore ? stage : EmbeddingStage::kAfter;
}

std::string ShownRun::name() const {
  return run_ ? gui::display_name(*run_) : "#" + std::to_string(id_);
}

bool draw_stored_banner(ShownRun& shown, const char* id, bool with_stage) {
  if (!shown.active()) return false;
  ImGui::PushID(id);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetFrameHeightWithSpacing();
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(200, 120, 20, 90),
                                            3.0f);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 4, p.y + 1));
  const bool back = ImGui::SmallButton("Back to live session");
  ImGui::SameLine();
  if (shown.loading()) {
    ImGui::Text("Reading stored run %s ...", shown.name().c_str());
  } else if (!shown.error().empty()) {
    ImGui::TextColored(ImVec4(0.9f, 0.25f, 0.2f, 1.0f), "Cannot read run #%lld: %s",
                       static_cast<long long>(shown.id()), shown.error().c_str());
  } else {
    ImGui::Text("Stored run %s (read-only)", shown.name().c_str());
    if (ImGui::IsItemHovered() && shown.run()) {
      const auto& run = *shown.run();
      ImGui::SetTooltip("Started %s, %s\n%s%s%s", run.record.summary.started_at.c_str(),
                        store::to_string(run.record.summary.status).c_str(),
                        run.record.summary.files_dir.c_str(), run.files_note.empty() ? "" : "\n",
                        run.files_note.c_str());
    }
    if (with_stage) {
      ImGui::SameLine();
      ImGui::TextUnformatted("| t-SNE");
      ImGui::SameLine();
      if (ImGui::RadioButton("before", shown.stage() == EmbeddingStage::kBefore)) {
        shown.set_stage(EmbeddingStage::kBefore);
      }
      ImGui::SameLine();
      if (ImGui::RadioButton("after re-training", shown.stage() == EmbeddingStage::kAfter)) {
        shown.set_stage(EmbeddingStage::kAfter);
      }
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::PopID();
  return back;
}

}  // namespace xdd
