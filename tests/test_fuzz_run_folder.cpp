// Fuzzing what `xdd runs import` and the figures read from a run folder: metrics.json and the CSV
// tables (losses.csv, gan_losses.csv, infoplane.csv through RunStore::import_run_folder; scores.csv
// and the layouts through read_scores / read_layout). Hostile files come from tests/fuzz_support.h.
#include <gtest/gtest.h>

#include "fake_run_folder.h"
#include "fuzz_support.h"
#include "store/run_artifacts.h"
#include "store/run_store.h"
#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using xdd::fuzz::Mutated;
using xdd::fuzz::Rng;
using xdd::test::Bytes;

namespace {

// The files of a valid run folder, by name.
std::map<std::string, Bytes> folder_seed(const fs::path& scratch) {
  const fs::path dir = scratch / "seed-run";
  xdd::test::write_fake_run_folder(dir, xdd::test::FakeRun{});
  std::map<std::string, Bytes> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = xdd::test::read_file(entry.path());
  }
  fs::remove_all(dir);
  return files;
}

Mutated mutate_file(const std::string& name, const Bytes& seed, Rng& rng) {
  if (name.size() > 5 && name.substr(name.size() - 5) == ".json" && rng.one_in(2)) {
    return xdd::fuzz::mutate_json(json::parse(xdd::fuzz::to_text(seed)), rng);
  }
  return xdd::fuzz::mutate_text(xdd::fuzz::to_text(seed), rng);
}

// Writes the seed folder with one or two of `targets` mutated (or, rarely, missing or a folder);
// returns what was done and, in `changed`, the last hostile file's bytes.
std::string write_folder_case(const fs::path& dir, const std::map<std::string, Bytes>& seed,
                              const std::vector<std::string>& targets, Rng& rng, Bytes& changed) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  const std::string first = rng.pick(targets);
  const std::string second = rng.one_in(4) ? rng.pick(targets) : first;
  std::string how;
  for (const auto& [name, bytes] : seed) {
    if (name != first && name != second) {
      xdd::test::write_file(dir / name, bytes);
      continue;
    }
    if (rng.one_in(40)) {
      const bool folder = rng.one_in(2);
      if (folder) fs::create_directories(dir / name);
      how += name + (folder ? " is a folder; " : " is missing; ");
      continue;
    }
    const Mutated m = mutate_file(name, bytes, rng);
    xdd::test::write_file(dir / name, m.bytes);
    changed = m.bytes;
    how += name + ": " + m.how + "; ";
  }
  return how;
}

}  // namespace

TEST(FuzzRunFolder, Import) {
  xdd::test::ScratchDir scratch;
  const auto seed = folder_seed(scratch.path());
  const fs::path dir = scratch.path() / "run";
  xdd::store::RunStore store(scratch.path() / "runs.db");
  const std::vector<std::string> targets = {"metrics.json", "losses.csv", "gan_losses.csv",
                                            "infoplane.csv"};
  xdd::fuzz::FuzzTally tally("run-import");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("run-import", i);
    Bytes changed;
    const std::string how = write_folder_case(dir, seed, targets, rng, changed);
    tally.run(how, dir.string(), changed, [&] {
      const std::int64_t id = store.import_run_folder(dir);
      if (!store.contains(id)) throw xdd::fuzz::WrongResult("the imported run is not stored");
      store.remove(id);  // so the next case's folder (the same path) can be imported
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 4);
  EXPECT_TRUE(store.list().empty());  // failed imports left nothing behind
}

TEST(FuzzRunFolder, ScoresAndLayouts) {
  xdd::test::ScratchDir scratch;
  const auto seed = folder_seed(scratch.path());
  const fs::path dir = scratch.path() / "run";
  const std::vector<std::string> targets = {"scores.csv", "layout_before.csv", "layout_after.csv"};
  xdd::fuzz::FuzzTally tally("run-scores-layouts");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("run-scores-layouts", i);
    Bytes changed;
    const std::string how = write_folder_case(dir, seed, targets, rng, changed);
    tally.run(how, dir.string(), changed, [&] {
      const xdd::store::RunScores s = xdd::store::read_scores(dir / "scores.csv");
      for (const char* name : {"layout_before.csv", "layout_after.csv"}) {
        const xdd::store::Layout l = xdd::store::read_layout(dir / name, s.label);
        if (l.x.size() != l.y.size() || l.label.size() != l.x.size()) {
          throw xdd::fuzz::WrongResult("layout columns of different lengths");
        }
      }
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 4);
}
