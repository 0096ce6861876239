#pragma once
// Named network sizes and pre-training lengths. `paper` is Table 1 of the paper; `fast` is a
// narrower generator chosen so a full holdout (~54,000 images) pre-trains in minutes on 2 CPU
// cores; `tiny` is for tests. The discriminator is Table 1 at every preset (it costs ~1% of a
// step).
#include <string>

#include "config/run_settings.h"

namespace xdd {

struct NetworkOptions {
  int latent_dim = 100;
  int gen_channels = 512;  // generator channels c, c/2, c/4, c/8 (Table 1: c = 512)
};

struct Preset {
  std::string name;
  NetworkOptions net;
  int gan_epochs;
  int batch_size = 64;
};

// The network sizes and pre-training length of a preset; `name` is its setting name (cache files
// carry it). Text is parsed where it comes in (parse_setting<GanPreset>).
Preset preset_for(GanPreset preset);

// InvalidArgument unless latent_dim >= 1 and gen_channels is a positive multiple of 8.
void validate(const NetworkOptions& net);

}  // namespace xdd
