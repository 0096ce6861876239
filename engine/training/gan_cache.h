#pragma once
// Pre-trained GANs are cached on disk, keyed by everything that determines their weights, so the
// pipeline pre-trains each (dataset, held-out digit, preset, epochs, seed) once.
#include <cstdint>
#include <filesystem>
#include <string>

#include "models/discriminator.h"
#include "models/generator.h"

namespace xdd {

// cache_dir / "gan-<checksum>-h<holdout>-<preset>-e<epochs>-s<seed>.pt". holdout is the held-out
// digit 0..9 or -1 for none ("hall"). `dataset_checksum` is the dataset key (its checksum, plus
// "-train<N>" with a training-image limit). InvalidArgument for an empty key or preset name, or one
// with characters other than letters, digits, '-' and '_', holdout outside -1..9 or epochs < 1.
std::filesystem::path gan_cache_path(const std::filesystem::path& cache_dir,
                                     const std::string& dataset_checksum, int holdout,
                                     const std::string& preset, int epochs, uint64_t seed);

// Writes both models' weights and BatchNorm statistics atomically (temp file + rename).
void save_models(const std::filesystem::path& file, Generator g, Discriminator d);

// Reads what save_models wrote into g and d. IoError if the file is missing; DataError naming the
// file if it is corrupt, truncated or holds other shapes (then g and d are left untouched).
void load_models(const std::filesystem::path& file, Generator g, Discriminator d);

}  // namespace xdd
