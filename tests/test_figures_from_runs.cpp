// Figure inputs built from stored runs: which values go into which series.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "fake_run_folder.h"
#include "figures/from_runs.h"
#include "store/run_store.h"
#include "test_support.h"

using namespace xdd::figures;
using xdd::store::Metrics;
using xdd::store::RunStatus;
using xdd::store::RunSummary;

namespace {

RunSummary run(std::int64_t id, int holdout, const std::string& method, double beta, int seed,
               double before, double after) {
  RunSummary r;
  r.id = id;
  r.status = RunStatus::done;
  r.holdout = holdout;
  r.method = method;
  r.beta = beta;
  r.seed = seed;
  r.dataset_checksum = "c";
  r.chance_auprc = holdout == 8 ? 0.0974 : 0.101;
  r.metrics["kde_before"] = Metrics{before, 0, 0};
  r.metrics["kde_after"] = Metrics{after, 0, 0};
  return r;
}

}  // namespace

TEST(FiguresFromRuns, Figure1CountsSharedPretrainingOnce) {
  std::vector<RunSummary> runs;
  std::int64_t id = 1;
  for (int h : {8, 3}) {
    for (int seed : {1, 2}) {
      const double before = 0.1 * h / 8 + 0.01 * seed;
      runs.push_back(run(id++, h, "softmax", 0, seed, before, 0.3 + 0.01 * seed));
      runs.push_back(run(id++, h, "xdd", 1.0, seed, before, 0.5 + 0.02 * seed));
    }
  }
  RunSummary running = run(id++, 5, "xdd", 1.0, 1, 0.9, 0.9);
  running.status = RunStatus::running;  // unfinished runs are not plotted
  runs.push_back(running);

  const Figure1Data d = figure1_from_runs(runs);
  EXPECT_EQ(d.digits, (std::vector<int>{3, 8}));
  ASSERT_EQ(d.series.size(), 3u);
  EXPECT_EQ(d.series[0].name, "after pre-training");
  EXPECT_EQ(d.series[1].name, "after XDD");  // XDD takes the second colour (orange)
  EXPECT_EQ(d.series[2].name, "after softmax");
  // Both methods report the same pre-trained AUPRC per (digit, seed): two values, not four.
  ASSERT_EQ(d.series[0].values[1].size(), 2u);
  EXPECT_DOUBLE_EQ(d.series[0].values[1][0], 0.11);
  EXPECT_DOUBLE_EQ(d.series[0].values[1][1], 0.12);
  EXPECT_EQ(d.series[1].values[0], (std::vector<double>{0.52, 0.54}));
  EXPECT_EQ(d.series[2].values[1], (std::vector<double>{0.31, 0.32}));
  EXPECT_DOUBLE_EQ(d.chance[0], 0.101);
  EXPECT_DOUBLE_EQ(d.chance[1], 0.0974);

  runs.push_back(run(id++, 8, "xdd", 4.0, 1, 0.11, 0.7));  // a second beta for XDD
  const Figure1Data two_betas = figure1_from_runs(runs);
  ASSERT_EQ(two_betas.series.size(), 4u);
  EXPECT_EQ(two_betas.series[1].name, "after XDD (β=1)");
  EXPECT_EQ(two_betas.series[2].name, "after XDD (β=4)");
  EXPECT_THROW(figure1_from_runs({running}), xdd::InvalidArgument);
}

TEST(FiguresFromRuns, TsneLayoutsFromARunFolder) {
  xdd::test::ScratchDir dir;
  xdd::test::FakeRun fake;
  fake.test_images = 30;
  write_fake_run_folder(dir.path() / "run", fake);
  RunSummary r = run(4, 8, "xdd", 1.0, 1, 0.1, 0.5);
  r.files_dir = (dir.path() / "run").string();
  TsneFigureData d = tsne_from_run(r);
  EXPECT_EQ(d.heldout, 8);
  ASSERT_EQ(d.before.test.x.size(), 30u);
  EXPECT_EQ(d.after.test.label[17], 7);  // from scores.csv: label = index % 10
  EXPECT_DOUBLE_EQ(d.after.test.x[17], 7);
  EXPECT_DOUBLE_EQ(d.after.test.y[17], 1);
  EXPECT_TRUE(d.after.labeled.x.empty());

  // A layout that also holds the labeled examples marks them in a `labeled` column.
  std::ofstream(dir.path() / "run" / "layout_after.csv") << "x,y,label,labeled\n0,0,1,0\n1,1,2,0\n"
                                                            "2,2,1,1\n";
  d = tsne_from_run(r);
  ASSERT_EQ(d.after.test.x.size(), 2u);
  ASSERT_EQ(d.after.labeled.x.size(), 1u);
  EXPECT_EQ(d.after.labeled.label[0], 1);
  std::filesystem::remove(dir.path() / "run" / "layout_before.csv");
  EXPECT_THROW(tsne_from_run(r), xdd::IoError);
}

TEST(FiguresFromRuns, LossesAndInfoPlaneFromStoredRuns) {
  xdd::test::ScratchDir dir;
  xdd::test::FakeRun fake;
  fake.steps = 6;
  fake.beta = 0.5;
  write_fake_run_folder(dir.path() / "run", fake);
  xdd::store::RunStore store(dir.path() / "runs.db");
  const auto id = store.import_run_folder(dir.path() / "run");
  const auto record = store.get(id);

  const LossFigureData losses = losses_from_runs({record});
  ASSERT_EQ(losses.series.size(), 3u);
  for (const auto& s : losses.series) {
    ASSERT_EQ(s.step.size(), 6u);
    EXPECT_EQ(s.run, "#" + std::to_string(id) + " xdd β=0.5 h=8");
    if (s.term == "relevance") {
      EXPECT_DOUBLE_EQ(s.value[4], 2.0);
    }
    if (s.term == "compression") {
      EXPECT_NEAR(s.value[2], 1.0 / 3, 1e-6);
    }
  }
  const LossFigureData gan = losses_from_runs({record}, "pretrain", {"d_loss", "g_loss"});
  ASSERT_EQ(gan.series.size(), 2u);
  EXPECT_DOUBLE_EQ(gan.series[0].value[1], 1.25);

  const InfoPlaneFigureData plane = infoplane_from_runs({record, record});
  ASSERT_EQ(plane.paths.size(), 2u);
  EXPECT_EQ(plane.paths[0].label, "#" + std::to_string(id) + " β=0.5");  // shared beta: id added
  EXPECT_EQ(plane.paths[0].ixz, (std::vector<double>{4.0, 3.5, 3.0}));
  EXPECT_EQ(plane.paths[0].izy, (std::vector<double>{1.0, 1.5, 2.0}));
  EXPECT_TRUE(infoplane_from_runs({record}, xdd::PlaneSet::kTest).paths[0].ixz.empty());
}
