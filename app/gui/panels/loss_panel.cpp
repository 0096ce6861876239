#include "panels/loss_panel.h"

#include <imgui.h>

#include <algorithm>

#include "panels/panel_exports.h"
#include "pipeline/phase.h"
#include "widgets/line_plot.h"
#include "widgets/ui_style.h"

namespace xdd {
namespace {
constexpr const char* kGradientPrefix = "grad_";  // training/retrainer.h names them so
}  // namespace

bool LossPanel::draw(const Snapshot& s) {
  ImGui::Checkbox("log scale", &log_y_);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("log10 y axis; only for series whose values are all > 0");
  }
  ImGui::SameLine();
  const bool export_clicked = ImGui::SmallButton("Export...");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "These curves as SVG, PDF or PNG (the re-training terms, or the GAN's losses "
        "before re-training starts)");
  }
  const bool has_gan = !s.gan_d_loss.empty();
  const bool has_retrain = !s.loss_names.empty();
  LinePlotOptions options;
  options.log_y = log_y_;
  const float gap = ImGui::GetTextLineHeightWithSpacing();
  const float avail = ImGui::GetContentRegionAvail().y;

  if (has_gan && s.phase == Phase::kPretraining && s.step > 0) {
    gan_first_step_ = std::max<int64_t>(1, s.step - static_cast<int64_t>(s.gan_d_loss.size()) + 1);
  } else if (!has_gan) {
    gan_first_step_ = 1;
  }
  if (has_gan) {
    ImGui::TextUnformatted(gan_first_step_ > 1 ? "GAN pre-training (BCE), resumed"
                                               : "GAN pre-training (BCE)");
    options.first_step = gan_first_step_;
    const std::vector<PlotSeries> gan = {{"D loss", &s.gan_d_loss, series_color(0)},
                                         {"G loss", &s.gan_g_loss, series_color(1)}};
    draw_line_plot("##gan_losses", gan, options,
                   ImVec2(-1, has_retrain ? avail * 0.5f - 2 * gap : -1));
  } else if (s.gan_from_cache || !s.loss_names.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("GAN loaded from the cache: no pre-training curve this run");
    ImGui::PopStyleColor();
  }
  if (has_retrain) {
    // The terms, and below them the gradient each sends into the embedding (the "grad_" columns,
    // on a log axis): a term that teaches nothing shows as a flat line at the bottom.
    ImGui::Text("Re-training (%s)", setting_name(s.config.method));
    options.first_step = 1;
    std::vector<PlotSeries> terms, gradients;
    for (size_t i = 0; i < s.loss_names.size() && i < s.loss_values.size(); ++i) {
      const std::string& name = s.loss_names[i];
      const bool gradient = name.rfind(kGradientPrefix, 0) == 0;
      (gradient ? gradients : terms)
          .push_back({name, &s.loss_values[i], series_color(static_cast<int>(terms.size()) + 2)});
    }
    const float height = ImGui::GetContentRegionAvail().y;
    draw_line_plot("##retrain_losses", terms, options,
                   ImVec2(-1, gradients.empty() ? -1 : height * 0.6f - gap));
    if (!gradients.empty()) {
      ImGui::TextUnformatted("gradient norm of each term, ||d term / d z||");
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "The norm of each term's gradient with respect to the 90 labeled embeddings, per "
            "step\n(log axis where every value is > 0). A term whose curve is 0 or tiny gives "
            "the\nembedding nothing to learn from, whatever its value.");
      }
      LinePlotOptions grad_options = options;
      grad_options.log_y = true;
      for (size_t i = 0; i < gradients.size(); ++i)
        gradients[i].color = series_color(static_cast<int>(i) + 2);
      draw_line_plot("##retrain_gradients", gradients, grad_options, ImVec2(-1, -1));
    }
  }
  if (!has_gan && !has_retrain) {
    ImGui::TextDisabled("Loss curves appear here when a run trains.");
  }
  return export_clicked;
}

bool LossPanel::draw(const PanelContext& context) {
  return draw(*context.shown);
}

ExportOffer LossPanel::export_offer(const PanelContext& context) const {
  return {"Export the loss curves", loss_choices(*context.shown, context.stored_name, log_y())};
}

}  // namespace xdd
