#pragma once
// A 28 x 28 grayscale test image as a GL texture for the hover tooltip (ImGui::Image). One texture,
// re-filled only when the hovered image changes. Main thread only.
#include <epoxy/gl.h>

#include <cstdint>

namespace xdd::gui {

class DigitThumbnail {
 public:
  static constexpr int kSide = 28;

  DigitThumbnail();
  ~DigitThumbnail();
  DigitThumbnail(const DigitThumbnail&) = delete;
  DigitThumbnail& operator=(const DigitThumbnail&) = delete;

  // Shows the kSide * kSide bytes at `pixels` (row-major, 0 = black); `key` identifies them so
  // the same image is not uploaded twice.
  void show(const std::uint8_t* pixels, std::uint64_t key);
  GLuint texture() const { return texture_; }

 private:
  GLuint texture_ = 0;
  std::uint64_t key_ = ~std::uint64_t{0};
};

}  // namespace xdd::gui
