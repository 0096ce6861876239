// Run store: writes, reads, filters and the folder import, checked value by value.
#include <gtest/gtest.h>

#include "core/error.h"
#include "fake_run_folder.h"
#include "store/run_json.h"
#include "store/run_store.h"
#include "store/sqlite_db.h"
#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace xdd::store;

namespace {

json small_config(int holdout, const std::string& method, double beta) {
  return json{{"holdout", holdout}, {"method", method}, {"beta", beta},
              {"seed", 3},          {"bn", "frozen"},   {"retrain_steps", 2}};
}

double step_value(const RunRecord& r, const std::string& phase, std::int64_t step,
                  const std::string& term) {
  for (const auto& s : r.steps) {
    if (s.phase == phase && s.step == step && s.term == term) return s.value;
  }
  ADD_FAILURE() << "no " << phase << "/" << step << "/" << term;
  return 0;
}

}  // namespace

TEST(RunStore, RoundTripOfAWrittenRun) {
  xdd::test::ScratchDir dir;
  RunStore store(dir.path() / "sub" / "runs.db");  // the folder is created
  EXPECT_EQ(store.schema_version(), 4);
  RunStart start;
  start.dataset_name = "mnist";
  start.dataset_checksum = "md5:1234";
  start.test_images = 10000;
  start.files_dir = "/tmp/run-a";
  start.started_at = "2024-05-01T12:00:00Z";
  const auto id = store.begin_run(small_config(8, "xdd", 0.25), start);
  store.append_steps(id, {{"retrain", 0, "compression", 1.5}, {"retrain", 0, "relevance", -2.0}});
  store.append_steps(id, {{"retrain", 1, "compression", 1.25}, {"retrain", 1, "relevance", -1.0}});
  store.append_infoplane(id, {{0, "retrain", xdd::PlaneSet::kLabeled, 3.0, 0.5}});
  EXPECT_EQ(store.get(id).summary.status, RunStatus::running);
  store.finish_run(id,
                   json{{"before", {{"auprc", 0.1}, {"auroc", 0.6}, {"fpr95", 0.95}}},
                        {"after", {{"auprc", 0.4}, {"auroc", 0.9}, {"fpr95", nullptr}}},
                        {"chance_auprc", 0.0974},
                        {"entanglement", {{"before", 2.125}, {"after", nullptr}}},
                        {"seconds", {{"total", 12.5}}}},
                   RunStatus::done);

  const RunRecord r = store.get(id);
  EXPECT_EQ(r.summary.id, id);
  EXPECT_EQ(r.summary.status, RunStatus::done);
  EXPECT_EQ(r.summary.holdout, 8);
  EXPECT_EQ(r.summary.method, "xdd");
  EXPECT_DOUBLE_EQ(*r.summary.beta, 0.25);
  EXPECT_EQ(r.summary.seed, 3);
  EXPECT_EQ(r.summary.dataset_checksum, "md5:1234");
  EXPECT_EQ(r.summary.test_images, 10000);
  EXPECT_EQ(r.summary.program_version, XDD_VERSION);
  EXPECT_EQ(r.summary.started_at, "2024-05-01T12:00:00Z");
  EXPECT_FALSE(r.summary.ended_at.empty());
  EXPECT_EQ(r.summary.files_dir, "/tmp/run-a");
  EXPECT_DOUBLE_EQ(*r.summary.chance_auprc, 0.0974);
  ASSERT_TRUE(r.summary.entanglement_before);
  EXPECT_DOUBLE_EQ(*r.summary.entanglement_before, 2.125);
  EXPECT_FALSE(r.summary.entanglement_after);  // null stays unknown
  EXPECT_EQ(r.config["bn"], "frozen");
  EXPECT_EQ(r.seconds["total"], 12.5);
  ASSERT_EQ(r.steps.size(), 4u);
  EXPECT_DOUBLE_EQ(step_value(r, "retrain", 1, "compression"), 1.25);
  EXPECT_DOUBLE_EQ(step_value(r, "retrain", 0, "relevance"), -2.0);
  ASSERT_EQ(r.infoplane.size(), 1u);
  EXPECT_DOUBLE_EQ(r.infoplane[0].ixz, 3.0);
  EXPECT_EQ(r.infoplane[0].set, xdd::PlaneSet::kLabeled);
  ASSERT_EQ(r.summary.metrics.size(), 2u);
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("kde_before").auprc, 0.1);
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("kde_after").auroc, 0.9);
  EXPECT_TRUE(std::isnan(r.summary.metrics.at("kde_after").fpr95));  // null stays unknown

  const json j = to_json(r);
  EXPECT_EQ(j["losses"]["retrain"]["step"], json({0, 1}));
  EXPECT_EQ(j["losses"]["retrain"]["compression"], json({1.5, 1.25}));
  EXPECT_TRUE(j["metrics"]["kde_after"]["fpr95"].is_null());
  EXPECT_EQ(j["dataset"]["test_images"], 10000);
  EXPECT_EQ(j["entanglement"]["before"], 2.125);
  EXPECT_TRUE(j["entanglement"]["after"].is_null());
  EXPECT_EQ(j["infoplane"][0]["set"], "labeled");
}

TEST(RunStore, InformationPlaneSetNames) {
  for (xdd::PlaneSet set : {xdd::PlaneSet::kLabeled, xdd::PlaneSet::kTest}) {
    EXPECT_TRUE(xdd::parse_plane_set(xdd::plane_set_name(set)) == set) << xdd::plane_set_name(set);
  }
  EXPECT_TRUE(xdd::parse_plane_set("train") == xdd::PlaneSet::kLabeled);  // the first stores' name
  EXPECT_FALSE(xdd::parse_plane_set("Test"));
  EXPECT_FALSE(xdd::parse_plane_set(""));
}

TEST(RunStore, WritesAreRefusedOnceARunIsFinished) {
  xdd::test::ScratchDir dir;
  RunStore store(dir.path() / "runs.db");
  const auto id = store.begin_run(small_config(1, "softmax", 0));
  store.append_steps(id, {{"retrain", 0, "ce", 2.0}});
  // A duplicate (phase, step, term) rolls back the whole batch, including its valid first row.
  EXPECT_THROW(store.append_steps(id, {{"retrain", 1, "ce", 1.0}, {"retrain", 0, "ce", 9.0}}),
               xdd::InvalidArgument);
  EXPECT_EQ(store.get(id).steps.size(), 1u);
  EXPECT_THROW(store.finish_run(id, json::object(), RunStatus::running), xdd::InvalidArgument);
  store.finish_run(id, json::object(), RunStatus::stopped);
  EXPECT_THROW(store.append_steps(id, {{"retrain", 5, "ce", 1.0}}), xdd::InvalidArgument);
  EXPECT_THROW(store.finish_run(id, json::object(), RunStatus::done), xdd::InvalidArgument);
  EXPECT_THROW(store.get(id + 100), xdd::InvalidArgument);
  EXPECT_THROW(store.begin_run(json::array()), xdd::InvalidArgument);
  EXPECT_THROW(store.begin_run(json{{"holdout", "eight"}}), xdd::InvalidArgument);
}

TEST(RunStore, ListFiltersAndRemoveCascades) {
  xdd::test::ScratchDir dir;
  RunStore store(dir.path() / "runs.db");
  const auto a = store.begin_run(small_config(8, "xdd", 0.1));
  const auto b = store.begin_run(small_config(8, "xdd", 1.0));
  const auto c = store.begin_run(small_config(3, "mcdd", 0.1));
  store.append_steps(a, {{"retrain", 0, "total", 1.0}});
  store.finish_run(a, json{{"after", {{"auprc", 0.5}, {"auroc", 0.5}, {"fpr95", 0.5}}}},
                   RunStatus::done);
  store.finish_run(c, json::object(), RunStatus::failed);

  EXPECT_EQ(store.list().size(), 3u);
  EXPECT_EQ(store.list().front().id, c);  // newest first
  RunFilter f;
  f.holdout = 8;
  EXPECT_EQ(store.list(f).size(), 2u);
  f.beta = 0.1;  // 0.1 stored as a double is found again
  auto found = store.list(f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, a);
  EXPECT_DOUBLE_EQ(found[0].metrics.at("kde_after").auprc, 0.5);
  RunFilter by_status;
  by_status.status = RunStatus::running;
  ASSERT_EQ(store.list(by_status).size(), 1u);
  EXPECT_EQ(store.list(by_status)[0].id, b);
  RunFilter by_method;
  by_method.method = "mcdd";
  EXPECT_EQ(store.list(by_method).at(0).status, RunStatus::failed);

  store.remove(a);
  EXPECT_FALSE(store.contains(a));
  EXPECT_EQ(store.list().size(), 2u);
  EXPECT_THROW(store.remove(a), xdd::InvalidArgument);
  // The steps and metrics went with the run (foreign keys cascade).
  xdd::sql::Database raw(dir.path() / "runs.db");
  xdd::sql::Statement steps(raw, "SELECT count(*) FROM steps WHERE run_id = ?");
  steps.bind(1, a).step();
  EXPECT_EQ(steps.int64(0), 0);
  xdd::sql::Statement metrics(raw, "SELECT count(*) FROM metrics WHERE run_id = ?");
  metrics.bind(1, a).step();
  EXPECT_EQ(metrics.int64(0), 0);
}

TEST(RunStore, ImportsARunFolder) {
  xdd::test::ScratchDir dir;
  xdd::test::FakeRun fake;
  fake.holdout = 4;
  fake.beta = 2.0;
  fake.steps = 4;
  write_fake_run_folder(dir.path() / "run1", fake);
  RunStore store(dir.path() / "runs.db");
  const auto id = store.import_run_folder(dir.path() / "run1");
  const RunRecord r = store.get(id);
  EXPECT_EQ(r.summary.status, RunStatus::done);
  EXPECT_EQ(r.summary.holdout, 4);
  EXPECT_DOUBLE_EQ(*r.summary.beta, 2.0);
  EXPECT_EQ(r.summary.dataset_name, "mnist");
  EXPECT_EQ(r.summary.dataset_checksum, "abc123");
  EXPECT_EQ(r.summary.program_version, "0.1.0");
  EXPECT_EQ(r.summary.files_dir, fs::weakly_canonical(dir.path() / "run1").string());
  EXPECT_EQ(r.config["estimator"], "kde");
  EXPECT_EQ(r.compute["device"], "cpu");
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("kde_before").auprc, 0.2);
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("kde_after").auprc, 0.6);
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("own_after").auprc, 0.3);
  // 4 retrain steps x 3 terms + 2 GAN steps x 5 columns.
  EXPECT_EQ(r.steps.size(), 4u * 3 + 2 * 5);
  EXPECT_NEAR(step_value(r, "retrain", 2, "compression"), 1.0 / 3, 1e-6);
  EXPECT_NEAR(step_value(r, "retrain", 3, "total"), 0.25 - 2.0 * 1.5, 1e-6);
  EXPECT_DOUBLE_EQ(step_value(r, "pretrain", 1, "d_loss"), 1.25);
  ASSERT_EQ(r.infoplane.size(), 3u);
  EXPECT_DOUBLE_EQ(r.infoplane[2].izy, 2.0);
  // started_at is the end minus seconds.total (15 s); both are whole seconds.
  EXPECT_LT(r.summary.started_at, r.summary.ended_at);

  EXPECT_EQ(store.find_by_folder(dir.path() / "run1"), id);
  EXPECT_THROW(store.import_run_folder(dir.path() / "run1"), xdd::InvalidArgument);
  EXPECT_THROW(store.import_run_folder(dir.path() / "missing"), xdd::IoError);
  EXPECT_EQ(store.list().size(), 1u);
}

TEST(RunStore, MalformedRunFolderImportsNothing) {
  xdd::test::ScratchDir dir;
  write_fake_run_folder(dir.path() / "bad", xdd::test::FakeRun{});
  std::ofstream(dir.path() / "bad" / "losses.csv") << "step,total\n0,1.0\n1,abc\n";
  RunStore store(dir.path() / "runs.db");
  EXPECT_THROW(store.import_run_folder(dir.path() / "bad"), xdd::DataError);
  std::ofstream(dir.path() / "bad" / "losses.csv") << "step,total\n0,1.0\n";
  std::ofstream(dir.path() / "bad" / "metrics.json") << "{\"holdout\": 3, ";  // truncated
  EXPECT_THROW(store.import_run_folder(dir.path() / "bad"), xdd::DataError);
  EXPECT_TRUE(store.list().empty());
}

// Found by tests/test_fuzz_run_folder.cpp: a step of 1e300 was converted to an integer (undefined
// behaviour), a wall time of 1e300 s overflowed the start-time arithmetic, and errors from the
// row writers did not say which folder held the bad value.
TEST(RunStore, HostileRunFolderValuesAreRefusedNamingTheFolder) {
  xdd::test::ScratchDir dir;
  const fs::path run = dir.path() / "run";
  RunStore store(dir.path() / "runs.db");
  auto expect_refused = [&](const std::string& file, const std::string& content) {
    SCOPED_TRACE(file + ": " + content.substr(0, 80));
    write_fake_run_folder(run, xdd::test::FakeRun{});
    std::ofstream(run / file) << content;
    try {
      store.import_run_folder(run);
      ADD_FAILURE() << "imported";
    } catch (const xdd::Error& e) {
      EXPECT_NE(std::string(e.what()).find(run.string()), std::string::npos) << e.what();
    }
  };
  expect_refused("losses.csv", "step,total\n1e300,1.0\n");
  expect_refused("losses.csv", "step,total\n9223372036854775808,1.0\n");
  expect_refused("losses.csv", "step,,total\n0,1,2\n");  // a term without a name
  expect_refused("infoplane.csv", "step,phase,set,ixz,izy\n0,retrain,training,1,1\n");
  json metrics = xdd::test::fake_metrics_json(xdd::test::FakeRun{});
  metrics["config"]["holdout"] = "eight";
  expect_refused("metrics.json", metrics.dump());
  metrics["config"]["holdout"] = 8;
  metrics["after"]["auprc"] = "high";
  expect_refused("metrics.json", metrics.dump());
  metrics["after"]["auprc"] = 0.6;
  metrics["entanglement"]["before"] = "high";  // checked like the metrics
  expect_refused("metrics.json", metrics.dump());
  metrics["entanglement"] = 2.1;
  expect_refused("metrics.json", metrics.dump());
  EXPECT_TRUE(store.list().empty());

  write_fake_run_folder(run, xdd::test::FakeRun{});
  metrics = xdd::test::fake_metrics_json(xdd::test::FakeRun{});
  metrics["seconds"]["total"] = 1e300;
  std::ofstream(run / "metrics.json") << metrics.dump();
  const RunRecord r = store.get(store.import_run_folder(run));
  EXPECT_EQ(r.summary.started_at, r.summary.ended_at);  // no start time can be derived
}
