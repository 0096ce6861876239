#include "shell/screenshot.h"

#include <cairo.h>
#include <epoxy/gl.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"

namespace xdd {

void save_screenshot_png(const std::filesystem::path& file, int width, int height) {
  if (width <= 0 || height <= 0) throw IoError("cannot take a screenshot of an empty window");
  // GL_BGRA + GL_UNSIGNED_BYTE on a little-endian machine is exactly Cairo's ARGB32 layout.
  const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, width);
  std::vector<uint8_t> gl_rows(static_cast<size_t>(width) * height * 4);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 4);
  glReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, gl_rows.data());

  // GL's first row is the bottom of the image; PNG's is the top. Force alpha opaque.
  std::vector<uint8_t> image(static_cast<size_t>(stride) * height);
  for (int y = 0; y < height; ++y) {
    const uint8_t* src = gl_rows.data() + static_cast<size_t>(height - 1 - y) * width * 4;
    uint8_t* dst = image.data() + static_cast<size_t>(y) * stride;
    std::memcpy(dst, src, static_cast<size_t>(width) * 4);
    for (int x = 0; x < width; ++x) dst[x * 4 + 3] = 255;
  }

  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_for_data(image.data(), CAIRO_FORMAT_ARGB32, width, height, stride),
      &cairo_surface_destroy);
  write_atomically(file, [&](const std::filesystem::path& temp) {
    const cairo_status_t status = cairo_surface_write_to_png(surface.get(), temp.c_str());
    if (status != CAIRO_STATUS_SUCCESS) {
      throw IoError("cannot write PNG " + temp.string() + ": " + cairo_status_to_string(status));
    }
  });
}

}  // namespace xdd
