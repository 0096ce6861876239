#pragma once
// Draws many points (10,000+) with our own GL 3.3 shaders (shaders/points.vert, points.frag):
// instanced quads, antialiased discs with an optional outline ring, into an offscreen texture that
// the Embedding panel shows with ImGui. Main thread only; needs a current GL 3.3 core context.
#include <epoxy/gl.h>

#include <cstdint>
#include <vector>

namespace xdd::gui {

// Data -> clip-space mapping: clip = data * scale + offset.
struct ScatterTransform {
  float scale[2] = {1.0f, 1.0f};
  float offset[2] = {0.0f, 0.0f};
};

class ScatterRenderer {
 public:
  // Compiles the shaders found in XDD_SHADERS_DIR. IoError when a file cannot be read, DataError
  // (with the GL info log) when a shader does not compile or link.
  ScatterRenderer();
  ~ScatterRenderer();
  ScatterRenderer(const ScatterRenderer&) = delete;
  ScatterRenderer& operator=(const ScatterRenderer&) = delete;

  // Per point, in drawing order (later points on top): RGBA colour (byte order r, g, b, a, as
  // IM_COL32 packs it), diameter and outline width in pixels. Sets the point count.
  void set_styles(const std::vector<std::uint32_t>& colors, const std::vector<float>& diameters,
                  const std::vector<float>& outlines);
  // Interleaved x, y per point, same order and count as the styles (extra values are ignored).
  void set_positions(const std::vector<float>& xy);

  // Renders the points into the texture, resized to width x height pixels, over `background`
  // (IM_COL32 packing); outline rings use `outline`. Called while the draw lists are built, it
  // queues the drawing for the end of that work (render/deferred_gl.h): the texture is drawn
  // before the draw lists that show it are submitted. Restores the GL state it changes.
  void render(int width, int height, const ScatterTransform& transform, std::uint32_t background,
              std::uint32_t outline);

  // The texture (bottom-up rows, as GL stores them) and the size it was last drawn at.
  GLuint texture() const { return color_texture_; }
  int width() const { return width_; }
  int height() const { return height_; }
  int count() const { return count_; }

 private:
  void draw(int width, int height, const ScatterTransform& transform, std::uint32_t background,
            std::uint32_t outline);
  void resize_target(int width, int height);

  GLuint program_ = 0;
  GLint u_scale_ = -1, u_offset_ = -1, u_viewport_ = -1, u_outline_color_ = -1;
  GLuint vao_ = 0;
  GLuint corner_buffer_ = 0, position_buffer_ = 0, color_buffer_ = 0, shape_buffer_ = 0;
  GLuint framebuffer_ = 0, color_texture_ = 0;
  int width_ = 0, height_ = 0;
  int count_ = 0;
  std::vector<float> shapes_;  // scratch: diameter, outline per point
};

}  // namespace xdd::gui
