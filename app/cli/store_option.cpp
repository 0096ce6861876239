#include "cli/store_option.h"

#include <cmath>
#include <cstdio>

#include "store/run_store.h"

namespace xdd::cli {

void add_store_option(CLI::App& root, CLI::App& sub) {
  if (!root.get_option_no_throw("--store")) {
    root.add_option("--store")->type_name("FILE")->description(
        "Run store database file (default: " + store::default_store_path().string() + ")");
  }
  sub.fallthrough();
}

std::filesystem::path store_path(const CLI::App& root) {
  const CLI::Option* opt = root.get_option_no_throw("--store");
  if (opt && opt->count() > 0) return opt->as<std::string>();
  return store::default_store_path();
}

std::string fixed3(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string fixed3(const std::optional<double>& v) {
  return v ? fixed3(*v) : "-";
}

}  // namespace xdd::cli
