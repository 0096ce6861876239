// A stored run turned into what the panels draw: the snapshot of the Loss terms, Information
// plane and AUPRC panels, and the fixed layout of the Embedding panel.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "fake_run_folder.h"
#include "logic/stored_run.h"
#include "test_support.h"

using namespace xdd::gui;
namespace fs = std::filesystem;

namespace {

struct StoreWithRun {
  xdd::test::ScratchDir dir;
  std::int64_t id = 0;
  std::unique_ptr<xdd::store::RunStore> store;

  explicit StoreWithRun(const xdd::test::FakeRun& run) {
    xdd::test::write_fake_run_folder(dir.path() / "run", run);
    store = std::make_unique<xdd::store::RunStore>(dir.path() / "runs.db");
    id = store->import_run_folder(dir.path() / "run");
  }
};

}  // namespace

TEST(StoredRun, SnapshotHoldsTheRecordsCurvesMetricsAndPlane) {
  xdd::test::FakeRun fake;
  fake.holdout = 3;
  fake.beta = 0.5;
  StoreWithRun s(fake);
  const StoredRun run = load_stored_run(*s.store, s.id);
  EXPECT_TRUE(run.files_note.empty()) << run.files_note;
  // The fake config's bandwidth is the text "median": not a setting this program can take.
  EXPECT_EQ(run.ignored_settings, (std::vector<std::string>{"bandwidth"}));

  const xdd::Snapshot snap = snapshot_of(run);
  EXPECT_EQ(snap.status, xdd::SessionStatus::kDone);
  EXPECT_EQ(snap.config.holdout, 3);
  EXPECT_EQ(snap.config.preset, xdd::GanPreset::kPaper);
  EXPECT_EQ(snap.config.gan_epochs, 3);
  EXPECT_DOUBLE_EQ(snap.config.beta, 0.5);
  ASSERT_EQ(snap.loss_names, (std::vector<std::string>{"compression", "relevance", "total"}));
  ASSERT_EQ(snap.loss_values[0].size(), 5u);
  for (int step = 0; step < 5; ++step) {  // losses.csv holds 6 significant digits
    EXPECT_NEAR(snap.loss_values[0][step], xdd::test::fake_compression(step), 1e-6);
    EXPECT_NEAR(snap.loss_values[2][step],
                xdd::test::fake_compression(step) - 0.5 * xdd::test::fake_relevance(step), 1e-6);
  }
  EXPECT_EQ(snap.step, 5);
  EXPECT_EQ(snap.gan_d_loss.to_vector(), (std::vector<float>{1.5f, 1.25f}));
  EXPECT_EQ(snap.gan_g_loss.to_vector(), (std::vector<float>{0.7f, 0.8f}));
  ASSERT_TRUE(snap.before && snap.after && snap.after_own);
  EXPECT_DOUBLE_EQ(snap.before->auprc, 0.2);
  EXPECT_DOUBLE_EQ(snap.after->auprc, 0.6);
  EXPECT_DOUBLE_EQ(snap.after->fpr95, 0.5);
  EXPECT_DOUBLE_EQ(snap.after_own->auprc, 0.3);
  EXPECT_DOUBLE_EQ(snap.chance_auprc, 0.0974);
  ASSERT_EQ(snap.info_plane.size(), 3u);
  EXPECT_EQ(snap.info_plane[2].set, xdd::PlaneSet::kLabeled);
  EXPECT_DOUBLE_EQ(snap.info_plane[2].ixz, 3.0);
  EXPECT_DOUBLE_EQ(snap.info_plane[2].izy, 2.0);
  ASSERT_TRUE(snap.embedding);
  ASSERT_EQ(snap.embedding->labels.size(), 20u);
  EXPECT_EQ(snap.embedding->labels[13], 3);
  EXPECT_FLOAT_EQ(snap.embedding->scores[13], 13 * 0.25f);  // score_after
  ASSERT_EQ(snap.finished_runs.size(), 1u);
  EXPECT_EQ(snap.finished_runs[0].config.holdout, 3);
  EXPECT_DOUBLE_EQ(snap.finished_runs[0].after.auprc, 0.6);
}

// A method this version does not know (a stress run's, a later version's): named once among the
// ignored settings, though both the config and the summary column carry it; the rest still reads.
TEST(StoredRun, AnUnknownMethodIsIgnoredOnce) {
  xdd::test::FakeRun fake;
  fake.method = "stress";
  fake.holdout = 4;
  StoreWithRun s(fake);
  const StoredRun run = load_stored_run(*s.store, s.id);
  EXPECT_EQ(run.ignored_settings, (std::vector<std::string>{"bandwidth", "method"}));
  const xdd::ExperimentConfig c = config_of(run.record, nullptr);
  EXPECT_EQ(c.method, xdd::Method::kXdd);  // the default stands
  EXPECT_EQ(c.holdout, 4);
}

TEST(StoredRun, LayoutsCarryDigitsAndTheStagesScores) {
  StoreWithRun s(xdd::test::FakeRun{});
  const StoredRun run = load_stored_run(*s.store, s.id);
  const auto before = layout_of(run, xdd::EmbeddingStage::kBefore, 77);
  const auto after = layout_of(run, xdd::EmbeddingStage::kAfter, 77);
  ASSERT_TRUE(before && after);
  EXPECT_EQ(after->test_count, 20);
  EXPECT_EQ(after->labeled_count, 0);
  ASSERT_EQ(after->xy.size(), 40u);
  EXPECT_FLOAT_EQ(after->xy[2 * 13], 3.0f);      // x = i % 10
  EXPECT_FLOAT_EQ(after->xy[2 * 13 + 1], 1.0f);  // y = i / 10
  EXPECT_EQ(after->frame->labels[13], 3);        // from scores.csv: the file has no label column
  EXPECT_FLOAT_EQ(before->frame->scores[13], 6.5f);
  EXPECT_FLOAT_EQ(after->frame->scores[13], 3.25f);
  EXPECT_EQ(before->frame->stage, xdd::EmbeddingStage::kBefore);
  EXPECT_EQ(before->generation, 77u);
  EXPECT_TRUE(after->settled);
}

TEST(StoredRun, LabeledRowsGoLastAndMissingFilesAreNoted) {
  xdd::test::FakeRun fake;
  fake.optional_files = false;
  StoreWithRun s(fake);
  const fs::path dir = s.dir.path() / "run";
  {
    std::ofstream layout(dir / "layout_after.csv");
    layout << "x,y,label,labeled\n";
    layout << "9,9,2,1\n";  // a labeled example first in the file
    for (int i = 0; i < 20; ++i) layout << i << ",0," << (i % 10) << ",0\n";
  }
  const StoredRun run = load_stored_run(*s.store, s.id);
  EXPECT_NE(run.files_note.find("layout_before.csv"), std::string::npos) << run.files_note;
  EXPECT_EQ(layout_of(run, xdd::EmbeddingStage::kBefore, 1), nullptr);
  const auto after = layout_of(run, xdd::EmbeddingStage::kAfter, 1);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->test_count, 20);
  EXPECT_EQ(after->labeled_count, 1);
  EXPECT_FLOAT_EQ(after->xy[2 * 5], 5.0f);   // test row 5 keeps its place
  EXPECT_FLOAT_EQ(after->xy[2 * 20], 9.0f);  // the labeled example after the test points
  // No gan_losses.csv: the GAN came from the cache.
  const xdd::Snapshot snap = snapshot_of(run);
  EXPECT_TRUE(snap.gan_d_loss.empty());
  EXPECT_TRUE(snap.gan_from_cache);
}

TEST(StoredRun, AGoneFolderOrRunIsReported) {
  StoreWithRun s(xdd::test::FakeRun{});
  fs::remove_all(s.dir.path() / "run");
  const StoredRun run = load_stored_run(*s.store, s.id);
  EXPECT_NE(run.files_note.find("gone"), std::string::npos) << run.files_note;
  EXPECT_FALSE(run.scores);
  const xdd::Snapshot snap = snapshot_of(run);  // the record alone still fills the panels
  EXPECT_EQ(snap.loss_values.size(), 3u);
  EXPECT_FALSE(snap.embedding);
  EXPECT_THROW(load_stored_run(*s.store, s.id + 100), xdd::InvalidArgument);
}
