#include "panels/experiment_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "logic/run_stats.h"
#include "models/presets.h"
#include "widgets/layout.h"

namespace xdd {
namespace {

// A combo over a choice-valued setting (config/run_settings.h): each choice's name and help.
template <typename E>
void choice_combo(const char* label, E& value, const std::vector<std::pair<E, const char*>>& help) {
  if (!ImGui::BeginCombo(label, setting_name(value))) return;
  for (const auto& [choice, text] : help) {
    if (ImGui::Selectable(setting_name(choice), value == choice)) value = choice;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
  }
  ImGui::EndCombo();
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

}  // namespace

void ExperimentPanel::draw(Controller& c, bool presentation) {
  ImGui::Begin("Experiment", nullptr, kTiledWindowFlags);
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.5f);
  draw_holdout(c);
  draw_beta(c);
  ImGui::Separator();
  draw_buttons(c);
  draw_cache_state(c.config());
  // Fold the settings when the mode changes; the user may open or close them in between.
  if (folded_for_ != static_cast<int>(presentation)) {
    ImGui::SetNextItemOpen(!presentation, ImGuiCond_Always);
    folded_for_ = static_cast<int>(presentation);
  }
  if (ImGui::CollapsingHeader("Settings")) {
    draw_data(c);
    ImGui::Separator();
    draw_method(c.config());
    ImGui::Separator();
    draw_training(c.config());
  }
  ImGui::PopItemWidth();
  ImGui::End();
}

void ExperimentPanel::draw_data(Controller& c) {
  if (!data_dir_editing_) data_dir_edit_ = c.config().data_dir;
  ImGui::TextUnformatted("Dataset folder");
  ImGui::SetNextItemWidth(-1);
  const bool entered =
      ImGui::InputText("##data", &data_dir_edit_, ImGuiInputTextFlags_EnterReturnsTrue);
  data_dir_editing_ = ImGui::IsItemActive();
  if (entered || ImGui::IsItemDeactivatedAfterEdit()) c.config().data_dir = data_dir_edit_;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Folder with the four MNIST IDX files (raw or .gz). Press Enter to apply.");
  }
  if (!cache_probe_.dataset_name().empty()) {
    ImGui::TextDisabled("dataset: %s", cache_probe_.dataset_name().c_str());
  }
}

void ExperimentPanel::draw_holdout(Controller& c) {
  ImGui::TextUnformatted("Held-out digit (the anomaly)");
  const float w =
      std::max(ImGui::GetFontSize() * 1.4f, (ImGui::GetContentRegionAvail().x - 9 * 4.0f) / 10.0f);
  for (int d = 0; d < 10; ++d) {
    if (d > 0) ImGui::SameLine(0, 4.0f);
    const bool selected = c.config().holdout == d;
    if (selected) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.40f, 0.05f, 1.0f));
    char label[8] = {static_cast<char>('0' + d), 0};
    if (ImGui::Button(label, ImVec2(w, 0))) c.set_holdout(d);
    if (selected) ImGui::PopStyleColor();
  }
}

void ExperimentPanel::draw_beta(Controller& c) {
  double& beta = c.config().beta;
  ImGui::TextWrapped("β (weight of relevance, L = C − β·R)");
  float slider = beta > 0 ? static_cast<float>(std::clamp(beta, 1e-3, 1e3)) : 1e-3f;
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 7.5f);
  if (ImGui::SliderFloat("##beta_slider", &slider, 1e-3f, 1e3f, beta == 0 ? "0" : "%.3g",
                         ImGuiSliderFlags_Logarithmic)) {
    beta = slider;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) c.beta_edited();  // restart once, on release
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
  double typed = beta;
  if (ImGui::InputDouble("##beta_typed", &typed, 0.0, 0.0, "%g",
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    beta = typed;
    c.beta_edited();  // a negative value is refused by the session with a message
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type any β >= 0 and press Enter (0 allowed).");
  if (c.in_progress() && c.snapshot().config.beta != beta) {
    ImGui::TextDisabled("β change: re-trains from the pre-trained GAN");
  }
}

void ExperimentPanel::draw_method(ExperimentConfig& config) {
  choice_combo<Method>(
      "method", config.method,
      {{Method::kXdd, "XDD: compression − β · relevance (the paper)"},
       {Method::kSoftmax, "softmax cross-entropy, own score 1 − max probability"},
       {Method::kMcdd, "Deep MCDD: class Gaussians with learned centres and deviations"},
       {Method::kIsoMax, "IsoMax: distance logits with entropic scale"},
       {Method::kIsoMaxPlus, "IsoMax+: cosine-normalised distances"},
       {Method::kSnn, "soft nearest-neighbour loss"},
       {Method::kSvdd, "Deep SVDD, one-class (labels unused)"},
       {Method::kBnOnly, "control: BatchNorm statistics re-estimated, weights unchanged"}});
  ImGui::BeginDisabled(config.method != Method::kXdd);
  choice_combo<Estimator>(
      "estimator", config.estimator,
      {{Estimator::kPaper, "eq. 8: mean pairwise squared distance (scale-fixed)"},
       {Estimator::kKde, "kernel estimate of the mixture entropy, in [0, log N]"}});
  choice_combo<Pairs>(
      "pairs", config.pairs,
      {{Pairs::kInter, "only pairs of different classes"},
       {Pairs::kAll, "all pairs, as eq. 8 is written (a constant at a fixed scale)"}});
  choice_combo<Relevance>(
      "relevance", config.relevance,
      {{Relevance::kBatch, "class Gaussians from the batch, each point left out of its own class"},
       {Relevance::kInSample, "first version: fitted on the point itself, saturated at 0"},
       {Relevance::kLearned, "class centres and deviations as parameters (Deep MCDD's start)"}});
  choice_combo<Scale>(
      "scale", config.scale,
      {{Scale::kNormalized, "terms on the scale-normalised embedding: scaling z gains nothing"},
       {Scale::kDetached, "first version: detached median distance, its gradient inflates z"}});
  ImGui::EndDisabled();
  choice_combo<BatchNormMode>("batch norm", config.bn,
                              {{BatchNormMode::kTrain, "batch statistics of the 90 labeled images"},
                               {BatchNormMode::kFrozen, "pre-trained running statistics, kept"}});
  choice_combo<TrainedLayers>("layers", config.layers,
                              {{TrainedLayers::kAll, "re-train all of f"},
                               {TrainedLayers::kLast1, "only the last block"},
                               {TrainedLayers::kLast2, "the last two blocks"},
                               {TrainedLayers::kLast3, "the last three blocks"}});
}

void ExperimentPanel::draw_training(ExperimentConfig& config) {
  choice_combo<GanPreset>("preset", config.preset,
                          {{GanPreset::kPaper, "Table 1 widths (slow on a CPU)"},
                           {GanPreset::kFast, "narrower generator, minutes on 2 cores"},
                           {GanPreset::kTiny, "for tests"}});
  ImGui::InputInt("GAN epochs", &config.gan_epochs);
  help_marker("0 = the preset's number of epochs");
  ImGui::InputInt("steps", &config.retrain_steps, 10, 100);
  ImGui::InputDouble("lr", &config.retrain_lr, 0.0, 0.0, "%g");
  int seed = static_cast<int>(config.seed);
  if (ImGui::InputInt("seed", &seed)) config.seed = static_cast<uint64_t>(std::max(0, seed));
  help_marker("repetition seed: which 90 labeled examples are drawn");
  ImGui::InputInt("threads", &config.threads);
}

void ExperimentPanel::draw_buttons(Controller& c) {
  const bool busy = c.in_progress();
  const float w = (ImGui::GetContentRegionAvail().x - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
  if (ImGui::Button(busy ? "Restart" : "Run", ImVec2(w, 0))) c.run();
  ImGui::SameLine();
  ImGui::BeginDisabled(!busy);
  if (c.paused()) {
    if (ImGui::Button("Resume", ImVec2(w, 0))) c.resume();
  } else if (ImGui::Button("Pause", ImVec2(w, 0))) {
    c.pause();
  }
  ImGui::SameLine();
  if (ImGui::Button("Stop", ImVec2(w, 0))) c.stop();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(w, 0))) c.reset();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Stop, and restore the settings the app opened with");
  if (busy && !same_setting(c.snapshot().config, c.config())) {
    ImGui::TextDisabled("edited settings apply on Restart");
  }
}

void ExperimentPanel::draw_cache_state(const ExperimentConfig& config) {
  cache_probe_.update(config);
  char text[96];
  ImVec4 color(0.9f, 0.55f, 0.1f, 1);
  switch (cache_probe_.state()) {
    case GanCacheProbe::State::kCached:
      std::snprintf(text, sizeof text, "GAN for digit %d: cached, no pre-training", config.holdout);
      color = ImVec4(0.2f, 0.7f, 0.2f, 1);
      break;
    case GanCacheProbe::State::kPartial:
      std::snprintf(text, sizeof text, "GAN for digit %d: partly pre-trained, resumes",
                    config.holdout);
      break;
    case GanCacheProbe::State::kNotCached:
      std::snprintf(text, sizeof text, "GAN for digit %d: not cached, pre-trains first",
                    config.holdout);
      break;
    case GanCacheProbe::State::kChecking:
      std::snprintf(text, sizeof text, "GAN cache: checking...");
      color = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
      break;
    case GanCacheProbe::State::kUnavailable:
      std::snprintf(text, sizeof text, "GAN cache: unknown (dataset unreadable)");
      color = ImVec4(0.9f, 0.2f, 0.2f, 1);
      break;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", cache_probe_.detail().c_str());
}

}  // namespace xdd
