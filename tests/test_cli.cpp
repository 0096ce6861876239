// The `xdd` program as a user meets it: exit status 2 and a message naming the fault for bad input,
// nothing written, and the stable output files for a good run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using Result = xdd::test::CliResult;
using xdd::test::run_cli;

std::string tiny_args(const fs::path& scratch) {
  return "run --data " + xdd::test::small_mnist_dir().string() +
         " --preset tiny --epochs 1 --steps 3" + " --threads 2 --device cpu --cache " +
         (scratch / "cache").string() + " --store " + (scratch / "runs.db").string();
}

void expect_usage_error(const std::string& args, const std::string& mentions, const fs::path& out) {
  const Result r = run_cli(args + " --out " + out.string());
  EXPECT_EQ(r.status, 2) << args << "\n" << r.output;
  EXPECT_NE(r.output.find(mentions), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out / "metrics.json"));
}

}  // namespace

TEST(Cli, BadParametersExitTwoAndWriteNothing) {
  xdd::test::ScratchDir dir;
  const fs::path out = dir.path() / "out";
  const std::string base = tiny_args(dir.path());
  expect_usage_error(base + " --holdout 10", "holdout", out);
  expect_usage_error(base + " --holdout -1", "holdout", out);
  expect_usage_error(base + " --beta -1", "beta", out);
  expect_usage_error(base + " --beta nan", "beta", out);
  expect_usage_error(base + " --beta abc", "beta", out);
  expect_usage_error(base + " --method magic", "method", out);
  expect_usage_error(base + " --data /nonexistent/xdd", "/nonexistent/xdd", out);
  expect_usage_error(base + " --config " + (dir.path() / "missing.json").string(), "missing.json",
                     out);
  EXPECT_FALSE(fs::exists(out / "scores.csv"));
}

TEST(Cli, TinyRunWritesOutputsAndPrintsAuprc) {
  xdd::test::ScratchDir dir;
  const fs::path out = dir.path() / "out";
  const Result r = run_cli(tiny_args(dir.path()) + " --holdout 3 --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("AUPRC"), std::string::npos);
  EXPECT_NE(r.output.find("threads 2"), std::string::npos);
  for (const char* f : {"metrics.json", "losses.csv", "scores.csv", "config.json", "gan_losses.csv",
                        "layout_before.csv", "layout_after.csv"}) {
    EXPECT_TRUE(fs::exists(out / f)) << f;
  }
  // The layouts: a header, the 500 test images, then the 90 labeled examples marked labeled = 1.
  std::ifstream layout(out / "layout_after.csv");
  std::string line;
  std::getline(layout, line);
  EXPECT_EQ(line, "x,y,label,labeled");
  int rows = 0, labeled = 0;
  while (std::getline(layout, line)) {
    ++rows;
    if (line.size() > 2 && line.compare(line.size() - 2, 2, ",1") == 0) ++labeled;
  }
  EXPECT_EQ(rows, 590);
  EXPECT_EQ(labeled, 90);
  // The run is recorded in the store; a re-run into the same folder replaces its record.
  EXPECT_NE(r.output.find("recorded as run 1"), std::string::npos) << r.output;
  const std::string store = " --store " + (dir.path() / "runs.db").string();
  const Result figure =
      run_cli("figure tsne --runs 1 --out " + (dir.path() / "fig23.png").string() + store);
  EXPECT_EQ(figure.status, 0) << figure.output;
  EXPECT_GT(fs::file_size(dir.path() / "fig23.png"), 1000u);
  // (without layouts this time: the old ones no longer match the new scores and are removed)
  const Result rerun =
      run_cli(tiny_args(dir.path()) + " --holdout 3 --no-layouts --out " + out.string());
  EXPECT_NE(rerun.output.find("recorded as run "), std::string::npos) << rerun.output;
  EXPECT_FALSE(fs::exists(out / "layout_after.csv"));
  const Result listed = run_cli("runs list --holdout 3" + store);
  EXPECT_EQ(listed.status, 0) << listed.output;
  EXPECT_EQ(std::count(listed.output.begin(), listed.output.end(), '\n'), 2) << listed.output;
  // The config written is a valid --config for the next run, and `eval` agrees with metrics.json.
  const Result again = run_cli("run --config " + (out / "config.json").string() + " --out " +
                               (dir.path() / "again").string() + " --no-store");
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_EQ(again.output.find("recorded as run"), std::string::npos) << again.output;
  const Result eval = run_cli("eval " + out.string());
  EXPECT_EQ(eval.status, 0) << eval.output;
  EXPECT_NE(eval.output.find("positive digit 3"), std::string::npos) << eval.output;
}

TEST(Cli, TrainingImageLimitPretrainsItsOwnGan) {
  xdd::test::ScratchDir dir;
  const fs::path out = dir.path() / "limited";
  const Result r =
      run_cli(tiny_args(dir.path()) + " --train-limit 200 --test-limit 100 --no-layouts --out " +
              out.string());
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream metrics(out / "metrics.json");
  const std::string text((std::istreambuf_iterator<char>(metrics)),
                         std::istreambuf_iterator<char>());
  // Its GAN saw 200 images, so it is cached apart from the full training set's.
  EXPECT_NE(text.find("-train200-h8-tiny-e1-s0.pt"), std::string::npos) << text;
  EXPECT_NE(text.find("\"test_images\": 100"), std::string::npos) << text;
}

TEST(Cli, CorruptCheckpointExitsTwo) {
  xdd::test::ScratchDir dir;
  ASSERT_EQ(run_cli(tiny_args(dir.path()) + " --out " + (dir.path() / "a").string()).status, 0);
  for (const auto& entry : fs::directory_iterator(dir.path() / "cache")) {
    std::ofstream(entry.path(), std::ios::trunc) << "garbage";
  }
  expect_usage_error(tiny_args(dir.path()), "corrupt", dir.path() / "b");
}

TEST(Cli, StartsWithThePassiveOpenMpWaitPolicy) {
  // The program re-executes itself with OMP_WAIT_POLICY=PASSIVE unless the user chose a policy.
  const Result r = run_cli("info");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("OpenMP wait policy: PASSIVE"), std::string::npos) << r.output;
  const Result chosen = run_cli("info", "OMP_WAIT_POLICY=ACTIVE ");
  EXPECT_NE(chosen.output.find("OpenMP wait policy: ACTIVE"), std::string::npos) << chosen.output;
}
