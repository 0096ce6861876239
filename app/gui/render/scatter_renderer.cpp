#include "render/scatter_renderer.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.h"
#include "render/deferred_gl.h"

namespace xdd::gui {
namespace {

std::string read_shader(const std::string& name) {
  const std::string path = std::string(XDD_SHADERS_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read shader " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

GLuint compile(GLenum kind, const std::string& name) {
  const std::string source = read_shader(name);
  const GLuint shader = glCreateShader(kind);
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
    glDeleteShader(shader);
    throw DataError("shader " + name + " does not compile: " + log);
  }
  return shader;
}

GLuint link(GLuint vertex, GLuint fragment) {
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {};
    glGetProgramInfoLog(program, sizeof(log), nullptr, log);
    glDeleteProgram(program);
    throw DataError(std::string("point shaders do not link: ") + log);
  }
  return program;
}

void unpack(std::uint32_t c, float out[4]) {
  for (int k = 0; k < 4; ++k) out[k] = static_cast<float>((c >> (8 * k)) & 0xFF) / 255.0f;
}

}  // namespace

ScatterRenderer::ScatterRenderer() {
  program_ =
      link(compile(GL_VERTEX_SHADER, "points.vert"), compile(GL_FRAGMENT_SHADER, "points.frag"));
  u_scale_ = glGetUniformLocation(program_, "u_scale");
  u_offset_ = glGetUniformLocation(program_, "u_offset");
  u_viewport_ = glGetUniformLocation(program_, "u_viewport");
  u_outline_color_ = glGetUniformLocation(program_, "u_outline_color");

  GLint old_vao = 0, old_buffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &old_vao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &old_buffer);
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  const float corners[] = {-1, -1, 1, -1, -1, 1, 1, 1};  // a triangle strip
  glGenBuffers(1, &corner_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, corner_buffer_);
  glBufferData(GL_ARRAY_BUFFER, sizeof(corners), corners, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

  glGenBuffers(1, &position_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, position_buffer_);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(1, 1);
  glGenBuffers(1, &color_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, color_buffer_);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, nullptr);
  glVertexAttribDivisor(2, 1);
  glGenBuffers(1, &shape_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, shape_buffer_);
  glEnableVertexAttribArray(3);
  glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(3, 1);
  glBindVertexArray(static_cast<GLuint>(old_vao));
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(old_buffer));

  glGenFramebuffers(1, &framebuffer_);
  glGenTextures(1, &color_texture_);
}

ScatterRenderer::~ScatterRenderer() {
  forget_gl_work(this);
  glDeleteTextures(1, &color_texture_);
  glDeleteFramebuffers(1, &framebuffer_);
  const GLuint buffers[] = {corner_buffer_, position_buffer_, color_buffer_, shape_buffer_};
  glDeleteBuffers(4, buffers);
  glDeleteVertexArrays(1, &vao_);
  glDeleteProgram(program_);
}

void ScatterRenderer::set_styles(const std::vector<std::uint32_t>& colors,
                                 const std::vector<float>& diameters,
                                 const std::vector<float>& outlines) {
  count_ = static_cast<int>(std::min({colors.size(), diameters.size(), outlines.size()}));
  shapes_.resize(2 * static_cast<size_t>(count_));
  for (int i = 0; i < count_; ++i) {
    shapes_[2 * i] = diameters[i];
    shapes_[2 * i + 1] = outlines[i];
  }
  GLint old_buffer = 0;
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &old_buffer);
  glBindBuffer(GL_ARRAY_BUFFER, color_buffer_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(count_ * sizeof(std::uint32_t)),
               colors.data(), GL_DYNAMIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, shape_buffer_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(shapes_.size() * sizeof(float)),
               shapes_.data(), GL_DYNAMIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(old_buffer));
}

void ScatterRenderer::set_positions(const std::vector<float>& xy) {
  const size_t values = std::min(xy.size(), 2 * static_cast<size_t>(count_));
  GLint old_buffer = 0;
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &old_buffer);
  glBindBuffer(GL_ARRAY_BUFFER, position_buffer_);
  // Orphan and refill: the driver need not wait for the previous frame's draw.
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(2 * count_ * sizeof(float)), nullptr,
               GL_STREAM_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(values * sizeof(float)), xy.data());
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(old_buffer));
}

void ScatterRenderer::resize_target(int width, int height) {
  if (width == width_ && height == height_) return;
  width_ = width;
  height_ = height;
  GLint old_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &old_texture);
  glBindTexture(GL_TEXTURE_2D, color_texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(old_texture));
  GLint old_fbo = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &old_fbo);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_texture_, 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(old_fbo));
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    throw DataError("scatter framebuffer of " + std::to_string(width) + " x " +
                    std::to_string(height) + " pixels is incomplete");
  }
}

void ScatterRenderer::render(int width, int height, const ScatterTransform& transform,
                             std::uint32_t background, std::uint32_t outline) {
  if (width < 1 || height < 1) return;
  defer_gl_work(this, [this, width, height, transform, background, outline] {
    draw(width, height, transform, background, outline);
  });
}

void ScatterRenderer::draw(int width, int height, const ScatterTransform& transform,
                           std::uint32_t background, std::uint32_t outline) {
  resize_target(width, height);
  // Save what we change; ImGui's backend sets the rest of its state itself.
  GLint old_fbo = 0, old_program = 0, old_vao = 0, viewport[4] = {};
  GLint blend_src_rgb = 0, blend_dst_rgb = 0, blend_src_alpha = 0, blend_dst_alpha = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &old_fbo);
  glGetIntegerv(GL_CURRENT_PROGRAM, &old_program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &old_vao);
  glGetIntegerv(GL_VIEWPORT, viewport);
  glGetIntegerv(GL_BLEND_SRC_RGB, &blend_src_rgb);
  glGetIntegerv(GL_BLEND_DST_RGB, &blend_dst_rgb);
  glGetIntegerv(GL_BLEND_SRC_ALPHA, &blend_src_alpha);
  glGetIntegerv(GL_BLEND_DST_ALPHA, &blend_dst_alpha);
  const GLboolean blend = glIsEnabled(GL_BLEND), depth = glIsEnabled(GL_DEPTH_TEST),
                  scissor = glIsEnabled(GL_SCISSOR_TEST), cull = glIsEnabled(GL_CULL_FACE);
  GLfloat clear[4] = {};
  glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);

  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width, height);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_CULL_FACE);
  float bg[4];
  unpack(background, bg);
  glClearColor(bg[0], bg[1], bg[2], 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (count_ > 0) {
    glEnable(GL_BLEND);
    // Colour blends over what is there; alpha stays 1 so the texture is opaque.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(program_);
    glUniform2f(u_scale_, transform.scale[0], transform.scale[1]);
    glUniform2f(u_offset_, transform.offset[0], transform.offset[1]);
    glUniform2f(u_viewport_, static_cast<float>(width), static_cast<float>(height));
    float ring[4];
    unpack(outline, ring);
    glUniform4f(u_outline_color_, ring[0], ring[1], ring[2], ring[3]);
    glBindVertexArray(vao_);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count_);
  }

  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(old_fbo));
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  glUseProgram(static_cast<GLuint>(old_program));
  glBindVertexArray(static_cast<GLuint>(old_vao));
  glBlendFuncSeparate(static_cast<GLenum>(blend_src_rgb), static_cast<GLenum>(blend_dst_rgb),
                      static_cast<GLenum>(blend_src_alpha), static_cast<GLenum>(blend_dst_alpha));
  if (blend)
    glEnable(GL_BLEND);
  else
    glDisable(GL_BLEND);
  if (depth) glEnable(GL_DEPTH_TEST);
  if (scissor) glEnable(GL_SCISSOR_TEST);
  if (cull) glEnable(GL_CULL_FACE);
  glClearColor(clear[0], clear[1], clear[2], clear[3]);
}

}  // namespace xdd::gui
