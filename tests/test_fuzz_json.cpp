// Fuzzing the JSON readers: experiment config files (load_config_file) and the app's session
// files (load_session). Hostile documents come from structural changes of a valid seed (values of
// the wrong type or out of range, keys removed or unknown, nesting deeper than a stack) and from
// text and byte changes (tests/fuzz_support.h).
#include <gtest/gtest.h>

#include <cmath>

#include "config/experiment_config.h"
#include "fuzz_support.h"
#include "store/session_file.h"
#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using xdd::fuzz::Mutated;
using xdd::fuzz::Rng;

namespace {

Mutated mutate_document(const json& seed, Rng& rng) {
  return rng.one_in(2) ? xdd::fuzz::mutate_json(seed, rng)
                       : xdd::fuzz::mutate_text(seed.dump(rng.one_in(2) ? -1 : 2), rng);
}

// A value read back must be the value written: no integer that wrapped, no fraction cut off, no
// boolean taken for a number (nlohmann's == would call -1 and 2^64-1 equal).
bool same_value(const json& written, const json& read) {
  if (written.is_number() && read.is_number()) {
    if (written.is_number_float() != read.is_number_float() &&
        std::floor(written.get<double>()) != written.get<double>()) {
      return false;
    }
    const bool negative =
        written.is_number_integer() && !written.is_number_unsigned() && written.get<int64_t>() < 0;
    const bool read_negative =
        read.is_number_integer() && !read.is_number_unsigned() && read.get<int64_t>() < 0;
    return written.get<double>() == read.get<double>() &&
           (written.is_number_float() || read.is_number_float() || negative == read_negative);
  }
  if (written.is_array() && read.is_array()) {
    if (written.size() != read.size()) return false;
    for (size_t i = 0; i < written.size(); ++i) {
      if (!same_value(written[i], read[i])) return false;
    }
    return true;
  }
  return written == read;
}

void check_same_value(const std::string& key, const json& written, const json& read) {
  if (!same_value(written, read)) {
    throw xdd::fuzz::WrongResult("'" + key + "' was written as " + written.dump().substr(0, 60) +
                                 " but read as " + read.dump().substr(0, 60));
  }
}

}  // namespace

TEST(FuzzConfig, Files) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "config.json";
  xdd::ExperimentConfig custom;
  custom.holdout = 3;
  custom.beta = 10;
  custom.method = xdd::Method::kMcdd;
  custom.seed = 12345678901ULL;
  const std::vector<json> seeds = {xdd::to_json(xdd::ExperimentConfig{}), xdd::to_json(custom),
                                   json{{"holdout", 2}, {"beta", 0.25}, {"threads", 1}}};
  xdd::fuzz::FuzzTally tally("config");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("config", i);
    const Mutated m = mutate_document(rng.pick(seeds), rng);
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] {
      const json read = xdd::to_json(xdd::load_config_file(file));
      const json written = json::parse(xdd::fuzz::to_text(m.bytes));
      for (const auto& [key, value] : written.items()) check_same_value(key, value, read.at(key));
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
}

TEST(FuzzSession, Files) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "studio.session";
  xdd::store::Session session;
  session.settings = {{"holdout", 8}, {"beta", 1.0}, {"method", "xdd"}};
  session.view = {{"zoom", 1.5}, {"panels", {{"loss", true}, {"tsne", false}}}, {"sel", {1, 2}}};
  session.open_runs = {3, 4, 17};
  session.store_file = "/home/user/.local/share/xdd-studio/runs.db";
  xdd::store::save_session(file, session);
  const json seed = json::parse(xdd::fuzz::to_text(xdd::test::read_file(file)));
  xdd::fuzz::FuzzTally tally("session");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("session", i);
    const Mutated m = mutate_document(seed, rng);
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] {
      const xdd::store::Session s = xdd::store::load_session(file);
      const json written = json::parse(xdd::fuzz::to_text(m.bytes));
      if (!s.settings.is_object() || !s.view.is_object() || s.settings != written.at("settings")) {
        throw xdd::fuzz::WrongResult("settings or view differ from the file's");
      }
      if (written.contains("open_runs"))
        check_same_value("open_runs", written["open_runs"], json(s.open_runs));
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
}
