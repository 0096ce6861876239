#pragma once
// The stored run the panels show instead of the live session (Runs > Show in panels): its record
// and files are read on a worker (logic/stored_run.h), then the Loss terms, Information plane,
// AUPRC and Embedding panels draw its snapshot and its stored t-SNE layout, read-only, under a
// banner that names it and leads back to the live session. The live session keeps running
// meanwhile.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "logic/background_job.h"
#include "logic/stored_run.h"

namespace xdd {

class ShownRun {
 public:
  explicit ShownRun(std::function<void()> wake);

  void open(const std::filesystem::path& store_file, std::int64_t id);
  void close();   // back to the live session
  void update();  // once a frame: takes a finished load

  bool active() const { return id_ != 0; }  // a stored run is shown (or being read)
  std::int64_t id() const { return id_; }
  bool loading() const { return loading_.busy(); }
  const std::string& error() const { return error_; }
  // Null while loading (the panels then show the live session until it is read).
  const std::shared_ptr<const gui::StoredRun>& run() const { return run_; }
  const std::shared_ptr<const Snapshot>& snapshot() const { return snapshot_; }
  // The stored layout of the stage shown (null when the run has none).
  std::shared_ptr<const TsneLayout> layout() const;
  EmbeddingStage stage() const { return stage_; }
  void set_stage(EmbeddingStage stage);  // before | after (during is taken as after)
  std::string name() const;              // "#12 xdd β=1 h=8", or "#12" while loading

 private:
  gui::BackgroundJob<std::shared_ptr<const gui::StoredRun>> loading_;
  std::int64_t id_ = 0;
  std::shared_ptr<const gui::StoredRun> run_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::shared_ptr<const TsneLayout> before_, after_;
  EmbeddingStage stage_ = EmbeddingStage::kAfter;
  std::string error_;
  std::uint64_t generation_ = std::uint64_t{1} << 60;  // apart from the live t-SNE's
};

// The strip above a panel that shows a stored run: its name, "stored run, read-only", the stage
// switch of its layout (with_stage) and "Back to live session". True when that was clicked.
bool draw_stored_banner(ShownRun& shown, const char* id, bool with_stage = false);

}  // namespace xdd
