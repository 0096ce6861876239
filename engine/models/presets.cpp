#include "models/presets.h"

#include "core/error.h"

namespace xdd {

namespace {

// paper: Table 1's width; 25 epochs is the pytorch/examples DCGAN default (the paper gives none).
// fast:  width 128 (1/16 of the paper's generator arithmetic) and 5 epochs: on the 2-core machine a
//        full holdout (~54,000 images) takes ~1.4 ms of CPU per image and step, ~6 CPU-minutes in
//        all, and gives recognisable digits after 5 epochs (docs/bench/pretrain.md has the
//        measurements).
// tiny:  for tests; a few seconds on a few hundred images.
std::vector<Preset> all_presets() {
  return {
      {"paper", NetworkOptions{100, 512}, 25, 64},
      {"fast", NetworkOptions{100, 128}, 5, 64},
      {"tiny", NetworkOptions{100, 16}, 1, 32},
  };
}

std::string joined_names() {
  std::string out;
  for (const auto& name : preset_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

Preset preset_by_name(const std::string& name) {
  for (const auto& preset : all_presets()) {
    if (preset.name == name) return preset;
  }
  throw InvalidArgument("unknown preset '" + name + "'; valid presets: " + joined_names());
}

Preset preset_for(GanPreset preset) {
  return preset_by_name(setting_name(preset));
}

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& preset : all_presets()) names.push_back(preset.name);
  return names;
}

void validate(const NetworkOptions& net) {
  if (net.latent_dim < 1) {
    throw InvalidArgument("latent_dim must be >= 1, got " + std::to_string(net.latent_dim));
  }
  if (net.gen_channels < 8 || net.gen_channels % 8 != 0) {
    throw InvalidArgument(
        "gen_channels must be a positive multiple of 8 (it is halved three times), got " +
        std::to_string(net.gen_channels));
  }
}

}  // namespace xdd
