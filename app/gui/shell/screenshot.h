#pragma once
// A PNG of what the app shows: the GL back buffer after a frame is rendered, before it is swapped.
#include <filesystem>

namespace xdd {

// Reads width x height pixels of the current back buffer and writes them as an opaque PNG,
// atomically (temp file + rename). IoError naming the file when it cannot be written.
void save_screenshot_png(const std::filesystem::path& file, int width, int height);

}  // namespace xdd
