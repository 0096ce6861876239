#include "widgets/ui_style.h"

#include <filesystem>

namespace xdd {
namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kNormalPx = 16.0f;
constexpr float kLargePx = 24.0f;

// Glyphs beyond Latin-1 that the panels print: Greek (beta), arrows, minus, times, multiply.
const ImWchar* glyph_ranges() {
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2012, 0x2031, 0x2190,
                                   0x21FF, 0x2212, 0x2264, 0x25A0, 0x25CF, 0};
  return ranges;
}

}  // namespace

UiFonts load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  UiFonts fonts;
  std::error_code ec;
  if (std::filesystem::exists(kFontFile, ec)) {
    fonts.normal = io.Fonts->AddFontFromFileTTF(kFontFile, kNormalPx, nullptr, glyph_ranges());
    fonts.large = io.Fonts->AddFontFromFileTTF(kFontFile, kLargePx, nullptr, glyph_ranges());
  }
  if (!fonts.normal) fonts.normal = io.Fonts->AddFontDefault();
  if (!fonts.large) fonts.large = fonts.normal;
  return fonts;
}

void apply_theme(bool presentation) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (!presentation) {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg].w = 1.0f;  // opaque: it is also the frame's clear colour
    style.WindowRounding = 3.0f;
    style.FrameRounding = 2.0f;
    return;
  }
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1);
  c[ImGuiCol_Text] = black;
  c[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
  c[ImGuiCol_WindowBg] = white;
  c[ImGuiCol_ChildBg] = white;
  c[ImGuiCol_PopupBg] = white;
  c[ImGuiCol_Border] = black;
  c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.88f, 0.88f, 1);
  c[ImGuiCol_TitleBg] = ImVec4(0.80f, 0.80f, 0.80f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.0f, 0.20f, 0.55f, 1);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.85f, 0.85f, 0.85f, 1);
  c[ImGuiCol_Button] = ImVec4(0.70f, 0.82f, 1.0f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.50f, 0.70f, 1.0f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.55f, 1.0f, 1);
  c[ImGuiCol_PlotHistogram] = ImVec4(0.0f, 0.35f, 0.85f, 1);
  style.WindowBorderSize = 2.0f;
  style.FrameBorderSize = 1.0f;
  style.ScaleAllSizes(1.4f);
}

ImU32 series_color(int i) {
  static const ImU32 tab10[] = {IM_COL32(31, 119, 180, 255),  IM_COL32(255, 127, 14, 255),
                                IM_COL32(44, 160, 44, 255),   IM_COL32(214, 39, 40, 255),
                                IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
                                IM_COL32(227, 119, 194, 255), IM_COL32(127, 127, 127, 255),
                                IM_COL32(188, 189, 34, 255),  IM_COL32(23, 190, 207, 255)};
  return tab10[((i % 10) + 10) % 10];
}

}  // namespace xdd
