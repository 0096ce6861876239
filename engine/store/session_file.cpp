#include "store/session_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "store/timestamps.h"

namespace xdd::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
const char* const kFormatName = "xdd-studio-session";
}

void save_session(const fs::path& file, const Session& s) {
  if (!s.settings.is_object() || !s.view.is_object()) {
    throw InvalidArgument("session: settings and view must be JSON objects");
  }
  const json j{{"format", kFormatName},     {"version", kSessionFormatVersion},
               {"saved_at", now_iso_utc()}, {"program_version", XDD_VERSION},
               {"settings", s.settings},    {"view", s.view},
               {"open_runs", s.open_runs},  {"store_file", s.store_file}};
  write_text_atomically(file, j.dump(2) + "\n");
}

Session load_session(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read session file " + file.string() + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  json j;
  try {
    j = json::parse(text.str());
  } catch (const json::exception& e) {
    throw DataError("session file " + file.string() + " is damaged (not valid JSON): " + e.what());
  }
  if (!j.is_object() || j.value("format", "") != kFormatName) {
    throw DataError(file.string() + " is not an XDD Studio session file");
  }
  const json& version = j["version"];
  if (!version.is_number_integer() || version.get<int>() < 1) {
    throw DataError("session file " + file.string() + " has no valid format version");
  }
  if (version.get<int>() > kSessionFormatVersion) {
    throw DataError("session file " + file.string() + " has format version " +
                    std::to_string(version.get<int>()) + ", newer than this program's " +
                    std::to_string(kSessionFormatVersion) + "; update XDD Studio to open it");
  }
  Session s;
  try {
    s.settings = j.at("settings");
    s.view = j.at("view");
    s.open_runs = j.value("open_runs", std::vector<std::int64_t>{});
    s.store_file = j.value("store_file", "");
    s.saved_at = j.value("saved_at", "");
    s.program_version = j.value("program_version", "");
  } catch (const json::exception& e) {
    throw DataError("session file " + file.string() + " is incomplete: " + e.what());
  }
  if (!s.settings.is_object() || !s.view.is_object()) {
    throw DataError("session file " + file.string() + ": settings and view must be objects");
  }
  return s;
}

}  // namespace xdd::store
