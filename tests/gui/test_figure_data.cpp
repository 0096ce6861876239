// What the Export dialog writes: the panels' data as the engine's figure data, and the Embedding
// panel's CSV exports.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "logic/figure_data.h"
#include "logic/layout_export.h"

using namespace xdd::gui;

namespace {

xdd::RunSummary finished(int holdout, double before, double after, std::uint64_t seed,
                         double beta = 1.0) {
  xdd::RunSummary r;
  r.config.holdout = holdout;
  r.config.seed = seed;
  r.config.beta = beta;
  r.before.auprc = before;
  r.after.auprc = after;
  r.chance_auprc = 0.1 + holdout / 100.0;
  return r;
}

// 3 test points of digits 0, 8, 1 and the 18 labeled examples of 2 per known digit (holdout 8).
xdd::TsneLayout small_layout(xdd::EmbeddingStage stage) {
  xdd::TsneLayout l;
  auto frame = std::make_shared<xdd::EmbeddingFrame>();
  frame->stage = stage;
  frame->labels = {0, 8, 1};
  frame->scores = {0.5f, 2.5f, 0.25f};
  l.frame = frame;
  l.test_count = 3;
  l.labeled_count = 18;
  for (int i = 0; i < 21; ++i) l.xy.insert(l.xy.end(), {float(i), float(-i)});
  return l;
}

}  // namespace

TEST(FigureData, LossCurvesOfASnapshot) {
  xdd::Snapshot s;
  s.gan_d_loss = {1.0f, 0.9f};
  s.gan_g_loss = {0.7f, 0.8f};
  auto gan = losses_of(s, "this run", false, 5);
  ASSERT_EQ(gan.series.size(), 2u);
  EXPECT_EQ(gan.series[0].term, "d_loss");
  EXPECT_EQ(gan.series[1].step, (std::vector<double>{5, 6}));
  EXPECT_FLOAT_EQ(gan.series[1].value[1], 0.8f);
  s.loss_names = {"compression", "relevance", "total"};
  s.loss_values = {{3, 2, 1}, {0.5f, 0.25f, 0.125f}, {2.5f, 1.75f, 0.875f}};
  auto retrain = losses_of(s, "#4 xdd", true);
  ASSERT_EQ(retrain.series.size(), 3u);  // re-training replaces the GAN curves
  EXPECT_TRUE(retrain.log_y);
  EXPECT_EQ(retrain.series[2].term, "total");
  EXPECT_EQ(retrain.series[2].run, "#4 xdd");
  EXPECT_EQ(retrain.series[2].step, (std::vector<double>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(retrain.series[1].value[2], 0.125);
}

TEST(FigureData, Figure1KeepsEveryRepetitionOfTheSetting) {
  xdd::ExperimentConfig like;
  like.beta = 1.0;
  const std::vector<xdd::RunSummary> runs = {
      finished(8, 0.2, 0.6, 0), finished(8, 0.3, 0.7, 1), finished(3, 0.1, 0.5, 0),
      finished(3, 0.9, 0.9, 0, 10.0),  // another beta: another setting
  };
  const auto d = figure1_of(xdd::SharedSeries<xdd::RunSummary>(runs), like);
  EXPECT_EQ(d.digits, (std::vector<int>{3, 8}));
  ASSERT_EQ(d.series.size(), 2u);
  EXPECT_EQ(d.series[0].name, "after pre-training");
  EXPECT_EQ(d.series[1].name, "after XDD");
  EXPECT_EQ(d.series[0].values[1], (std::vector<double>{0.2, 0.3}));
  EXPECT_EQ(d.series[1].values[0], (std::vector<double>{0.5}));
  EXPECT_DOUBLE_EQ(d.chance[1], 0.18);
  like.beta = 0.5;
  EXPECT_THROW(figure1_of(xdd::SharedSeries<xdd::RunSummary>(runs), like), xdd::InvalidArgument);
}

TEST(FigureData, TsneSplitsTestPointsAndLabeledExamples) {
  const auto before = small_layout(xdd::EmbeddingStage::kBefore);
  const auto during = [] {
    auto l = small_layout(xdd::EmbeddingStage::kDuring);
    auto f = std::make_shared<xdd::EmbeddingFrame>(*l.frame);
    f->step = 40;
    l.frame = f;
    return l;
  }();
  const auto d = tsne_of(&before, &during, 8, 2, "run");
  EXPECT_EQ(d.heldout, 8);
  EXPECT_EQ(d.before.test.label, (std::vector<int>{0, 8, 1}));
  ASSERT_EQ(d.after.labeled.x.size(), 18u);
  EXPECT_DOUBLE_EQ(d.after.labeled.x[0], 3.0);  // the first labeled example follows the 3 tests
  EXPECT_EQ(d.after.labeled.label[0], 0);
  EXPECT_EQ(d.after.labeled.label[17], 9);  // 2 per known digit: the last pair is digit 9
  EXPECT_EQ(d.after.labeled.label[16], 9);
  EXPECT_EQ(d.after.labeled.label[15], 7);
  EXPECT_EQ(d.after.title, "during re-training, step 40");
  const auto only_after = tsne_of(nullptr, &before, 8, 2, "");
  EXPECT_TRUE(only_after.before.test.x.empty());
  EXPECT_THROW(tsne_of(nullptr, nullptr, 8, 2, ""), xdd::InvalidArgument);
}

TEST(LayoutExport, CsvRowsAndLabeledDigits) {
  const auto l = small_layout(xdd::EmbeddingStage::kAfter);
  const std::string csv = layout_csv(l, l.xy, 8, 2);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "kind,index,x,y,digit,score");
  EXPECT_NE(csv.find("\ntest,1,1,-1,8,2.5\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nlabeled,17,20,-20,9,\n"), std::string::npos) << csv;
  EXPECT_EQ(labeled_digit(0, 90, 0, 10), 1);   // holdout 0: the first known digit is 1
  EXPECT_EQ(labeled_digit(5, 89, 0, 10), -1);  // a count that is not 9 x per_class
  EXPECT_THROW(layout_csv(l, std::vector<float>(4), 8, 2), xdd::InvalidArgument);
}

TEST(LayoutExport, ScoresBeforeAndAfter) {
  const auto before = small_layout(xdd::EmbeddingStage::kBefore),
             after = small_layout(xdd::EmbeddingStage::kAfter);
  const auto scores = scores_of(*before.frame, *after.frame);
  EXPECT_EQ(scores.label, (std::vector<int>{0, 8, 1}));
  EXPECT_EQ(scores.index, (std::vector<long long>{0, 1, 2}));
  EXPECT_DOUBLE_EQ(scores.after[1], 2.5);
  EXPECT_THROW(scores_of(*after.frame, *after.frame), xdd::InvalidArgument);
}
