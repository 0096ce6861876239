#pragma once
// Writes that either complete or leave the previous file untouched: write to a temp file in the
// same folder, flush it to disk, then rename over the target (rename is atomic on POSIX file
// systems).
#include <filesystem>
#include <functional>
#include <string>

namespace xdd {

// Calls `write(temp_path)`, which must create and fill temp_path, then renames it to `target`.
// On any failure the temp file is removed, `target` is left as it was and IoError is thrown.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path& temp_path)>& write);

// Writes `content` to `target` atomically.
void write_text_atomically(const std::filesystem::path& target, const std::string& content);

// Creates `dir` (and parents) if needed; IoError naming the folder if that fails.
void ensure_directory(const std::filesystem::path& dir);

}  // namespace xdd
