// The app's state in a session file and back; files this program did not write are refused
// whole.
#include <gtest/gtest.h>

#include "core/error.h"
#include "logic/app_session.h"
#include "test_support.h"

using namespace xdd::gui;

namespace {

AppSession sample() {
  AppSession a;
  a.settings.holdout = 3;
  a.settings.beta = 0.25;
  a.settings.method = xdd::Method::kSoftmax;
  a.settings.retrain_steps = 77;
  a.view.presentation = true;
  a.view.centre_tab = xdd::PanelId::kCompare;
  a.view.curve_tab = xdd::PanelId::kInfoPlane;
  a.view.plane_set = xdd::PlaneSet::kTest;
  a.view.plane_zoom = true;
  a.view.loss_log = true;
  a.view.color_by = ColorMode::kScore;
  a.view.filter.holdout = 8;
  a.view.filter.method = "xdd";
  a.view.filter.beta = 1.0;
  a.view.filter.status = xdd::store::RunStatus::done;
  a.view.sort = {RunsColumn::kAuprcAfter, true};
  a.view.shown_run = 12;
  a.view.shown_stage = xdd::EmbeddingStage::kBefore;
  a.view.compared = {12, 4, 9};
  a.store_file = "/tmp/x/runs.db";
  return a;
}

}  // namespace

TEST(AppSession, RoundTripThroughTheFile) {
  xdd::test::ScratchDir dir;
  const auto file = dir.path() / "s.json";
  xdd::store::save_session(file, to_session(sample()));
  const AppSession back = app_session_from(xdd::store::load_session(file), {});
  EXPECT_EQ(back.settings.holdout, 3);
  EXPECT_DOUBLE_EQ(back.settings.beta, 0.25);
  EXPECT_EQ(back.settings.method, xdd::Method::kSoftmax);
  EXPECT_EQ(back.settings.retrain_steps, 77);
  const AppView& v = back.view;
  EXPECT_TRUE(v.presentation);
  EXPECT_EQ(v.centre_tab, xdd::PanelId::kCompare);
  EXPECT_EQ(v.curve_tab, xdd::PanelId::kInfoPlane);
  EXPECT_EQ(v.plane_set, xdd::PlaneSet::kTest);
  EXPECT_TRUE(v.plane_zoom);
  EXPECT_TRUE(v.loss_log);
  EXPECT_EQ(v.color_by, ColorMode::kScore);
  EXPECT_EQ(v.filter.holdout, 8);
  EXPECT_EQ(v.filter.method, "xdd");
  EXPECT_EQ(v.filter.beta, 1.0);
  EXPECT_EQ(v.filter.status, xdd::store::RunStatus::done);
  EXPECT_EQ(v.sort.column, RunsColumn::kAuprcAfter);
  EXPECT_TRUE(v.sort.ascending);
  EXPECT_EQ(v.shown_run, 12);
  EXPECT_EQ(v.shown_stage, xdd::EmbeddingStage::kBefore);
  EXPECT_EQ(v.compared, (std::vector<std::int64_t>{12, 4, 9}));
  EXPECT_EQ(back.store_file, "/tmp/x/runs.db");
}

TEST(AppSession, MissingViewKeysTakeDefaults) {
  xdd::store::Session s;
  s.settings = {{"holdout", 5}};
  xdd::ExperimentConfig base;
  base.retrain_steps = 33;  // settings are laid over the app's own
  const AppSession a = app_session_from(s, base);
  EXPECT_EQ(a.settings.holdout, 5);
  EXPECT_EQ(a.settings.retrain_steps, 33);
  EXPECT_EQ(a.view.centre_tab, xdd::PanelId::kEmbedding);
  EXPECT_FALSE(a.view.shown_run);
  EXPECT_FALSE(a.view.filter.holdout);
}

TEST(AppSession, ValuesThisProgramDidNotWriteAreRefused) {
  auto refused = [](const xdd::store::Session& s, const std::string& word) {
    try {
      app_session_from(s, {});
    } catch (const xdd::DataError& e) {
      return std::string(e.what()).find(word) != std::string::npos;
    }
    return false;
  };
  xdd::store::Session s = to_session(sample());
  s.settings["colour"] = 1;
  EXPECT_TRUE(refused(s, "colour"));
  s = to_session(sample());
  s.settings["holdout"] = 12;  // out of range
  EXPECT_TRUE(refused(s, "holdout"));
  s = to_session(sample());
  s.view["centre_tab"] = "gallery";
  EXPECT_TRUE(refused(s, "centre_tab"));
  s = to_session(sample());
  s.view["curve_tab"] = "auprc";  // a panel, but not one of the curve tabs
  EXPECT_TRUE(refused(s, "curve_tab"));
  s = to_session(sample());
  s.view["plane_set"] = "train";  // the store's old name; this program writes labeled
  EXPECT_TRUE(refused(s, "plane_set"));
  s = to_session(sample());
  s.view["color_by"] = "seed";
  EXPECT_TRUE(refused(s, "color_by"));
  s = to_session(sample());
  s.view["loss_log"] = "yes";
  EXPECT_TRUE(refused(s, "loss_log"));
  s = to_session(sample());
  s.view["sort"]["column"] = "colour";
  EXPECT_TRUE(refused(s, "sort"));
  s = to_session(sample());
  s.view["filter"]["status"] = "sleeping";
  EXPECT_TRUE(refused(s, "status"));
  s = to_session(sample());
  s.view["filter"]["holdout"] = 10;
  EXPECT_TRUE(refused(s, "holdout"));
}
