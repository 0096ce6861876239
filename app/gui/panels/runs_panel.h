#pragma once
// The Runs tab: the run store as a table (the same database `xdd runs` lists), with filters
// (held-out digit, method, β, status) and a sort on any column. A row can be shown in the panels
// (double-click or "Show in panels"), ticked rows compared side by side, and runs deleted after a
// confirmation. Every store read and delete runs on a worker (logic/background_job.h); the list
// reloads by itself when the store file changes (a run the session finished, a `xdd run` or a
// sweep elsewhere). Draws into the caller's window or tab.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "logic/background_job.h"
#include "logic/runs_table.h"
#include "store/run_record.h"

namespace xdd {

// What the user asked for in the last frame.
struct RunsPanelRequest {
  std::optional<std::int64_t> show;                  // reload this run into the panels
  std::optional<std::vector<std::int64_t>> compare;  // open these in the Compare tab
  std::vector<std::int64_t> deleted;                 // runs removed from the store this frame
};

class RunsPanel {
 public:
  RunsPanel(std::filesystem::path store_file, std::function<void()> wake);

  // Once a frame, drawn or not: takes a finished load or delete, and reloads when the store's
  // files changed on disk.
  void update();
  RunsPanelRequest draw(bool presentation_mode);

  void reload();
  void set_store(const std::filesystem::path& store_file);  // and reload
  const std::filesystem::path& store_file() const { return store_file_; }

  gui::RunsFilter& filter() { return filter_; }
  const gui::RunsFilter& filter() const { return filter_; }
  const gui::RunsSort& sort() const { return sort_; }
  void set_sort(const gui::RunsSort& sort);
  const std::vector<store::RunSummary>& runs() const { return runs_; }
  // The row under the cursor of the table (0: none), e.g. the one shown in the panels.
  void set_current(std::int64_t id) { current_ = id; }

 private:
  struct Listing {
    std::vector<store::RunSummary> runs;
    bool store_exists = true;
  };
  void draw_toolbar(RunsPanelRequest& request);
  void draw_filters();
  void draw_table(RunsPanelRequest& request);
  void draw_delete_confirmation();
  bool store_changed_on_disk();
  std::vector<std::int64_t> ticked_ids() const;

  std::filesystem::path store_file_;
  gui::BackgroundJob<Listing> listing_;
  gui::BackgroundJob<std::vector<std::int64_t>> deleting_;
  std::vector<store::RunSummary> runs_;
  bool store_exists_ = true;
  std::string error_;
  std::string notice_;      // last delete's outcome
  std::string seen_files_;  // modification times and sizes of the store's files, as last read

  gui::RunsFilter filter_;
  gui::RunsSort sort_;
  int table_generation_ = 0;       // a new table id applies a sort set from outside (session)
  std::vector<std::size_t> rows_;  // visible rows this frame
  std::set<std::int64_t> ticked_;
  std::int64_t current_ = 0;
  std::vector<std::int64_t> to_delete_;  // waiting for the confirmation
};

}  // namespace xdd
