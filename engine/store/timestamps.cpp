#include "store/timestamps.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace xdd::store {

std::string iso_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string now_iso_utc() {
  return iso_utc(std::time(nullptr));
}

std::time_t modification_time(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    throw IoError("cannot read the time of " + file.string() + ": " + std::strerror(errno));
  }
  return st.st_mtime;
}

}  // namespace xdd::store
