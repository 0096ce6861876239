// The app's finished runs reach the run store: the session hands each finished run on, and the
// recorder writes its folder (with t-SNE layouts) and imports it.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "pipeline/finished_run.h"
#include "session/experiment_session.h"
#include "session/run_recorder.h"
#include "store/run_artifacts.h"
#include "store/run_store.h"
#include "test_support.h"
#include "tsne/tsne_params.h"

using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

xdd::ExperimentConfig tiny(const fs::path& cache) {
  xdd::ExperimentConfig c;
  c.data_dir = xdd::test::small_mnist_dir();
  c.preset = xdd::GanPreset::kTiny;
  c.gan_epochs = 1;
  c.retrain_steps = 5;
  c.threads = 1;
  c.device = xdd::DeviceChoice::kCpu;
  c.cache_dir = cache;
  c.holdout = 3;
  c.beta = 0.5;
  return c;
}

}  // namespace

TEST(RunRecorder, FolderNamesAreNewAndNamedAfterTheRun) {
  xdd::test::ScratchDir dir;
  xdd::ExperimentConfig c;
  c.holdout = 8;
  c.beta = 0.5;
  c.seed = 2;
  const fs::path first = xdd::new_run_folder(dir.path(), c, "2024-05-01T12:00:00Z");
  EXPECT_EQ(first.filename(), "h8-xdd-beta0.5-seed2-20240501T120000Z");
  fs::create_directories(first);
  const fs::path second = xdd::new_run_folder(dir.path(), c, "2024-05-01T12:00:00Z");
  EXPECT_EQ(second.filename(), "h8-xdd-beta0.5-seed2-20240501T120000Z-2");
}

TEST(RunRecorder, RecordsTheSessionsFinishedRunWithLayouts) {
  xdd::test::ScratchDir scratch;
  const fs::path db = scratch.path() / "store" / "runs.db";
  xdd::RunRecorder recorder({db, scratch.path() / "runs", true, 1});
  {
    xdd::ExperimentSession session({}, [&](xdd::FinishedRun run) {
      EXPECT_EQ(run.before.stage, xdd::EmbeddingStage::kBefore);
      EXPECT_EQ(run.after.stage, xdd::EmbeddingStage::kAfter);
      recorder.record(std::move(run));
    });
    session.start(tiny(scratch.path() / "cache"));
    ASSERT_TRUE(session.wait_until_idle(120s));
    ASSERT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone) << session.snapshot()->error;
  }
  ASSERT_TRUE(recorder.wait_until_idle(120s));
  const xdd::RecorderStatus st = recorder.status();
  EXPECT_EQ(st.recorded, 1u) << st.last_error;
  EXPECT_EQ(st.failed, 0u);
  EXPECT_EQ(st.queued, 0u);

  xdd::store::RunStore store(db);
  const auto runs = store.list();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].id, st.last_id);
  EXPECT_EQ(runs[0].holdout, 3);
  EXPECT_EQ(runs[0].status, xdd::store::RunStatus::done);
  EXPECT_DOUBLE_EQ(runs[0].beta.value_or(-1), 0.5);
  EXPECT_EQ(fs::path(runs[0].files_dir), fs::absolute(st.last_folder).lexically_normal());
  const xdd::store::RunRecord record = store.get(runs[0].id);
  size_t retrain_values = 0;
  for (const auto& step : record.steps) retrain_values += step.phase == "retrain";
  EXPECT_EQ(retrain_values, 5u * 6u);  // compression, relevance, total and their grad_ per step

  // The layouts hold the 500 test images and the 90 labeled examples, labelled by digit.
  for (const char* name : {"layout_before.csv", "layout_after.csv"}) {
    const auto layout = xdd::store::read_layout(st.last_folder / name);
    ASSERT_EQ(layout.x.size(), 590u) << name;
    size_t labeled = 0;
    for (bool b : layout.labeled) labeled += b;
    EXPECT_EQ(labeled, 90u);
    EXPECT_EQ(layout.label[0], xdd::store::read_scores(st.last_folder / "scores.csv").label[0]);
  }
}

TEST(RunRecorder, AStoreThatCannotBeOpenedIsReportedNotThrown) {
  xdd::test::ScratchDir scratch;
  const fs::path blocker = scratch.path() / "file";
  std::ofstream(blocker) << "not a folder";
  xdd::RunRecorder recorder({blocker / "runs.db", scratch.path() / "runs", false, 1});
  {
    xdd::ExperimentSession session({},
                                   [&](xdd::FinishedRun run) { recorder.record(std::move(run)); });
    session.start(tiny(scratch.path() / "cache"));
    ASSERT_TRUE(session.wait_until_idle(120s));
    EXPECT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone);
  }
  ASSERT_TRUE(recorder.wait_until_idle(60s));
  const xdd::RecorderStatus st = recorder.status();
  EXPECT_EQ(st.recorded, 0u);
  EXPECT_EQ(st.failed, 1u);
  EXPECT_NE(st.last_error.find(blocker.string()), std::string::npos) << st.last_error;
}

TEST(RunRecorder, APausedRecorderWaitsAndResumesWhereItStopped) {
  xdd::test::ScratchDir scratch;
  const fs::path db = scratch.path() / "store" / "runs.db";
  xdd::RunRecorder recorder({db, scratch.path() / "runs", true, 1});
  xdd::FinishedRun finished;
  {
    xdd::ExperimentSession session({}, [&](xdd::FinishedRun run) { finished = std::move(run); });
    session.start(tiny(scratch.path() / "cache"));
    ASSERT_TRUE(session.wait_until_idle(120s));
    ASSERT_EQ(session.snapshot()->status, xdd::SessionStatus::kDone) << session.snapshot()->error;
  }
  // The layouts reach their pause point every few iterations, where a paused recorder holds.
  int pause_points = 0;
  xdd::write_run_folder(finished, scratch.path() / "direct", {true, 1, [&] { ++pause_points; }});
  EXPECT_GE(pause_points, 2 * 1000 / xdd::TsneParams().kl_every);
  recorder.set_paused(true);
  recorder.record(finished);
  EXPECT_FALSE(recorder.wait_until_idle(1500ms));  // held before it starts
  EXPECT_EQ(recorder.status().recorded, 0u);
  EXPECT_EQ(recorder.status().queued, 1u);
  recorder.set_paused(false);
  ASSERT_TRUE(recorder.wait_until_idle(120s));
  EXPECT_EQ(recorder.status().recorded, 1u);
  EXPECT_TRUE(fs::exists(recorder.status().last_folder / "layout_after.csv"));
  // Paused with two runs queued, it writes the first (each holds its embeddings until written) and
  // holds the second.
  recorder.set_paused(true);
  recorder.record(finished);
  recorder.record(finished);
  for (int i = 0; i < 1200 && recorder.status().recorded < 2; ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(recorder.status().recorded, 2u);
  EXPECT_FALSE(recorder.wait_until_idle(1500ms));
  EXPECT_EQ(recorder.status().queued, 1u);
  recorder.set_paused(false);
  ASSERT_TRUE(recorder.wait_until_idle(120s));
  EXPECT_EQ(recorder.status().recorded, 3u);
  // Paused again with a run queued, the destructor still finishes it (the app's exit).
  {
    xdd::RunRecorder closing({db, scratch.path() / "runs", true, 1});
    closing.set_paused(true);
    closing.record(finished);
  }
  EXPECT_EQ(xdd::store::RunStore(db).list().size(), 4u);
}
