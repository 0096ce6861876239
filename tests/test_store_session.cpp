// Session files: round trip, and the files it must refuse.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "store/session_file.h"
#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace xdd::store;

TEST(SessionFile, RoundTrip) {
  xdd::test::ScratchDir dir;
  Session s;
  s.settings = {{"holdout", 8}, {"method", "xdd"}, {"beta", 0.5}, {"bn", "frozen"}};
  s.view = {{"panel", "tsne"}, {"zoom", 1.25}};
  s.open_runs = {3, 7};
  s.store_file = "/data/runs.db";
  save_session(dir.path() / "s.json", s);
  const Session back = load_session(dir.path() / "s.json");
  EXPECT_EQ(back.settings, s.settings);
  EXPECT_EQ(back.view["zoom"], 1.25);
  EXPECT_EQ(back.open_runs, (std::vector<std::int64_t>{3, 7}));
  EXPECT_EQ(back.store_file, "/data/runs.db");
  EXPECT_EQ(back.program_version, XDD_VERSION);
  EXPECT_EQ(back.saved_at.size(), 20u);  // 2024-05-01T12:00:00Z
}

TEST(SessionFile, RefusesForeignDamagedAndNewerFiles) {
  xdd::test::ScratchDir dir;
  const fs::path f = dir.path() / "s.json";
  EXPECT_THROW(load_session(f), xdd::IoError);
  std::ofstream(f) << "{\"format\": \"xdd-studio-session\", \"version\": 1, \"settings\": {";
  EXPECT_THROW(load_session(f), xdd::DataError);
  std::ofstream(f) << json{{"hello", 1}}.dump();
  EXPECT_THROW(load_session(f), xdd::DataError);
  std::ofstream(f) << json{
      {"format", "xdd-studio-session"},
      {"version", 2},
      {"settings", json::object()},
      {"view",
       json::object()}}.dump();
  try {
    load_session(f);
    FAIL() << "a newer session file was accepted";
  } catch (const xdd::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
  }
  Session bad;
  bad.view = json::array();
  EXPECT_THROW(save_session(dir.path() / "t.json", bad), xdd::InvalidArgument);
  EXPECT_FALSE(fs::exists(dir.path() / "t.json"));
}

// Found by tests/test_fuzz_json.cpp: a deeply nested settings object overflowed the stack when it
// was copied, a "format" of another type escaped as a nlohmann exception, a version of 2^32 + 1
// read as 1, and run ids such as 1.5 or -1 were truncated or kept.
TEST(SessionFile, HostileContentGivesDataErrorNamingTheFile) {
  xdd::test::ScratchDir dir;
  const fs::path f = dir.path() / "s.json";
  const std::string head = "{\"format\": \"xdd-studio-session\", \"version\": 1, ";
  const std::vector<std::string> bad = {
      head + "\"settings\": " + std::string(200000, '[') + std::string(200000, ']') +
          ", \"view\": {}}",
      "{\"format\": 5, \"version\": 1, \"settings\": {}, \"view\": {}}",
      "{\"format\": \"xdd-studio-session\", \"version\": 4294967297, \"settings\": {}, "
      "\"view\": {}}",
      head + "\"settings\": {}, \"view\": {}, \"open_runs\": [1.5]}",
      head + "\"settings\": {}, \"view\": {}, \"open_runs\": [-1]}",
      head + "\"settings\": {}, \"view\": {}, \"open_runs\": [18446744073709551615]}",
      head + "\"settings\": {}, \"view\": {}, \"store_file\": 3}",
      head + "\"settings\": {}}"};
  for (const auto& text : bad) {
    SCOPED_TRACE(text.substr(0, 120));
    std::ofstream(f) << text;
    try {
      load_session(f);
      ADD_FAILURE() << "accepted";
    } catch (const xdd::DataError& e) {
      EXPECT_NE(std::string(e.what()).find(f.string()), std::string::npos) << e.what();
    }
  }
  std::ofstream(f) << head + "\"settings\": {}, \"view\": {}, \"open_runs\": [2, 9]}";
  EXPECT_EQ(load_session(f).open_runs, (std::vector<std::int64_t>{2, 9}));
}
