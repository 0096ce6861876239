#include "render/scatter_thumbnail.h"

namespace xdd::gui {

DigitThumbnail::DigitThumbnail() {
  GLint old = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &old);
  glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, kSide, kSide, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);  // crisp enlarged pixels
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  // One channel shown as gray: red to r, g and b, alpha 1 (GL 3.3 core has no luminance format).
  const GLint swizzle[] = {GL_RED, GL_RED, GL_RED, GL_ONE};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(old));
}

DigitThumbnail::~DigitThumbnail() {
  glDeleteTextures(1, &texture_);
}

void DigitThumbnail::show(const std::uint8_t* pixels, std::uint64_t key) {
  if (key == key_) return;
  key_ = key;
  GLint old = 0, alignment = 4;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &old);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kSide, kSide, GL_RED, GL_UNSIGNED_BYTE, pixels);
  glPixelStorei(GL_UNPACK_ALIGNMENT, alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(old));
}

}  // namespace xdd::gui
