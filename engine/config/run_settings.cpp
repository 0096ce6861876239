#include "config/run_settings.h"

#include "core/error.h"

namespace xdd {

void throw_unknown_choice(const std::string& key, const std::string& text,
                          const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  // A hostile file's value may be megabytes long: the message shows its start.
  const std::string shown = text.size() > 60 ? text.substr(0, 60) + "..." : text;
  throw InvalidArgument(key + " must be one of " + list + ", got '" + shown + "'");
}

}  // namespace xdd
