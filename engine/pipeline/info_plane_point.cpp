#include "pipeline/info_plane_point.h"

namespace xdd {

const char* plane_set_name(PlaneSet set) {
  return set == PlaneSet::kTest ? "test" : "labeled";
}

std::optional<PlaneSet> parse_plane_set(const std::string& name) {
  if (name == "labeled" || name == "train") return PlaneSet::kLabeled;
  if (name == "test") return PlaneSet::kTest;
  return std::nullopt;
}

}  // namespace xdd
