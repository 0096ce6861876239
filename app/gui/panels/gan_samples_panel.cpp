#include "panels/gan_samples_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include "widgets/layout.h"

namespace xdd {
namespace {

constexpr int kSide = 28;
constexpr int kGap = 1;  // one dark pixel between tiles so the digits read as separate images

}  // namespace

GanSamplesPanel::GanSamplesPanel() {
  glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

GanSamplesPanel::~GanSamplesPanel() {
  glDeleteTextures(1, &texture_);
}

void GanSamplesPanel::upload(const std::vector<uint8_t>& pixels, int count) {
  columns_ = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
  rows_ = (count + columns_ - 1) / columns_;
  const int w = columns_ * (kSide + kGap) - kGap, h = rows_ * (kSide + kGap) - kGap;
  std::vector<uint8_t> rgba(static_cast<size_t>(w) * h * 4, 40);
  for (int i = 0; i < count; ++i) {
    const int ox = (i % columns_) * (kSide + kGap), oy = (i / columns_) * (kSide + kGap);
    for (int y = 0; y < kSide; ++y) {
      for (int x = 0; x < kSide; ++x) {
        const uint8_t v = pixels[static_cast<size_t>(i) * kSide * kSide + y * kSide + x];
        uint8_t* p = &rgba[(static_cast<size_t>(oy + y) * w + ox + x) * 4];
        p[0] = p[1] = p[2] = v;
      }
    }
  }
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = 255;
  glBindTexture(GL_TEXTURE_2D, texture_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  uploaded_ = pixels;
}

void GanSamplesPanel::draw(const Snapshot& s) {
  ImGui::Begin("GAN samples", nullptr, kTiledWindowFlags);
  const size_t expected = static_cast<size_t>(s.gan_sample_count) * kSide * kSide;
  if (s.gan_sample_count > 0 && s.gan_samples.size() == expected && s.gan_samples != uploaded_) {
    upload(s.gan_samples, s.gan_sample_count);
  }
  if (s.gan_samples.empty() || uploaded_.empty()) {  // a new run shows only its own samples
    const char* why = "Generated digits appear here while the GAN pre-trains.";
    if (!s.gan_d_loss.empty()) {
      why = "The generator is sampled every 50 pre-training steps; none drawn in this run yet.";
    } else if (!s.loss_names.empty() || s.gan_from_cache) {
      why =
          "This run did not pre-train its GAN (a stored run, or a cache file), so there are no "
          "samples.";
    }
    ImGui::TextWrapped("%s", why);
    ImGui::End();
    return;
  }
  const float tex_w = static_cast<float>(columns_ * (kSide + kGap) - kGap);
  const float tex_h = static_cast<float>(rows_ * (kSide + kGap) - kGap);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // Whole-number scale keeps every source pixel the same size on screen.
  const float scale = std::max(1.0f, std::floor(std::min(avail.x / tex_w, (avail.y - 4) / tex_h)));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail.x - tex_w * scale) / 2));
  ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)),
               ImVec2(tex_w * scale, tex_h * scale));
  ImGui::End();
}

}  // namespace xdd
