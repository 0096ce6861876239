#include "models/presets.h"

#include "core/error.h"

namespace xdd {

// paper: Table 1's width; 25 epochs is the pytorch/examples DCGAN default (the paper gives none).
// fast:  width 128 (1/16 of the paper's generator arithmetic) and 5 epochs: on the 2-core machine a
//        full holdout (~54,000 images) takes ~1.4 ms of CPU per image and step, ~6 CPU-minutes in
//        all, and gives recognisable digits after 5 epochs (docs/bench/pretrain.md has the
//        measurements).
// tiny:  for tests; a few seconds on a few hundred images.
Preset preset_for(GanPreset preset) {
  const std::string name = setting_name(preset);
  switch (preset) {
    case GanPreset::kPaper:
      return {name, NetworkOptions{100, 512}, 25, 64};
    case GanPreset::kFast:
      return {name, NetworkOptions{100, 128}, 5, 64};
    case GanPreset::kTiny:
      return {name, NetworkOptions{100, 16}, 1, 32};
  }
  throw InvalidArgument("unknown GAN preset");
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
