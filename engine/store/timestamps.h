#pragma once
// Times as the run store keeps them: ISO 8601 in UTC, second resolution ("2024-05-01T12:00:00Z"),
// so they sort as text and read the same everywhere.
#include <ctime>
#include <filesystem>
#include <string>

namespace xdd::store {

std::string iso_utc(std::time_t t);
std::string now_iso_utc();
// Last modification time of `file`; IoError naming it if it cannot be read.
std::time_t modification_time(const std::filesystem::path& file);

}  // namespace xdd::store
