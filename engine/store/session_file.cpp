#include "store/session_file.h"

#include <cstdint>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/json_file.h"
#include "store/timestamps.h"

namespace xdd::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* const kFormatName = "xdd-studio-session";

// The format version as a number, or -1 when it is missing or not a positive integer.
std::int64_t format_version(const json& j) {
  if (!j.contains("version")) return -1;
  const json& v = j["version"];
  if (v.is_number_unsigned()) {
    return v.get<std::uint64_t>() > INT64_MAX ? INT64_MAX : v.get<std::int64_t>();
  }
  return v.is_number_integer() && v.get<std::int64_t>() >= 1 ? v.get<std::int64_t>() : -1;
}

std::string optional_string(const json& j, const char* key, const fs::path& file) {
  if (!j.contains(key)) return "";
  if (!j[key].is_string()) {
    throw DataError("session file " + file.string() + ": '" + key + "' must be a string");
  }
  return j[key].get<std::string>();
}

// Run ids are positive 64-bit integers; a fraction or a wrapped value would show another run.
std::vector<std::int64_t> run_ids(const json& j, const fs::path& file) {
  std::vector<std::int64_t> ids;
  if (!j.contains("open_runs")) return ids;
  const json& runs = j["open_runs"];
  const auto bad = [&] {
    return DataError("session file " + file.string() +
                     ": 'open_runs' must be a list of run ids (integers >= 1)");
  };
  if (!runs.is_array()) throw bad();
  for (const json& id : runs) {
    if (id.is_number_unsigned() && id.get<std::uint64_t>() > INT64_MAX) throw bad();
    if (!id.is_number_integer() || id.get<std::int64_t>() < 1) throw bad();
    ids.push_back(id.get<std::int64_t>());
  }
  return ids;
}

}  // namespace

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
  const json j = read_json_file(file, "session file");
  if (!j.is_object() || !j.contains("format") || j["format"] != kFormatName) {
    throw DataError(file.string() + " is not an XDD Studio session file");
  }
  const std::int64_t version = format_version(j);
  if (version < 1) {
    throw DataError("session file " + file.string() + " has no valid format version");
  }
  if (version > kSessionFormatVersion) {
    throw DataError("session file " + file.string() + " has format version " +
                    std::to_string(version) + ", newer than this program's " +
                    std::to_string(kSessionFormatVersion) + "; update XDD Studio to open it");
  }
  if (!j.contains("settings") || !j.contains("view")) {
    throw DataError("session file " + file.string() + " is incomplete: it needs settings and view");
  }
  Session s;
  s.settings = j["settings"];
  s.view = j["view"];
  if (!s.settings.is_object() || !s.view.is_object()) {
    throw DataError("session file " + file.string() + ": settings and view must be objects");
  }
  s.open_runs = run_ids(j, file);
  s.store_file = optional_string(j, "store_file", file);
  s.saved_at = optional_string(j, "saved_at", file);
  s.program_version = optional_string(j, "program_version", file);
  return s;
}

}  // namespace xdd::store
