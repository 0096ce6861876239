#include "cli/sweep_runner.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "store/run_store.h"

namespace xdd::cli {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// Done = recorded in the store (`xdd run` records last, after the layouts). A folder with complete
// files (job_files_complete) but no record (the sweep was stopped between a run's last file and its
// record) is imported, not run again. Without a store (--no-store), complete files say the job is
// done.
bool already_done(store::RunStore* store, const SweepJob& job, bool layouts_wanted) {
  if (store && store->find_by_folder(job.out_dir)) return true;
  if (!job_files_complete(job, layouts_wanted)) return false;
  if (store) store->import_run_folder(job.out_dir);
  return true;
}

std::string format_beta(double beta) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", beta);
  return buf;
}

// Starts `xdd run` for the job with its output in <out_dir>/run.log; returns the child's pid.
pid_t start_job(const SweepJob& job, const SweepRunOptions& o) {
  ensure_directory(job.out_dir);
  const std::string log = (job.out_dir / "run.log").string();
  std::vector<std::string> args = {o.program.string(),
                                   "run",
                                   "--config",
                                   o.base_config.string(),
                                   "--holdout",
                                   std::to_string(job.holdout),
                                   "--method",
                                   setting_name(job.method),
                                   "--beta",
                                   format_beta(job.beta),
                                   "--seed",
                                   std::to_string(job.seed),
                                   "--out",
                                   job.out_dir.string()};
  if (o.store.empty()) {
    args.push_back("--no-store");
  } else {
    args.insert(args.end(), {"--store", o.store.string()});
  }
  if (!o.layouts) args.push_back("--no-layouts");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw IoError("sweep: cannot start a process for " + job.out_dir.string());
  if (pid == 0) {
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

std::string auprc_change(const SweepJob& job) {
  std::ifstream in(job.out_dir / "metrics.json");
  const nlohmann::json m = nlohmann::json::parse(in, nullptr, false);
  if (m.is_discarded() || !m.contains("before") || !m.contains("after")) return "no metrics.json";
  char buf[96];
  std::snprintf(buf, sizeof buf, "AUPRC %.3f -> %.3f", m["before"].value("auprc", 0.0),
                m["after"].value("auprc", 0.0));
  return buf;
}

std::string minutes(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(seconds) / 60,
                static_cast<int>(seconds) % 60);
  return buf;
}

struct Running {
  SweepJob job;
  Clock::time_point started;
};

}  // namespace

SweepSummary run_sweep(const std::vector<SweepJob>& jobs, const SweepRunOptions& o) {
  if (o.parallel < 1) throw InvalidArgument("sweep: --jobs must be >= 1");
  SweepSummary summary;
  summary.total = static_cast<int>(jobs.size());
  std::optional<store::RunStore> store;
  if (!o.store.empty()) store.emplace(o.store);
  std::vector<SweepJob> pending;
  std::set<int> warm;  // held-out digits whose GAN is known to be cached
  for (const SweepJob& job : jobs) {
    if (already_done(store ? &*store : nullptr, job, o.layouts)) {
      ++summary.already_done;
      warm.insert(job.holdout);
    } else {
      pending.push_back(job);
    }
  }
  std::printf("sweep: %d jobs, %d already done, %zu to run, %d at a time\n", summary.total,
              summary.already_done, pending.size(), o.parallel);
  std::fflush(stdout);

  std::map<pid_t, Running> running;
  int started = 0, finished = 0;
  double seconds_done = 0.0;
  const int to_run = static_cast<int>(pending.size());
  auto can_start = [&](const SweepJob& job) {
    if (warm.count(job.holdout)) return true;
    for (const auto& r : running) {
      if (r.second.job.holdout == job.holdout) return false;  // its GAN is being pre-trained
    }
    return true;
  };
  while (true) {
    const bool may_start = o.max_starts < 0 || started < o.max_starts;
    for (auto it = pending.begin();
         may_start && it != pending.end() && static_cast<int>(running.size()) < o.parallel;) {
      if (!can_start(*it) || (o.max_starts >= 0 && started >= o.max_starts)) {
        ++it;
        continue;
      }
      running[start_job(*it, o)] = {*it, Clock::now()};
      ++started;
      it = pending.erase(it);
    }
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0 || !running.count(pid)) continue;
    const Running done = running[pid];
    running.erase(pid);
    ++finished;
    const double seconds = std::chrono::duration<double>(Clock::now() - done.started).count();
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const SweepJob& job = done.job;
    std::printf("[%d/%d] h%d %s beta %s seed %llu: ", finished, to_run, job.holdout,
                setting_name(job.method), format_beta(job.beta).c_str(),
                static_cast<unsigned long long>(job.seed));
    if (ok) {
      ++summary.ran;
      warm.insert(job.holdout);
      seconds_done += seconds;
      const double eta = seconds_done / summary.ran * (to_run - finished) / o.parallel;
      std::printf("%s in %s, ETA %s\n", auprc_change(job).c_str(), minutes(seconds).c_str(),
                  minutes(eta).c_str());
    } else {
      ++summary.failed;
      std::printf("FAILED (exit %d), see %s\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                  (job.out_dir / "run.log").c_str());
    }
    std::fflush(stdout);
  }
  return summary;
}

}  // namespace xdd::cli
