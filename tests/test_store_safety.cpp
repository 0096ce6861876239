// Run store safety: files it must refuse are left byte for byte as they were, older schemas are
// migrated, and a reader in another thread sees whole transactions while a run writes.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "core/error.h"
#include "store/run_store.h"
#include "store/schema.h"
#include "store/sqlite_db.h"
#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace xdd::store;

namespace {

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A store with one finished run, closed again (its WAL checkpointed into the main file).
void make_store_with_a_run(const fs::path& file) {
  RunStore store(file);
  const auto id = store.begin_run(json{{"holdout", 2}, {"method", "xdd"}, {"beta", 1.0}});
  store.append_steps(id, {{"retrain", 0, "total", 0.5}});
  store.finish_run(id, json::object(), RunStatus::done);
}

template <typename Fn>
std::string error_message(Fn&& fn) {
  try {
    fn();
  } catch (const xdd::DataError& e) {
    return e.what();
  }
  return "no DataError";
}

}  // namespace

TEST(RunStoreSafety, NewerSchemaIsRefusedAndLeftUnchanged) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "runs.db";
  make_store_with_a_run(file);
  {
    xdd::sql::Database raw(file);
    raw.exec("UPDATE schema_version SET version = 99");
  }
  const std::string before = bytes_of(file);
  const std::string msg = error_message([&] { RunStore s(file); });
  EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("99"), std::string::npos) << msg;
  EXPECT_EQ(bytes_of(file), before);
}

TEST(RunStoreSafety, GarbageFileIsRefusedAndLeftUnchanged) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "runs.db";
  std::mt19937 rng(7);
  std::string garbage(16384, '\0');
  for (auto& c : garbage) c = static_cast<char>(rng());
  std::ofstream(file, std::ios::binary) << garbage;
  const std::string msg = error_message([&] { RunStore s(file); });
  EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
  EXPECT_EQ(bytes_of(file), garbage);
}

TEST(RunStoreSafety, DamagedPagesGiveDataErrorAndNoWrite) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "runs.db";
  make_store_with_a_run(file);
  std::string content = bytes_of(file);
  ASSERT_GT(content.size(), 8192u);
  // Overwrite everything after page 1 (the schema page): the tables' pages are garbage.
  for (size_t i = 4096; i < content.size(); ++i) content[i] = static_cast<char>(0xA5);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
  const std::string msg = error_message([&] {
    RunStore s(file);
    for (const auto& r : s.list()) s.get(r.id);
  });
  EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
  EXPECT_EQ(bytes_of(file), content);
}

TEST(RunStoreSafety, ForeignSqliteDatabaseIsRefused) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "other.db";
  {
    xdd::sql::Database raw(file);
    raw.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ada')");
  }
  const std::string before = bytes_of(file);
  EXPECT_NE(error_message([&] { RunStore s(file); }).find("not made by XDD Studio"),
            std::string::npos);
  EXPECT_EQ(bytes_of(file), before);
}

TEST(RunStoreSafety, UnusablePathsGiveIoError) {
  xdd::test::ScratchDir dir;
  EXPECT_THROW(RunStore s(dir.path()), xdd::IoError);  // a folder
  std::ofstream(dir.path() / "plain.txt") << "x";
  EXPECT_THROW(RunStore s(dir.path() / "plain.txt" / "runs.db"), xdd::IoError);
}

TEST(RunStoreSafety, OlderSchemaIsMigratedWithItsRuns) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "runs.db";
  {
    // The database as version 1 of the program left it: no infoplane table, no label column.
    xdd::sql::Database raw(file);
    migrate_to(raw, 1);
    raw.exec(
        "INSERT INTO runs (holdout, method, beta, config_json, started_at, status) "
        "VALUES (5, 'xdd', 0.5, '{\"holdout\": 5}', '2023-01-01T00:00:00Z', 'done');"
        "INSERT INTO metrics VALUES (1, 'kde_after', 0.7, 0.8, 0.3)");
    EXPECT_EQ(read_schema_version(raw), 1);
  }
  RunStore store(file);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  const RunRecord r = store.get(1);
  EXPECT_EQ(r.summary.holdout, 5);
  EXPECT_EQ(r.summary.label, "");
  EXPECT_FALSE(r.summary.entanglement_before);  // recorded before the readout existed
  EXPECT_FALSE(r.summary.entanglement_after);
  EXPECT_FALSE(r.summary.entanglement_min_after);  // and before the minimising-T readout
  EXPECT_DOUBLE_EQ(r.summary.metrics.at("kde_after").auprc, 0.7);
  EXPECT_EQ(r.summary.metrics.count("nn_after"), 0u);
  // Schema 4's metrics table takes the nearest-neighbour kinds, and still refuses others.
  {
    xdd::sql::Database raw(file);
    raw.exec("INSERT INTO metrics VALUES (1, 'nn_after', 0.6, 0.7, 0.4)");
    EXPECT_ANY_THROW(raw.exec("INSERT INTO metrics VALUES (1, 'nn_middle', 0.6, 0.7, 0.4)"));
  }
  EXPECT_DOUBLE_EQ(store.get(1).summary.metrics.at("nn_after").auprc, 0.6);
  store.set_label(1, "first try");
  EXPECT_EQ(store.get(1).summary.label, "first try");
}

TEST(RunStoreSafety, ConcurrentReaderSeesWholeTransactions) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "runs.db";
  constexpr int kBatches = 150, kStepsPerBatch = 10, kTerms = 3;
  std::int64_t id = 0;
  {
    RunStore store(file);
    id = store.begin_run(json{{"holdout", 8}, {"method", "xdd"}});
  }
  std::atomic<bool> writer_done{false};
  std::thread writer([&] {
    RunStore store(file);
    for (int b = 0; b < kBatches; ++b) {
      std::vector<LossStep> rows;
      for (int s = b * kStepsPerBatch; s < (b + 1) * kStepsPerBatch; ++s) {
        for (int t = 0; t < kTerms; ++t)
          rows.push_back({"retrain", s, "t" + std::to_string(t), s * 1.0});
      }
      store.append_steps(id, rows);
    }
    store.finish_run(id, json{{"after", {{"auprc", 0.9}}}}, RunStatus::done);
    writer_done = true;
  });

  int reads = 0, partial_reads = 0;
  size_t last = 0;
  bool reader_ok = true;
  std::string failure;
  {
    RunStore reader(file);
    while (!writer_done || reads == 0) {
      try {
        const RunRecord r = reader.get(id);
        const size_t n = r.steps.size();
        // Only whole batches are ever visible, and never fewer than before.
        if (n % (kStepsPerBatch * kTerms) != 0 || n < last) reader_ok = false;
        if (r.summary.status == RunStatus::done && n != kBatches * kStepsPerBatch * kTerms) {
          reader_ok = false;
        }
        if (n > 0 && n < static_cast<size_t>(kBatches * kStepsPerBatch * kTerms)) ++partial_reads;
        last = n;
        ++reads;
      } catch (const std::exception& e) {
        failure = e.what();
        reader_ok = false;
        break;
      }
    }
  }
  writer.join();
  EXPECT_TRUE(reader_ok) << failure;
  EXPECT_GT(reads, 1);
  RecordProperty("partial_reads", partial_reads);
  RunStore after(file);
  EXPECT_EQ(after.get(id).steps.size(), static_cast<size_t>(kBatches * kStepsPerBatch * kTerms));
  EXPECT_EQ(after.get(id).summary.status, RunStatus::done);
}
