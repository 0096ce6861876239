#pragma once
// Session files: the app's current settings and view, saved to a file and loaded back, so a user
// can close the program and continue where they were. The engine owns the file format (versioned,
// written atomically); the app decides what goes into `settings` and `view`.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace xdd::store {

constexpr int kSessionFormatVersion = 1;

struct Session {
  nlohmann::json settings = nlohmann::json::object();  // experiment settings (holdout, method, ...)
  nlohmann::json view = nlohmann::json::object();      // panels, zoom, selections, ...
  std::vector<std::int64_t> open_runs;                 // run ids shown (e.g. compared) in the app
  std::string store_file;                              // the run store those ids belong to
  std::string saved_at;                                // ISO UTC; filled by save_session
  std::string program_version;                         // filled by save_session
};

// Writes {"format": "xdd-studio-session", "version": 1, ...} atomically. InvalidArgument if
// settings or view is not a JSON object; IoError (and no partial file) if it cannot be written.
void save_session(const std::filesystem::path& file, const Session& session);

// IoError if the file cannot be read; DataError naming the file when it is not a session file,
// is damaged, or comes from a newer program (format version above kSessionFormatVersion).
Session load_session(const std::filesystem::path& file);

}  // namespace xdd::store
