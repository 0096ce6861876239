#pragma once
// Reading JSON files a user hands the programs (config files, session files, a run folder's
// metrics.json). Nesting is limited: nlohmann's copy, comparison and dump recurse once per level,
// so a document nested 100,000 levels deep (a few hundred kilobytes of brackets) parses, then
// overflows the stack wherever it is copied. No file these programs write is nested deeper than a
// handful of levels.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace xdd {

constexpr int kMaxJsonDepth = 100;

// Reads and parses `file`; `role` names it in messages ("config file", "session file"). IoError
// when it cannot be read; DataError naming it when it is not valid JSON or is nested deeper than
// kMaxJsonDepth.
nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& role);

}  // namespace xdd
