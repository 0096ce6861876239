// `xdd sweep` as a user meets it: an interrupted sweep resumes without running any job twice or
// leaving one out, and a bad grid is refused before anything runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using Result = xdd::test::CliResult;
using xdd::test::run_cli;

// Two held-out digits x two seeds of a tiny experiment on the committed MNIST subset.
std::string sweep_args(const fs::path& scratch, const std::string& holdouts = "3,5",
                       const std::string& reps = "2") {
  return "sweep --data " + xdd::test::small_mnist_dir().string() +
         " --preset tiny --epochs 1 --steps 3 --threads 1 --device cpu --info-plane-every 0" +
         " --cache " + (scratch / "cache").string() + " --holdouts " + holdouts + " --reps " +
         reps + " --jobs 2 --out " + (scratch / "sweep").string() + " --store " +
         (scratch / "runs.db").string();
}

// The sweep's runs in the store: files folder -> run id.
std::map<std::string, long long> stored_runs(const fs::path& scratch) {
  const Result r = run_cli("runs list --json --store " + (scratch / "runs.db").string());
  EXPECT_EQ(r.status, 0) << r.output;
  std::map<std::string, long long> runs;
  for (const auto& run : nlohmann::json::parse(r.output)) {
    EXPECT_EQ(run.value("status", ""), "done");
    const std::string dir = run.value("files_dir", "");
    EXPECT_EQ(runs.count(dir), 0u) << "two records of " << dir;
    runs[dir] = run.value("id", 0LL);
  }
  return runs;
}

}  // namespace

TEST(Sweep, InterruptedSweepResumesWithoutRepeatingOrMissingAJob) {
  xdd::test::ScratchDir dir;
  // "Interrupted" after its first job: --max-starts stops it from starting more.
  const Result first = run_cli(sweep_args(dir.path()) + " --max-starts 1");
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_NE(first.output.find("4 jobs, 0 were already done, 1 ran, 0 failed"), std::string::npos)
      << first.output;
  const auto after_first = stored_runs(dir.path());
  ASSERT_EQ(after_first.size(), 1u);

  // The first job computed its t-SNE layouts; --no-layouts reaches the jobs run now.
  ASSERT_TRUE(fs::exists(fs::path(after_first.begin()->first) / "layout_after.csv"));
  const Result resumed = run_cli(sweep_args(dir.path()) + " --no-layouts");
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_NE(resumed.output.find("4 jobs, 1 were already done, 3 ran, 0 failed"), std::string::npos)
      << resumed.output;
  const auto all = stored_runs(dir.path());
  ASSERT_EQ(all.size(), 4u);
  // The first job kept its record; every job has its folder with metrics.
  EXPECT_EQ(all.at(after_first.begin()->first), after_first.begin()->second);
  for (const auto& run : all) {
    EXPECT_TRUE(fs::exists(fs::path(run.first) / "metrics.json"));
    EXPECT_EQ(fs::exists(fs::path(run.first) / "layout_after.csv"), run == *after_first.begin());
  }

  // A job whose files were all written but whose record is missing (stopped in between) is
  // imported, not run again.
  const auto delete_record = [&](long long id) {
    ASSERT_EQ(run_cli("runs delete " + std::to_string(id) + " --store " +
                      (dir.path() / "runs.db").string())
                  .status,
              0);
  };
  delete_record(after_first.begin()->second);
  const Result again = run_cli(sweep_args(dir.path()));
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_NE(again.output.find("4 jobs, 4 were already done, 0 ran, 0 failed"), std::string::npos)
      << again.output;
  EXPECT_EQ(stored_runs(dir.path()).size(), 4u);

  // Unrecorded with metrics.json but no layouts, while this sweep asks for them: the run was
  // stopped while computing its layouts (they come after metrics.json), so it runs again.
  const auto without_layouts = std::find_if(all.begin(), all.end(), [&](const auto& run) {
    return run.first != after_first.begin()->first;
  });
  ASSERT_NE(without_layouts, all.end());
  const std::string stopped_folder = without_layouts->first;
  delete_record(stored_runs(dir.path()).at(stopped_folder));
  const Result rerun = run_cli(sweep_args(dir.path()));
  ASSERT_EQ(rerun.status, 0) << rerun.output;
  EXPECT_NE(rerun.output.find("4 jobs, 3 were already done, 1 ran, 0 failed"), std::string::npos)
      << rerun.output;
  EXPECT_TRUE(fs::exists(fs::path(stopped_folder) / "layout_after.csv"));
  EXPECT_EQ(stored_runs(dir.path()).size(), 4u);

  // The same folder with another shared setting is refused: its runs are not those runs.
  const Result other = run_cli(sweep_args(dir.path()) + " --steps 4");
  EXPECT_EQ(other.status, 2) << other.output;
  EXPECT_NE(other.output.find("steps"), std::string::npos) << other.output;
  EXPECT_EQ(stored_runs(dir.path()).size(), 4u);
}

TEST(Sweep, BadGridIsRefusedBeforeAnythingRuns) {
  xdd::test::ScratchDir dir;
  // Each bad value alone (the flags are given once), refused by its own check.
  const std::pair<std::string, std::string> bad_holdouts[] = {
      {"12", "held-out digit 12 is not in 0-9"},
      {"3-1", "cannot read the digit list '3-1'"},
      {"x", "cannot read the digit list 'x'"}};
  for (const auto& [holdouts, message] : bad_holdouts) {
    const Result r = run_cli(sweep_args(dir.path(), holdouts));
    EXPECT_EQ(r.status, 2) << holdouts << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
  }
  const Result reps = run_cli(sweep_args(dir.path(), "3,5", "0"));
  EXPECT_EQ(reps.status, 2) << reps.output;
  EXPECT_NE(reps.output.find("--reps: Value 0 not in range 1 to 1000"), std::string::npos)
      << reps.output;
  EXPECT_FALSE(fs::exists(dir.path() / "runs.db"));
}

TEST(Sweep, FolderWrittenBeforeASettingExistedIsReusedWithThatSettingsDefault) {
  xdd::test::ScratchDir dir;
  // --max-starts 0 writes the sweep's settings and runs nothing.
  ASSERT_EQ(run_cli(sweep_args(dir.path()) + " --max-starts 0").status, 0);
  const fs::path config_file = dir.path() / "sweep" / "sweep-config.json";
  nlohmann::json config = nlohmann::json::parse(std::ifstream(config_file));
  ASSERT_TRUE(config.contains("inject_fault"));

  // An older version wrote no inject_fault: its runs ran with the default (none).
  config.erase("inject_fault");
  std::ofstream(config_file) << config.dump(2);
  const Result older = run_cli(sweep_args(dir.path()) + " --max-starts 0");
  EXPECT_EQ(older.status, 0) << older.output;

  // A folder whose runs used another value is still refused, naming the setting and both values.
  config["inject_fault"] = "retrain:1:loss:nan";
  std::ofstream(config_file) << config.dump(2);
  const Result other = run_cli(sweep_args(dir.path()) + " --max-starts 0");
  EXPECT_EQ(other.status, 2) << other.output;
  EXPECT_NE(other.output.find("another inject_fault (\"retrain:1:loss:nan\", now \"\")"),
            std::string::npos)
      << other.output;
}
