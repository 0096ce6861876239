#pragma once
// The Compare tab: two or more stored runs side by side. One loss term of every run overlaid (a
// colour per run), a metrics table (AUPRC, AUROC, FPR95 before and after, chance), and their
// t-SNE scatters next to each other (before or after re-training). The runs and their layouts are
// read on a worker. Draws into the caller's window or tab; main thread only.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "logic/background_job.h"
#include "logic/stored_run.h"
#include "panels/panel.h"
#include "render/stored_scatter.h"

namespace xdd {

class ComparePanel : public Panel {
 public:
  // Panel: draws what `context` shows; offers copies of it to the Export dialog.
  bool draw(const PanelContext& context) override;
  ExportOffer export_offer(const PanelContext& context) const override;

  explicit ComparePanel(std::function<void()> wake);

  // Loads these runs of `store_file` (in this order) in the background; an empty list clears.
  void open(const std::filesystem::path& store_file, const std::vector<std::int64_t>& ids);
  // Runs deleted from the store leave the comparison.
  void forget(const std::vector<std::int64_t>& ids);
  void update();  // once a frame: takes a finished load
  // True when the user asked to export (the caller builds the choices from runs()).
  bool draw();

  const std::vector<std::int64_t>& ids() const { return ids_; }
  const std::vector<std::shared_ptr<const gui::StoredRun>>& runs() const { return runs_; }
  // The loss term overlaid ("" before the runs are loaded) and the layouts' stage.
  std::string term() const;
  EmbeddingStage stage() const { return stage_; }
  void set_stage(EmbeddingStage stage);  // before | after (during is taken as after)
  bool log_y() const { return log_y_; }

 private:
  void rebuild();  // series and scatters for the current runs, term and stage
  void draw_curves(float height);
  void draw_table();
  void draw_scatters(ImVec2 avail);

  gui::BackgroundJob<std::vector<std::shared_ptr<const gui::StoredRun>>> loading_;
  std::vector<std::int64_t> ids_;
  std::vector<std::shared_ptr<const gui::StoredRun>> runs_;
  std::string error_;
  std::vector<std::string> terms_;  // every re-training term of the runs, first seen first
  int term_ = 0;
  bool log_y_ = false;
  EmbeddingStage stage_ = EmbeddingStage::kAfter;
  std::vector<SharedSeries<float>> series_;  // per run: the chosen term's values
  std::vector<std::unique_ptr<gui::StoredScatter>> scatters_;
  std::string scatter_error_;
  std::uint64_t generation_ = 0;
};

}  // namespace xdd
