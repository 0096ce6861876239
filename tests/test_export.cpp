// Data export: exact values back from every file, NPY bytes as numpy defines them, atomic writes.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "export/data_export.h"
#include "export/npy_writer.h"
#include "fake_run_folder.h"
#include "store/csv_table.h"
#include "store/run_store.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace xdd::data_export;
using nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(Export, NpyHeaderAndDataFollowTheFormat) {
  const float data[6] = {1.5f, -2.0f, 0.25f, 3.0f, 4.0f, 1e-8f};
  const std::string b = npy_bytes(data, 2, 3);
  EXPECT_EQ(b.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  const size_t header_len =
      static_cast<unsigned char>(b[8]) | (static_cast<unsigned char>(b[9]) << 8);
  EXPECT_EQ((10 + header_len) % 64, 0u);  // data aligned to 64 bytes
  const std::string header = b.substr(10, header_len);
  EXPECT_EQ(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0), 0u);
  EXPECT_EQ(header.back(), '\n');
  ASSERT_EQ(b.size(), 10 + header_len + sizeof data);
  float back[6];
  std::memcpy(back, b.data() + 10 + header_len, sizeof back);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(back[i], data[i]);
}

TEST(Export, ScoresLayoutAndEmbeddingsReadBackExactly) {
  xdd::test::ScratchDir dir;
  xdd::store::RunScores s{{0, 1, 2}, {8, 3, 8}, {0.1, 1.0 / 3, -2.5}, {1e-12, 7.0, 0.2}};
  write_scores_csv(dir.path() / "scores.csv", s);
  const xdd::store::RunScores back = xdd::store::read_scores(dir.path() / "scores.csv");
  EXPECT_EQ(back.label, s.label);
  EXPECT_EQ(back.before, s.before);  // %.17g round-trips every double
  EXPECT_EQ(back.after, s.after);

  xdd::store::Layout l{{0.5, -1.25}, {2.0, 3.0}, {1, 9}, {false, true}};
  write_layout_csv(dir.path() / "layout.csv", l);
  const xdd::store::Layout lb = xdd::store::read_layout(dir.path() / "layout.csv");
  EXPECT_EQ(lb.x, l.x);
  EXPECT_EQ(lb.label, l.label);
  EXPECT_EQ(lb.labeled, l.labeled);

  const float emb[4] = {0.1f, 0.2f, 0.3f, 0.4f};
  write_embeddings_csv(dir.path() / "emb.csv", emb, 2, 2, {4, 7});
  const auto t = xdd::store::CsvTable::read(dir.path() / "emb.csv");
  EXPECT_EQ(t.header(), (std::vector<std::string>{"label", "e0", "e1"}));
  EXPECT_EQ(static_cast<float>(t.number(1, 2)), 0.4f);
  EXPECT_EQ(t.integer(1, 0), 7);
  EXPECT_THROW(write_embeddings_csv(dir.path() / "bad.csv", emb, 2, 2, {1}), xdd::InvalidArgument);
  EXPECT_FALSE(fs::exists(dir.path() / "bad.csv"));
}

TEST(Export, MetricsAndRecordJson) {
  xdd::test::ScratchDir dir;
  write_fake_run_folder(dir.path() / "run", xdd::test::FakeRun{});
  xdd::store::RunStore store(dir.path() / "runs.db");
  const auto rec = store.get(store.import_run_folder(dir.path() / "run"));
  write_metrics_json(dir.path() / "m.json", rec.summary);
  const json m = json::parse(read_file(dir.path() / "m.json"));
  EXPECT_EQ(m["holdout"], 8);
  EXPECT_DOUBLE_EQ(m["before"]["auprc"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(m["after_own_score"]["auprc"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(m["chance_auprc"].get<double>(), 0.0974);
  EXPECT_DOUBLE_EQ(m["entanglement"]["after"].get<double>(), 1.75);

  write_run_record_json(dir.path() / "r.json", rec);
  const json r = json::parse(read_file(dir.path() / "r.json"));
  EXPECT_EQ(r["config"]["retrain_steps"], 5);
  EXPECT_EQ(r["losses"]["retrain"]["step"].size(), 5u);
  EXPECT_DOUBLE_EQ(r["losses"]["retrain"]["relevance"][4].get<double>(), 2.0);
  EXPECT_EQ(r["losses"]["pretrain"]["d_loss"], json({1.5, 1.25}));
  EXPECT_EQ(r["infoplane"].size(), 3u);
}

TEST(Export, UnwritablePathLeavesNoFileAndKeepsTheOldOne) {
  xdd::test::ScratchDir dir;
  std::ofstream(dir.path() / "plain") << "x";
  const float emb[2] = {1, 2};
  EXPECT_THROW(write_npy(dir.path() / "plain" / "e.npy", emb, 1, 2), xdd::IoError);
  write_npy(dir.path() / "e.npy", emb, 1, 2);
  const std::string before = read_file(dir.path() / "e.npy");
  fs::create_directory(dir.path() / "e.csv");  // the target is a folder: rename must fail
  EXPECT_THROW(write_embeddings_csv(dir.path() / "e.csv", emb, 1, 2), xdd::IoError);
  EXPECT_EQ(read_file(dir.path() / "e.npy"), before);
  size_t entries = 0;
  for (auto it = fs::directory_iterator(dir.path()); it != fs::directory_iterator(); ++it)
    ++entries;
  EXPECT_EQ(entries, 3u);  // plain, e.npy, e.csv/ and no temp files
}
