#include "training/gan_cache.h"

#include <algorithm>
#include <cctype>

#include "core/error.h"
#include "training/archive_io.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "gan-models-v1";

bool all_of_chars(const std::string& s, bool allow_dash_underscore) {
  return std::all_of(s.begin(), s.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return std::isalnum(c) || (allow_dash_underscore && (c == '-' || c == '_'));
  });
}

}  // namespace

fs::path gan_cache_path(const fs::path& cache_dir, const std::string& dataset_checksum, int holdout,
                        const std::string& preset, int epochs, uint64_t seed) {
  // The key is the dataset's checksum, with "-train<N>" when only the first N training images are
  // used (--train-limit): a name part, never a path.
  if (dataset_checksum.empty() || !all_of_chars(dataset_checksum, true)) {
    throw InvalidArgument("dataset key must be non-empty letters, digits, '-' or '_', got '" +
                          dataset_checksum + "'");
  }
  if (preset.empty() || !all_of_chars(preset, true)) {
    throw InvalidArgument("preset name must be letters, digits, '-' or '_', got '" + preset + "'");
  }
  if (holdout < -1 || holdout > 9) {
    throw InvalidArgument("held-out digit must be 0..9 (or -1 for none), got " +
                          std::to_string(holdout));
  }
  if (epochs < 1) throw InvalidArgument("GAN epochs must be >= 1, got " + std::to_string(epochs));
  const std::string h = holdout < 0 ? "all" : std::to_string(holdout);
  return cache_dir / ("gan-" + dataset_checksum + "-h" + h + "-" + preset + "-e" +
                      std::to_string(epochs) + "-s" + std::to_string(seed) + ".pt");
}

void save_models(const fs::path& file, Generator g, Discriminator d) {
  torch::serialize::OutputArchive archive;
  write_format_tag(archive, kFormat);
  torch::serialize::OutputArchive g_archive(archive.compilation_unit());
  g->save(g_archive);
  archive.write("generator", g_archive);
  torch::serialize::OutputArchive d_archive(archive.compilation_unit());
  d->save(d_archive);
  archive.write("discriminator", d_archive);
  save_archive_atomically(file, archive);
}

void load_models(const fs::path& file, Generator g, Discriminator d) {
  torch::serialize::InputArchive archive;
  open_archive(file, archive);
  decode_guarded(file, [&] {
    check_format_tag(archive, kFormat, file);
    read_modules_checked(archive, {{"generator", g.get()}, {"discriminator", d.get()}}, file);
  });
}

}  // namespace xdd
