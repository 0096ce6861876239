// GAN pre-training: steps, determinism, checkpoints (round trip, corrupt files), the model cache.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "core/error.h"
#include "model_test_support.h"
#include "models/presets.h"
#include "test_support.h"
#include "training/gan_cache.h"
#include "training/gan_trainer.h"
#include "training/training_fault.h"

namespace fs = std::filesystem;
using xdd::test::blob_images;
using xdd::test::message_of;
using xdd::test::same_state;
using xdd::test::state_of;

namespace {

constexpr int kImages = 96;

struct Gan {
  xdd::Generator g{nullptr};
  xdd::Discriminator d{nullptr};
};

// The `tiny` preset's networks, or another generator width.
Gan make_gan(uint64_t init_seed, int width = 0) {
  torch::manual_seed(init_seed);
  xdd::NetworkOptions net = xdd::preset_for(xdd::GanPreset::kTiny).net;
  if (width > 0) net.gen_channels = width;
  return {xdd::Generator(net), xdd::Discriminator()};
}

xdd::GanOptions options(uint64_t seed, int epochs = 2) {
  xdd::GanOptions o;
  o.epochs = epochs;
  o.batch_size = 32;
  o.seed = seed;
  return o;
}

std::unique_ptr<xdd::GanTrainer> make_trainer(uint64_t seed, const torch::Tensor& images,
                                              int width = 0) {
  const Gan gan = make_gan(seed, width);
  return std::make_unique<xdd::GanTrainer>(gan.g, gan.d, images, options(seed), torch::kCPU);
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

}  // namespace

TEST(GanTrainer, StepsHaveFiniteLossesAndChangeBothNetworks) {
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(1, images);
  EXPECT_EQ(trainer->steps_per_epoch(), 3);  // floor(96 / 32)
  EXPECT_EQ(trainer->total_steps(), 6);
  const auto g_before = state_of(*trainer->generator());
  const auto d_before = state_of(*trainer->discriminator());
  int64_t expected_step = 0;
  while (!trainer->done()) {
    const xdd::GanStepReport r = trainer->step();
    ++expected_step;
    EXPECT_EQ(r.step, expected_step);
    EXPECT_EQ(r.total_steps, 6);
    EXPECT_EQ(r.epoch, (expected_step - 1) / 3);
    EXPECT_TRUE(std::isfinite(r.d_loss) && r.d_loss > 0);
    EXPECT_TRUE(std::isfinite(r.g_loss) && r.g_loss > 0);
    EXPECT_GT(r.d_real, 0.0);
    EXPECT_LT(r.d_real, 1.0);
    EXPECT_GT(r.d_fake, 0.0);
    EXPECT_LT(r.d_fake, 1.0);
  }
  EXPECT_EQ(trainer->step_count(), 6);
  EXPECT_FALSE(same_state(g_before, state_of(*trainer->generator())));
  EXPECT_FALSE(same_state(d_before, state_of(*trainer->discriminator())));
  EXPECT_THROW(trainer->step(), xdd::InvalidArgument);
}

TEST(GanTrainer, FirstDiscriminatorLossIsNearTwoLog2) {
  // At initialisation D outputs logits near 0 for everything: each BCE term is about log 2.
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(2, images);
  const auto r = trainer->step();
  EXPECT_NEAR(r.d_loss, 2 * std::log(2.0), 0.5);
  EXPECT_NEAR(r.d_real, 0.5, 0.15);
}

TEST(GanTrainer, SameSeedGivesIdenticalWeightsOtherSeedDoesNot) {
  const torch::Tensor images = blob_images(kImages, 7);
  auto a = make_trainer(5, images);
  auto b = make_trainer(5, images);
  for (int i = 0; i < 3; ++i) {
    const auto ra = a->step();
    const auto rb = b->step();
    EXPECT_EQ(ra.d_loss, rb.d_loss);
    EXPECT_EQ(ra.g_loss, rb.g_loss);
  }
  EXPECT_TRUE(same_state(state_of(*a->generator()), state_of(*b->generator())));
  EXPECT_TRUE(same_state(state_of(*a->discriminator()), state_of(*b->discriminator())));

  // Same initial weights, another training seed: other batches and latents.
  const Gan gan = make_gan(5);
  xdd::GanTrainer c(gan.g, gan.d, images, options(6), torch::kCPU);
  for (int i = 0; i < 3; ++i) c.step();
  EXPECT_FALSE(same_state(state_of(*a->generator()), state_of(*c.generator())));
}

TEST(GanTrainer, CheckpointResumesAtTheSameStepWithAnIdenticalNextStep) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "gan.ckpt";
  const torch::Tensor images = blob_images(kImages, 7);
  auto a = make_trainer(9, images);
  for (int i = 0; i < 4; ++i) a->step();  // crosses an epoch boundary (3 steps per epoch)
  a->save_checkpoint(file);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}), 1);

  auto b = make_trainer(9, images);  // same seed, fresh weights and optimizers
  b->step();                         // ...and some progress of its own, to be overwritten
  b->load_checkpoint(file);
  EXPECT_EQ(b->step_count(), 4);
  EXPECT_TRUE(same_state(state_of(*a->generator()), state_of(*b->generator())));
  const auto ra = a->step();
  const auto rb = b->step();
  EXPECT_EQ(ra.step, 5);
  EXPECT_EQ(rb.step, 5);
  EXPECT_EQ(ra.d_loss, rb.d_loss);  // same batch, same z, same Adam moments: bit-identical
  EXPECT_EQ(ra.g_loss, rb.g_loss);
  EXPECT_TRUE(same_state(state_of(*a->generator()), state_of(*b->generator())));
  EXPECT_TRUE(same_state(state_of(*a->discriminator()), state_of(*b->discriminator())));
}

TEST(GanTrainer, CorruptOrTruncatedCheckpointGivesDataErrorNamingTheFile) {
  xdd::test::ScratchDir dir;
  const fs::path good = dir.path() / "good.ckpt";
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(3, images);
  trainer->step();
  trainer->save_checkpoint(good);
  const std::string bytes = read_bytes(good);
  const auto g_before = state_of(*trainer->generator());

  const fs::path bad = dir.path() / "bad.ckpt";
  for (size_t keep :
       {size_t{0}, size_t{10}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 30}) {
    SCOPED_TRACE(keep);
    write_bytes(bad, bytes.substr(0, keep));
    const std::string msg = message_of<xdd::DataError>([&] { trainer->load_checkpoint(bad); });
    EXPECT_NE(msg.find(bad.string()), std::string::npos) << msg;
  }
  std::string garbage = bytes;
  for (size_t i = 100; i < garbage.size(); i += 97)
    garbage[i] = static_cast<char>(garbage[i] ^ 0x5a);
  write_bytes(bad, garbage);
  EXPECT_THROW(trainer->load_checkpoint(bad), xdd::DataError);
  write_bytes(bad, "not a checkpoint at all");
  EXPECT_THROW(trainer->load_checkpoint(bad), xdd::DataError);
  EXPECT_THROW(trainer->load_checkpoint(dir.path() / "missing.ckpt"), xdd::IoError);

  // A checkpoint of another width: shapes differ, nothing is changed.
  const fs::path wide = dir.path() / "wide.ckpt";
  make_trainer(3, images, 32)->save_checkpoint(wide);
  const std::string msg = message_of<xdd::DataError>([&] { trainer->load_checkpoint(wide); });
  EXPECT_NE(msg.find(wide.string()), std::string::npos) << msg;
  EXPECT_NE(msg.find("generator"), std::string::npos) << msg;
  // A checkpoint of another run (other seed): refused.
  const fs::path other = dir.path() / "other.ckpt";
  make_trainer(4, images)->save_checkpoint(other);
  EXPECT_THROW(trainer->load_checkpoint(other), xdd::DataError);

  EXPECT_EQ(trainer->step_count(), 1);
  EXPECT_TRUE(same_state(g_before, state_of(*trainer->generator())));
  trainer->step();  // still usable
  trainer->load_checkpoint(good);
  EXPECT_EQ(trainer->step_count(), 1);
}

TEST(GanTrainer, NonFiniteLossGivesTrainingErrorWithoutAdvancing) {
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(4, images);
  trainer->step();
  {
    torch::NoGradGuard no_grad;
    trainer->generator()->parameters()[0].fill_(std::numeric_limits<float>::quiet_NaN());
  }
  const auto d_before = state_of(*trainer->discriminator());
  const std::string msg = message_of<xdd::TrainingFault>([&] { trainer->step(); });
  EXPECT_NE(msg.find("pre-training step 2: the discriminator loss is NaN"), std::string::npos)
      << msg;
  EXPECT_EQ(trainer->step_count(), 1);
  EXPECT_TRUE(same_state(state_of(*trainer->discriminator()), d_before));
}

// An injected fault in the generator's half of step 3 (after the discriminator's update): the
// step is undone whole (both networks, BatchNorm statistics, both Adam states), and the retried
// run ends bit-identical to a run that never met the fault.
class GanTrainerFault : public ::testing::TestWithParam<const char*> {};

TEST_P(GanTrainerFault, IsUndoneAndTheRetriedRunMatchesACleanOne) {
  const torch::Tensor images = blob_images(kImages, 3);
  auto clean = make_trainer(5, images);
  const Gan gan = make_gan(5);
  xdd::GanOptions o = options(5);
  o.fault = xdd::parse_fault_injection(GetParam(), "fault");
  xdd::GanTrainer faulty(gan.g, gan.d, images, o, torch::kCPU);
  for (int i = 0; i < 2; ++i) {
    clean->step();
    faulty.step();
  }
  const auto g_before = state_of(*faulty.generator());
  const auto d_before = state_of(*faulty.discriminator());
  const std::string msg = message_of<xdd::TrainingFault>([&] { faulty.step(); });
  EXPECT_NE(msg.find("pre-training step 3: "), std::string::npos) << msg;
  EXPECT_NE(msg.find("weights of step 2 were restored"), std::string::npos) << msg;
  EXPECT_EQ(faulty.step_count(), 2);
  EXPECT_TRUE(same_state(state_of(*faulty.generator()), g_before));
  EXPECT_TRUE(same_state(state_of(*faulty.discriminator()), d_before));
  for (int i = 0; i < 3; ++i) {
    const xdd::GanStepReport a = clean->step();
    const xdd::GanStepReport b = faulty.step();
    EXPECT_EQ(a.step, b.step);
    EXPECT_EQ(a.d_loss, b.d_loss);
    EXPECT_EQ(a.g_loss, b.g_loss);
  }
  EXPECT_TRUE(same_state(state_of(*faulty.generator()), state_of(*clean->generator())));
  EXPECT_TRUE(same_state(state_of(*faulty.discriminator()), state_of(*clean->discriminator())));
}

INSTANTIATE_TEST_SUITE_P(LossAndGradient, GanTrainerFault,
                         ::testing::Values("pretrain:3:loss:nan", "pretrain:3:gradient:inf"));

TEST(GanTrainer, RejectsBadImagesAndOptions) {
  const Gan gan = make_gan(1);
  auto o = options(0);
  EXPECT_THROW(xdd::GanTrainer(gan.g, gan.d, torch::rand({10, 28, 28}), o, torch::kCPU),
               xdd::InvalidArgument);
  EXPECT_THROW(xdd::GanTrainer(gan.g, gan.d, torch::rand({10, 1, 28, 28}) * 255, o, torch::kCPU),
               xdd::InvalidArgument);
  EXPECT_THROW(xdd::GanTrainer(gan.g, gan.d, torch::zeros({1, 1, 28, 28}), o, torch::kCPU),
               xdd::InvalidArgument);
  o.epochs = 0;
  EXPECT_THROW(xdd::GanTrainer(gan.g, gan.d, blob_images(8, 1), o, torch::kCPU),
               xdd::InvalidArgument);
}

TEST(GanTrainer, SamplesAreDeterministicAndLeaveTrainingMode) {
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(8, images);
  trainer->step();
  const torch::Tensor s1 = trainer->sample(6, 42);
  const torch::Tensor s2 = trainer->sample(6, 42);
  EXPECT_EQ(s1.sizes(), (std::vector<int64_t>{6, 1, 28, 28}));
  EXPECT_FALSE(s1.requires_grad());
  EXPECT_TRUE(torch::equal(s1, s2));
  EXPECT_FALSE(torch::equal(s1, trainer->sample(6, 43)));
  EXPECT_LT(s1.abs().max().item<float>(), 1.0f);
  EXPECT_TRUE(trainer->generator()->is_training());
  EXPECT_THROW(trainer->sample(0, 1), xdd::InvalidArgument);

  // A generator on its own (a cached GAN) draws what its trainer drew, and keeps its mode.
  xdd::Generator g = trainer->generator();
  EXPECT_TRUE(torch::equal(xdd::generator_samples(g, 6, 42, torch::kCPU), s1));
  g->eval();
  xdd::generator_samples(g, 2, 1, torch::kCPU);
  EXPECT_FALSE(g->is_training());
}

TEST(GanCache, PathDiffersForEveryKeyComponent) {
  const fs::path dir = "/cache";
  const fs::path base = xdd::gan_cache_path(dir, "abc123", 8, "fast", 5, 0);
  EXPECT_EQ(base, fs::path("/cache/gan-abc123-h8-fast-e5-s0.pt"));
  EXPECT_NE(base, xdd::gan_cache_path("/other", "abc123", 8, "fast", 5, 0));
  EXPECT_NE(base, xdd::gan_cache_path(dir, "abc124", 8, "fast", 5, 0));
  EXPECT_NE(base, xdd::gan_cache_path(dir, "abc123", 7, "fast", 5, 0));
  EXPECT_NE(base, xdd::gan_cache_path(dir, "abc123", 8, "paper", 5, 0));
  EXPECT_NE(base, xdd::gan_cache_path(dir, "abc123", 8, "fast", 6, 0));
  EXPECT_NE(base, xdd::gan_cache_path(dir, "abc123", 8, "fast", 5, 1));
  EXPECT_EQ(xdd::gan_cache_path(dir, "abc123", -1, "fast", 5, 0).filename(),
            "gan-abc123-hall-fast-e5-s0.pt");
  EXPECT_THROW(xdd::gan_cache_path(dir, "", 8, "fast", 5, 0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::gan_cache_path(dir, "../x", 8, "fast", 5, 0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::gan_cache_path(dir, "abc/x", 8, "fast", 5, 0), xdd::InvalidArgument);
  // A training-image limit is part of the key (--train-limit 500).
  EXPECT_EQ(xdd::gan_cache_path(dir, "abc123-train500", 8, "fast", 5, 0).filename(),
            "gan-abc123-train500-h8-fast-e5-s0.pt");
  EXPECT_THROW(xdd::gan_cache_path(dir, "abc", 10, "fast", 5, 0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::gan_cache_path(dir, "abc", 8, "a/b", 5, 0), xdd::InvalidArgument);
  EXPECT_THROW(xdd::gan_cache_path(dir, "abc", 8, "fast", 0, 0), xdd::InvalidArgument);
}

TEST(GanCache, ModelsRoundTripAndBadFilesAreRefused) {
  xdd::test::ScratchDir dir;
  const fs::path file = dir.path() / "sub" / "models.pt";
  const torch::Tensor images = blob_images(kImages, 7);
  auto trainer = make_trainer(11, images);
  for (int i = 0; i < 2; ++i) trainer->step();  // weights and BatchNorm statistics move
  xdd::save_models(file, trainer->generator(), trainer->discriminator());

  Gan loaded = make_gan(12);
  xdd::load_models(file, loaded.g, loaded.d);
  EXPECT_TRUE(same_state(state_of(*trainer->generator()), state_of(*loaded.g)));
  EXPECT_TRUE(same_state(state_of(*trainer->discriminator()), state_of(*loaded.d)));

  Gan other_width = make_gan(12, 32);
  const auto before = state_of(*other_width.g);
  const std::string msg =
      message_of<xdd::DataError>([&] { xdd::load_models(file, other_width.g, other_width.d); });
  EXPECT_NE(msg.find(file.string()), std::string::npos) << msg;
  EXPECT_TRUE(same_state(before, state_of(*other_width.g)));

  const std::string bytes = read_bytes(file);
  write_bytes(file, bytes.substr(0, bytes.size() / 2));
  EXPECT_THROW(xdd::load_models(file, loaded.g, loaded.d), xdd::DataError);
  // A trainer checkpoint is not a models file.
  trainer->save_checkpoint(file);
  EXPECT_THROW(xdd::load_models(file, loaded.g, loaded.d), xdd::DataError);
  EXPECT_THROW(xdd::load_models(dir.path() / "none.pt", loaded.g, loaded.d), xdd::IoError);
}
