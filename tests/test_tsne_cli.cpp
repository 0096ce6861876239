// `xdd tsne` end to end: the output file's shape and order, the printed KL, live updates, and a
// clear error (exit code 2) for each kind of bad input.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"
#include "tsne_test_data.h"

namespace fs = std::filesystem;

namespace {

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CliResult run_cli(const xdd::test::ScratchDir& dir, const std::string& args) {
  const fs::path out = dir.path() / "stdout.txt", err = dir.path() / "stderr.txt";
  const std::string cmd = "'" + xdd::test::cli_path().string() + "' " + args + " > '" +
                          out.string() + "' 2> '" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

void write_csv(const fs::path& p, const xdd::PointMatrix& m) {
  std::ofstream f(p);
  for (std::int64_t i = 0; i < m.rows; ++i) {
    for (std::int64_t j = 0; j < m.cols; ++j) f << (j ? "," : "") << m.row(i)[j];
    f << "\n";
  }
}

class TsneCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(xdd::test::cli_path())) GTEST_SKIP() << "build the xdd target first";
  }
  xdd::test::ScratchDir dir;
};

}  // namespace

TEST_F(TsneCli, WritesOneRowPerPointAndPrintsFinalKl) {
  const auto blobs = xdd::test::make_blobs(3, 50, 6, 6.0, 3);
  write_csv(dir.path() / "in.csv", blobs.points);
  const CliResult r =
      run_cli(dir, "tsne '" + (dir.path() / "in.csv").string() + "' --out '" +
                       (dir.path() / "layout.csv").string() +
                       "' --perplexity 10 --iters 400 --threads 2 --seed 5 --update '" +
                       (dir.path() / "in.csv").string() + "' --update-iters 20");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto at = r.out.find("final KL: ");
  ASSERT_NE(at, std::string::npos) << r.out;
  const double kl = std::stod(r.out.substr(at + 10));
  EXPECT_GT(kl, 0.0);
  EXPECT_LT(kl, 2.0);
  EXPECT_NE(r.out.find("live update 1"), std::string::npos) << r.out;

  std::istringstream layout(slurp(dir.path() / "layout.csv"));
  std::string line;
  std::getline(layout, line);
  EXPECT_EQ(line, "x,y");
  std::vector<float> xy;
  int rows = 0;
  while (std::getline(layout, line)) {
    ++rows;
    const auto comma = line.find(',');
    ASSERT_NE(comma, std::string::npos);
    xy.push_back(std::stof(line.substr(0, comma)));
    xy.push_back(std::stof(line.substr(comma + 1)));
  }
  EXPECT_EQ(rows, 150);
  // Rows are in input order: neighbours in the layout share the input's blob.
  EXPECT_GT(xdd::test::label_purity(xy, blobs.labels, 5), 0.98);
}

TEST_F(TsneCli, BadInputGivesAClearError) {
  const auto blobs = xdd::test::make_blobs(1, 20, 3, 1.0, 1);
  write_csv(dir.path() / "small.csv", blobs.points);
  std::ofstream(dir.path() / "nan.csv") << "1,2\n3,nan\n4,5\n";
  std::ofstream(dir.path() / "ragged.csv") << "1,2\n3\n";
  std::ofstream(dir.path() / "empty.csv") << "";
  const std::string out = " --out '" + (dir.path() / "l.csv").string() + "'";
  const auto expect_error = [&](const std::string& file, const std::string& words) {
    const CliResult r = run_cli(dir, "tsne '" + (dir.path() / file).string() + "'" + out);
    EXPECT_EQ(r.code, 2) << file;
    EXPECT_NE(r.err.find(words), std::string::npos) << file << ": " << r.err;
  };
  expect_error("small.csv", "needs at least 91 points");
  expect_error("nan.csv", "row 2, column 2 is NaN");
  expect_error("ragged.csv", "line 2 has 1 values");
  expect_error("empty.csv", "is empty");
  expect_error("missing.csv", "does not exist");
  EXPECT_FALSE(fs::exists(dir.path() / "l.csv"));
  const CliResult r = run_cli(dir, "tsne '" + (dir.path() / "small.csv").string() + "'" + out +
                                       " --perplexity 5 --theta -1");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("theta"), std::string::npos) << r.err;
}
