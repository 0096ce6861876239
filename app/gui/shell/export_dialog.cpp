#include "shell/export_dialog.h"

#include <imgui.h>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace xdd {
namespace {

namespace fs = std::filesystem;
using figures::FigureFormat;

constexpr const char* kPopup = "Export###export_dialog";
const ImVec4 kGood(0.2f, 0.7f, 0.25f, 1.0f);
const ImVec4 kBad(0.9f, 0.25f, 0.2f, 1.0f);

std::string start_folder() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return ec ? std::string(".") : cwd.string();
}

std::string extension_of(gui::ExportKind kind, FigureFormat format) {
  return gui::is_figure(kind) ? "." + figures::to_string(format) : ".csv";
}

}  // namespace

ExportDialog::ExportDialog(std::function<void()> wake)
    : writing_(std::move(wake)), folder_(start_folder()) {}

void ExportDialog::open(const std::string& title, std::vector<ExportChoice> choices) {
  title_ = title;
  choices_ = std::move(choices);
  outcome_.clear();
  int first = 0;
  for (int i = static_cast<int>(choices_.size()) - 1; i >= 0; --i) {
    if (choices_[i].unavailable.empty()) first = i;
  }
  select(first);
  open_next_frame_ = true;
}

void ExportDialog::select(int choice) {
  choice_ = choice;
  if (choices_.empty()) return;
  const ExportChoice& c = choices_[choice_];
  const FigureFormat format = request_.output.format;  // keep the format the user chose last
  request_.kind = c.kind;
  request_.output = gui::default_output(c.kind);
  request_.output.format = format;
  const std::string path = gui::unused_path(folder_, c.stem, extension_of(c.kind, format));
  std::snprintf(path_, sizeof path_, "%s", path.c_str());
}

void ExportDialog::press_export(const std::string& path) {
  std::snprintf(path_, sizeof path_, "%s", path.c_str());
  if (gui::is_figure(request_.kind)) {
    try {
      request_.output.format = figures::format_for_path(path);  // as picking it would
    } catch (const std::exception&) {
      // Left as it is: the dialog then names the mismatch, as it would for a user.
    }
  }
  press_next_frame_ = true;
}

void ExportDialog::draw() {
  if (auto done = writing_.poll()) {
    outcome_ok_ = done->value.has_value();
    if (outcome_ok_) {
      std::error_code ec;
      const auto bytes = fs::file_size(*done->value, ec);
      outcome_ = "Wrote " + *done->value;
      if (!ec) outcome_ += " (" + std::to_string((bytes + 1023) / 1024) + " KB)";
      folder_ = fs::absolute(*done->value, ec).parent_path().string();
    } else {
      outcome_ = "Could not write the file: " + done->error;
    }
  }
  if (open_next_frame_) {
    ImGui::OpenPopup(kPopup);
    open_next_frame_ = false;
  }
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  // Fixed width; the height fits the content every frame (the outcome line comes later).
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Always);
  visible_ = ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_NoSavedSettings);
  if (!visible_) return;
  ImGui::TextUnformatted(title_.c_str());
  ImGui::Separator();
  draw_fields();
  draw_buttons();
  ImGui::EndPopup();
}

void ExportDialog::draw_fields() {
  for (int i = 0; i < static_cast<int>(choices_.size()); ++i) {
    const ExportChoice& c = choices_[i];
    ImGui::BeginDisabled(!c.unavailable.empty());
    if (ImGui::RadioButton(c.label.c_str(), choice_ == i)) select(i);
    ImGui::EndDisabled();
    if (!c.unavailable.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s)", c.unavailable.c_str());
    }
  }
  if (choices_.empty()) return;
  const ExportChoice& c = choices_[choice_];
  if (!c.note.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", c.note.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  const float label_w = ImGui::GetFontSize() * 5;
  figures::FigureOutput& out = request_.output;
  if (gui::is_figure(c.kind)) {
    ImGui::TextUnformatted("Format");
    ImGui::SameLine(label_w);
    for (FigureFormat f : {FigureFormat::svg, FigureFormat::pdf, FigureFormat::png}) {
      std::string name = figures::to_string(f);
      for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (ImGui::RadioButton(name.c_str(), out.format == f) && out.format != f) {
        out.format = f;
        const std::string path = gui::with_extension(path_, c.kind, f);
        std::snprintf(path_, sizeof path_, "%s", path.c_str());
      }
      ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::TextUnformatted("Size");
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::InputDouble("##width", &out.width_pt, 0, 0, "%.1f");
    ImGui::SameLine();
    ImGui::TextUnformatted("x");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::InputDouble("##height", &out.height_pt, 0, 0, "%.1f");
    ImGui::SameLine();
    ImGui::TextDisabled("pt (%.2f x %.2f in)", out.width_pt / 72.0, out.height_pt / 72.0);
    if (out.format == FigureFormat::png) {
      ImGui::TextUnformatted("dpi");
      ImGui::SameLine(label_w);
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
      ImGui::InputDouble("##dpi", &out.dpi, 0, 0, "%.0f");
      ImGui::SameLine();
      if (out.dpi >= 72 && out.dpi <= 1200) {
        ImGui::TextDisabled("%d x %d pixels", figures::png_width_px(out),
                            figures::png_height_px(out));
      }
    }
  }
  ImGui::TextUnformatted("File");
  ImGui::SameLine(label_w);
  ImGui::SetNextItemWidth(-1);
  ImGui::InputText("##path", path_, sizeof path_);
}

void ExportDialog::draw_buttons() {
  request_.path = path_;
  const ExportChoice* c = choices_.empty() ? nullptr : &choices_[choice_];
  std::string problem = c ? gui::export_problem(request_) : "Nothing to export.";
  if (c && !c->unavailable.empty()) problem = c->unavailable;
  if (!problem.empty()) ImGui::TextColored(kBad, "%s", problem.c_str());
  if (!outcome_.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(outcome_ok_ ? kGood : kBad, "%s", outcome_.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Spacing();
  const float button_w = ImGui::GetFontSize() * 6;
  ImGui::BeginDisabled(!problem.empty() || writing_.busy());
  const bool pressed = press_next_frame_ && problem.empty() && !writing_.busy();
  press_next_frame_ = false;
  if ((ImGui::Button(writing_.busy() ? "Writing..." : "Export", ImVec2(button_w, 0)) || pressed) &&
      c) {
    outcome_.clear();
    writing_.request([write = c->write, request = request_] {
      write(request.path, request.output);
      return request.path;
    });
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Close", ImVec2(button_w, 0)) ||
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
  }
}

}  // namespace xdd
