#include "models/presets.h"

#include "core/error.h"

namespace xdd {

namespace {

// Measured on the project's 2-core machine (docs/bench/pretrain.md): see there for the timings that
// fixed `fast`'s width and epochs.
std::vector<Preset> all_presets() {
  return {
      {"paper", NetworkOptions{100, 512}, 20, 64},
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
