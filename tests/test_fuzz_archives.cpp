// Fuzzing the LibTorch archive readers: GAN trainer checkpoints (GanTrainer::load_checkpoint) and
// cached GAN models (load_models). Besides the byte changes of tests/fuzz_support.h (which the
// zip's CRC-32 mostly catches early), cases change one entry of the zip and repair its CRC, so the
// pickles and tensor records inside reach LibTorch's readers, and start from archives that are
// well formed but wrong: tags, keys, types and shapes another program or version could write.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <zlib.h>

#include "fuzz_support.h"
#include "test_support.h"
#include "training/archive_io.h"
#include "training/gan_cache.h"
#include "training/gan_trainer.h"

namespace fs = std::filesystem;
using xdd::fuzz::Mutated;
using xdd::fuzz::Rng;
using xdd::test::Bytes;

namespace {

// ---- Zip entries (LibTorch archives are zip files of stored, uncompressed entries).

uint32_t le(const Bytes& b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | b[at + static_cast<size_t>(i)];
  return v;
}

struct ZipEntry {
  std::string name;
  size_t central;  // offset of its central directory record
  size_t local;    // offset of its local header
  size_t data;     // offset of its data
  size_t size;
};

// The entries of a well-formed zip (empty when it is not one).
std::vector<ZipEntry> zip_entries(const Bytes& z) {
  std::vector<ZipEntry> out;
  if (z.size() < 22) return out;
  size_t eocd = z.size() - 22;
  while (eocd > 0 && le(z, eocd, 4) != 0x06054b50) --eocd;
  if (le(z, eocd, 4) != 0x06054b50) return out;
  size_t at = le(z, eocd + 16, 4);
  const size_t count = le(z, eocd + 10, 2);
  for (size_t i = 0; i < count && at + 46 <= z.size() && le(z, at, 4) == 0x02014b50; ++i) {
    ZipEntry e;
    const size_t name_len = le(z, at + 28, 2);
    e.name.assign(z.begin() + static_cast<std::ptrdiff_t>(at + 46),
                  z.begin() + static_cast<std::ptrdiff_t>(at + 46 + name_len));
    e.central = at;
    e.local = le(z, at + 42, 4);
    e.size = le(z, at + 20, 4);
    e.data = e.local + 30 + le(z, e.local + 26, 2) + le(z, e.local + 28, 2);
    out.push_back(e);
    at += 46 + name_len + le(z, at + 30, 2) + le(z, at + 32, 2);
  }
  return out;
}

void put_le32(Bytes& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> 8 * i);
}

// Changes bytes inside one entry, keeping its length, and writes the new CRC-32 into both of its
// headers, so the zip reader accepts the entry and hands the content on.
Mutated mutate_zip_entry(const Bytes& seed, Rng& rng) {
  std::vector<ZipEntry> entries = zip_entries(seed);
  if (entries.empty()) return xdd::fuzz::mutate_bytes(seed, rng);
  // Prefer the small entries (pickles, version, TorchScript code) over tensor data.
  std::vector<ZipEntry> small;
  for (const auto& e : entries) {
    if (e.size > 0 && e.size < 4096) small.push_back(e);
  }
  const ZipEntry& e = !small.empty() && !rng.one_in(4) ? rng.pick(small) : rng.pick(entries);
  Bytes out = seed;
  std::string how;
  if (rng.one_in(8) && !e.name.empty()) {  // another name: a record that is not there
    const size_t i = rng.index(e.name.size());
    const auto c = static_cast<uint8_t>('a' + rng.below(26));
    out[e.central + 46 + i] = c;
    out[e.local + 30 + i] = c;
    return {out, "rename entry " + e.name};
  }
  Bytes content(seed.begin() + static_cast<std::ptrdiff_t>(e.data),
                seed.begin() + static_cast<std::ptrdiff_t>(e.data + e.size));
  for (int tries = 0; tries < 8; ++tries) {
    Bytes changed = content;
    how = xdd::fuzz::mutate_once(changed, rng);
    if (changed.size() == content.size() && changed != content) {
      content = changed;
      break;
    }
  }
  std::copy(content.begin(), content.end(), out.begin() + static_cast<std::ptrdiff_t>(e.data));
  const auto crc =
      static_cast<uint32_t>(crc32(0, content.data(), static_cast<uInt>(content.size())));
  put_le32(out, e.central + 16, crc);
  if ((le(out, e.local + 6, 2) & 0x8) == 0) put_le32(out, e.local + 14, crc);
  return {out, "entry " + e.name + ": " + how + " (CRC repaired)"};
}

Mutated mutate_archive(const Bytes& seed, Rng& rng) {
  return rng.one_in(2) ? mutate_zip_entry(seed, rng) : xdd::fuzz::mutate_bytes(seed, rng);
}

// ---- Seeds: valid files and well-formed archives with a wrong tag, key, type or shape.

torch::Tensor images(int n) {
  torch::manual_seed(5);
  return (torch::rand({n, 1, 28, 28}) * 2 - 1).contiguous();
}

xdd::Generator small_generator(int width = 8) {
  return xdd::Generator(xdd::NetworkOptions{4, width});
}

std::unique_ptr<xdd::GanTrainer> small_trainer() {
  torch::manual_seed(1);
  xdd::GanOptions o;
  o.batch_size = 8;
  o.epochs = 2;
  o.seed = 3;
  return std::make_unique<xdd::GanTrainer>(small_generator(), xdd::Discriminator(), images(16), o,
                                           torch::kCPU);
}

using Archive = torch::serialize::OutputArchive;

void add_module(Archive& archive, const std::string& key, torch::nn::Module& module) {
  Archive sub(archive.compilation_unit());
  module.save(sub);
  archive.write(key, sub);
}

void add_adam(Archive& archive, const std::string& key, torch::nn::Module& module) {
  torch::optim::Adam adam(module.parameters(), torch::optim::AdamOptions(1e-3));
  for (auto& p : module.parameters()) p.mutable_grad() = torch::ones_like(p);
  adam.step();
  Archive sub(archive.compilation_unit());
  adam.save(sub);
  archive.write(key, sub);
}

Bytes archive_bytes(Archive& archive, const fs::path& scratch) {
  const fs::path file = scratch / "seed.pt";
  archive.save_to(file.string());
  return xdd::test::read_file(file);
}

// A checkpoint as save_checkpoint lays it out, with one defect (0 = none).
Bytes checkpoint_variant(int defect, const fs::path& scratch) {
  torch::manual_seed(9);
  xdd::Generator g = small_generator(defect == 1 ? 16 : 8);  // 1: another generator width
  xdd::Discriminator d;
  if (defect == 2) d->to(torch::kFloat64);  // 2: tensors of another dtype
  Archive a;
  if (defect == 3) {
    a.write("xdd_format", c10::IValue(int64_t{1}));  // 3: a tag of another type
  } else if (defect != 4) {                          // 4: no tag
    a.write("xdd_format",
            c10::IValue(std::string(defect == 5 ? "gan-models-v1" : "gan-checkpoint-v1")));
  }
  add_module(a, "generator", *g);
  if (defect == 6) {
    a.write("discriminator", torch::zeros({3}));  // 6: a tensor where a module belongs
  } else if (defect != 7) {                       // 7: no discriminator
    add_module(a, "discriminator", *d);
  }
  xdd::Generator other = small_generator(16);
  add_adam(a, "g_optimizer", defect == 8 ? *other : *g);  // 8: optimizer state of other shapes
  add_adam(a, "d_optimizer", *d);
  const int64_t step = defect == 9 ? -1 : defect == 10 ? int64_t{1} << 62 : 1;  // 9, 10: bad step
  if (defect == 11) {
    a.write("step", c10::IValue(std::string("1")));  // 11: a step of another type
  } else {
    a.write("step", c10::IValue(step));
  }
  a.write("seed", c10::IValue(int64_t{defect == 12 ? 4 : 3}));  // 12: another run's seed
  a.write("batch", c10::IValue(int64_t{8}));
  a.write("num_images", c10::IValue(int64_t{defect == 13 ? 17 : 16}));  // 13: other images
  return archive_bytes(a, scratch);
}

// A cached-models file as save_models lays it out, with one defect (0 = none).
Bytes models_variant(int defect, const fs::path& scratch) {
  torch::manual_seed(9);
  xdd::Generator g = small_generator(defect == 1 ? 16 : 8);
  xdd::Discriminator d;
  if (defect == 2) d->to(torch::kFloat64);
  Archive a;
  if (defect != 3) a.write("xdd_format", c10::IValue(std::string("gan-models-v1")));
  if (defect != 4) add_module(a, "generator", *g);
  if (defect == 5) {
    a.write("discriminator", torch::zeros({0}));
  } else {
    add_module(a, "discriminator", *d);
  }
  return archive_bytes(a, scratch);
}

}  // namespace

TEST(FuzzArchives, GanCheckpoints) {
  xdd::test::ScratchDir dir;
  std::vector<Bytes> seeds;
  auto trainer = small_trainer();
  trainer->step();
  trainer->save_checkpoint(dir.path() / "real.ckpt");
  seeds.push_back(xdd::test::read_file(dir.path() / "real.ckpt"));
  for (int defect = 0; defect <= 13; ++defect)
    seeds.push_back(checkpoint_variant(defect, dir.path()));
  const fs::path file = dir.path() / "case.ckpt";
  xdd::fuzz::FuzzTally tally("gan-checkpoint");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("gan-checkpoint", i);
    const Bytes& seed = rng.pick(seeds);
    const Mutated m = rng.one_in(10) ? Mutated{seed, "seed as is"} : mutate_archive(seed, rng);
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] {
      trainer->load_checkpoint(file);
      if (trainer->step_count() < 0 || trainer->step_count() > trainer->total_steps()) {
        throw xdd::fuzz::WrongResult("the trainer is at a step outside its run");
      }
    });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
  trainer->load_checkpoint(dir.path() / "real.ckpt");  // the trainer still works after it all
  EXPECT_EQ(trainer->step().step, 2);
}

TEST(FuzzArchives, CachedGanModels) {
  xdd::test::ScratchDir dir;
  std::vector<Bytes> seeds;
  for (int defect = 0; defect <= 5; ++defect) seeds.push_back(models_variant(defect, dir.path()));
  seeds.push_back(checkpoint_variant(0, dir.path()));  // a checkpoint is not a models file
  xdd::Generator g = small_generator();
  xdd::Discriminator d;
  const fs::path file = dir.path() / "gan-cached.pt";
  xdd::fuzz::FuzzTally tally("gan-models");
  for (int i : xdd::fuzz::case_indices()) {
    Rng rng = xdd::fuzz::case_rng("gan-models", i);
    const Bytes& seed = rng.pick(seeds);
    const Mutated m = rng.one_in(10) ? Mutated{seed, "seed as is"} : mutate_archive(seed, rng);
    xdd::test::write_file(file, m.bytes);
    tally.run(m.how, file.string(), m.bytes, [&] { xdd::load_models(file, g, d); });
  }
  tally.finish(xdd::fuzz::cases_per_reader());
  EXPECT_GT(tally.reads(), 0);
  EXPECT_GT(tally.errors(), tally.cases() / 2);
  // The models still compute after it all.
  EXPECT_EQ(d->forward(g->forward(torch::zeros({2, 4}))).sizes(), (std::vector<int64_t>{2, 1}));
}
