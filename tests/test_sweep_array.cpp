// A sweep split into array tasks (one per held-out digit x repetition) and merged into one run
// store, as on a Slurm cluster: every job in exactly one task, in the documented order; tasks
// resume; merging twice adds nothing; tasks of one digit pre-train its GAN once.
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

using Result = xdd::test::CliResult;
using xdd::test::run_cli;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Digits 3 and 5, xdd and softmax, two seeds: 4 tasks of 2 jobs, tiny runs on the committed subset.
std::string array_args(const fs::path& scratch) {
  return "sweep --data " + xdd::test::small_mnist_dir().string() +
         " --preset tiny --epochs 1 --steps 3 --threads 1 --device cpu --info-plane-every 0" +
         " --cache " + (scratch / "cache").string() +
         " --holdouts 3,5 --methods xdd softmax --reps 2 --out " + (scratch / "sweep").string();
}

std::string store_flag(const fs::path& db) {
  return " --store " + db.string();
}

nlohmann::json stored(const fs::path& db) {
  const Result r = run_cli("runs list --json" + store_flag(db));
  EXPECT_EQ(r.status, 0) << r.output;
  return nlohmann::json::parse(r.output);
}

// files folder -> run id; fails the test on a folder recorded twice or a run not done.
std::map<std::string, long long> runs_by_folder(const fs::path& db) {
  std::map<std::string, long long> runs;
  for (const auto& run : stored(db)) {
    EXPECT_EQ(run.value("status", ""), "done");
    const std::string dir = run.value("files_dir", "");
    EXPECT_EQ(runs.count(dir), 0u) << "two records of " << dir;
    runs[dir] = run.value("id", 0LL);
  }
  return runs;
}

nlohmann::json metrics_of(const fs::path& run_dir) {
  std::ifstream in(run_dir / "metrics.json");
  return nlohmann::json::parse(in);
}

struct TaskLine {
  int index = -1, holdout = -1, seed = -1;
  std::vector<std::string> folders;
};

std::vector<TaskLine> parse_task_list(const std::string& text) {
  std::vector<TaskLine> tasks;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string task, holdout, seed, folder;
    TaskLine t;
    words >> task >> t.index >> holdout >> t.holdout >> seed >> t.seed;
    EXPECT_EQ(task + holdout + seed, "taskholdoutseed") << line;
    while (words >> folder) t.folders.push_back(folder);
    tasks.push_back(t);
  }
  return tasks;
}

}  // namespace

TEST(SweepTasks, EveryJobIsInExactlyOneTaskInTheDocumentedOrder) {
  xdd::test::ScratchDir dir;
  // Digits in the order given (5 before 3), two betas for xdd, one job per seed for softmax.
  const std::string grid =
      "sweep --holdouts 5,3 --methods xdd softmax --betas 0 1 --reps 3 --out " +
      (dir.path() / "sweep").string();
  const Result count = run_cli(grid + " --count-tasks");
  ASSERT_EQ(count.status, 0) << count.output;
  EXPECT_EQ(count.output, "6\n");

  const Result list = run_cli(grid + " --list-tasks");
  ASSERT_EQ(list.status, 0) << list.output;
  const std::vector<TaskLine> tasks = parse_task_list(list.output);
  ASSERT_EQ(tasks.size(), 6u);
  std::multiset<std::string> folders;
  for (int i = 0; i < 6; ++i) {
    const TaskLine& t = tasks[i];
    EXPECT_EQ(t.index, i);
    EXPECT_EQ(t.holdout, i % 2 == 0 ? 5 : 3) << "task " << i;  // holdouts[i % H]
    EXPECT_EQ(t.seed, i / 2) << "task " << i;                  // repetition i / H
    const std::string h = std::to_string(t.holdout), s = std::to_string(t.seed);
    EXPECT_EQ(t.folders, (std::vector<std::string>{"h" + h + "-xdd-beta0-seed" + s,
                                                   "h" + h + "-xdd-beta1-seed" + s,
                                                   "h" + h + "-softmax-beta0-seed" + s}));
    folders.insert(t.folders.begin(), t.folders.end());
  }
  // 2 digits x 3 seeds x (2 xdd betas + 1 softmax) = 18 jobs, each once.
  EXPECT_EQ(folders.size(), 18u);
  EXPECT_EQ(std::set<std::string>(folders.begin(), folders.end()).size(), 18u);

  // Stable: the same command gives the same split; nothing was written by asking.
  EXPECT_EQ(run_cli(grid + " --list-tasks").output, list.output);
  EXPECT_FALSE(fs::exists(dir.path() / "sweep"));
}

TEST(SweepTasks, BadTaskIndexIsAClearErrorAndWritesNothing) {
  xdd::test::ScratchDir dir;
  const std::string args = array_args(dir.path());
  struct Case {
    std::string flags, env, message;
  };
  const std::vector<Case> cases = {
      {" --array-task 4", "", "array task 4 is out of range: this sweep has 4 tasks (0-3"},
      {" --array-task -1", "", "must be a task number"},
      {" --array-task 1x", "", "must be a task number"},
      {" --array-task slurm", "env -u SLURM_ARRAY_TASK_ID ", "SLURM_ARRAY_TASK_ID is not set"},
      {" --array-task slurm", "SLURM_ARRAY_TASK_ID=9 ", "array task 9 is out of range"},
      {" --array-task 0" + store_flag(dir.path() / "runs.db"), "", "records into its own store"},
  };
  const Result twice = run_cli("sweep --holdouts 3,3 --count-tasks");
  EXPECT_EQ(twice.status, 2) << twice.output;
  EXPECT_TRUE(contains(twice.output, "--holdouts lists 3 twice")) << twice.output;
  for (const Case& c : cases) {
    const Result r = run_cli(args + c.flags, c.env);
    EXPECT_EQ(r.status, 2) << c.flags << "\n" << r.output;
    EXPECT_TRUE(contains(r.output, c.message)) << c.flags << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "sweep"));
  EXPECT_FALSE(fs::exists(dir.path() / "runs.db"));
}

TEST(SweepArray, TasksResumeAndMergingTwiceAddsNothing) {
  xdd::test::ScratchDir dir;
  const std::string args = array_args(dir.path());
  const fs::path sweep = dir.path() / "sweep";
  const fs::path db = dir.path() / "runs.db";

  // A merge into db: its exit status, its summary's counts and, when jobs are missing, the array
  // tasks it names to run again.
  const auto expect_merge = [&](int status, int already, int imported, int missing,
                                const std::string& tasks_again) {
    const Result r = run_cli(args + " --merge" + store_flag(db));
    EXPECT_EQ(r.status, status) << r.output;
    EXPECT_TRUE(contains(r.output, std::to_string(already) + " were already in " + db.string() +
                                       ", " + std::to_string(imported) + " imported, " +
                                       std::to_string(missing) + " missing"))
        << r.output;
    if (!tasks_again.empty()) {
      EXPECT_TRUE(contains(r.output, "run array task(s) " + tasks_again + " again")) << r.output;
    }
  };

  // Nothing ran yet: the merge names every task to run.
  expect_merge(2, 0, 0, 8, "0,1,2,3");

  // Tasks 0 and 2 (digit 3, seeds 0 and 1) at the same time, one of them the Slurm way: they
  // share digit 3's GAN, and the cache lock lets exactly one of them pre-train it.
  auto task0 = std::async(std::launch::async, [&] { return run_cli(args + " --array-task 0"); });
  const Result task2 = run_cli(args + " --array-task slurm", "SLURM_ARRAY_TASK_ID=2 ");
  const Result task0_result = task0.get();
  ASSERT_EQ(task0_result.status, 0) << task0_result.output;
  ASSERT_EQ(task2.status, 0) << task2.output;
  EXPECT_TRUE(contains(task2.output, "array task 2 of 4: held-out digit 3, seed 1, 2 jobs"))
      << task2.output;
  int pretrained = 0;
  for (const char* job : {"h3-xdd-beta1-seed0", "h3-softmax-beta1-seed0", "h3-xdd-beta1-seed1",
                          "h3-softmax-beta1-seed1"}) {
    if (!metrics_of(sweep / job)["gan"].value("from_cache", true)) ++pretrained;
  }
  EXPECT_EQ(pretrained, 1);
  // Each task recorded its own runs in its own store.
  const nlohmann::json task2_runs = stored(sweep / "tasks" / "task-2.db");
  ASSERT_EQ(task2_runs.size(), 2u);
  for (const auto& run : task2_runs) {
    EXPECT_EQ(run.value("holdout", -1), 3);
    EXPECT_EQ(run.value("seed", -1), 1);
  }

  // Task 1 stops after its first job (a node lost, a time limit); the merge takes what is there.
  const Result cut = run_cli(args + " --array-task 1 --max-starts 1");
  ASSERT_EQ(cut.status, 0) << cut.output;
  EXPECT_TRUE(contains(cut.output, "2 jobs, 0 were already done, 1 ran")) << cut.output;
  expect_merge(2, 0, 5, 3, "1,3");

  // Run again, task 1 does only its missing job; task 3 records nothing (--no-store).
  const Result resumed = run_cli(args + " --array-task 1");
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_TRUE(contains(resumed.output, "2 jobs, 1 were already done, 1 ran")) << resumed.output;
  const Result unstored = run_cli(args + " --array-task 3 --no-store");
  ASSERT_EQ(unstored.status, 0) << unstored.output;
  EXPECT_TRUE(contains(unstored.output, "2 jobs, 0 were already done, 2 ran")) << unstored.output;
  EXPECT_FALSE(fs::exists(sweep / "tasks" / "task-3.db"));
  const Result unstored_again = run_cli(args + " --array-task 3 --no-store");
  EXPECT_TRUE(contains(unstored_again.output, "2 jobs, 2 were already done, 0 ran"))
      << unstored_again.output;

  // A job of task 3 stopped while computing its layouts (written after metrics.json): the merge
  // does not take it, and task 3 run again redoes only that job.
  fs::remove(sweep / "h5-softmax-beta1-seed1" / "layout_after.csv");
  expect_merge(2, 5, 2, 1, "3");
  const Result redone = run_cli(args + " --array-task 3 --no-store");
  EXPECT_TRUE(contains(redone.output, "2 jobs, 1 were already done, 1 ran")) << redone.output;

  expect_merge(0, 7, 1, 0, "");
  const auto once = runs_by_folder(db);
  ASSERT_EQ(once.size(), 8u);
  std::set<std::string> expected;
  for (int h : {3, 5}) {
    for (const char* method : {"xdd", "softmax"}) {
      for (int seed : {0, 1}) {
        expected.insert((sweep / ("h" + std::to_string(h) + "-" + method + "-beta1-seed" +
                                  std::to_string(seed)))
                            .string());
      }
    }
  }
  std::set<std::string> got;
  for (const auto& run : once) got.insert(run.first);
  EXPECT_EQ(got, expected);

  // Twice = once: same records, same ids.
  expect_merge(0, 8, 0, 0, "");
  EXPECT_EQ(runs_by_folder(db), once);
}
