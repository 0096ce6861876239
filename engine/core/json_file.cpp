#include "core/json_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace xdd {

nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& role) {
  using nlohmann::json;
  const std::string name = role + " " + file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IoError("cannot read " + name + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("cannot read " + name + ": " + std::strerror(errno));
  // The parser calls this at every value; throwing stops it before the deep part is built.
  const json::parser_callback_t limit_depth = [&](int depth, json::parse_event_t event, json&) {
    if (depth >= kMaxJsonDepth &&
        (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start)) {
      throw DataError(name + " is nested more than " + std::to_string(kMaxJsonDepth) +
                      " levels deep; no file of these programs is");
    }
    return true;
  };
  try {
    return json::parse(text.str(), limit_depth);
  } catch (const json::exception& e) {
    throw DataError(name + " is not valid JSON: " + e.what());
  }
}

}  // namespace xdd
