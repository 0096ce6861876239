// GanTrainer's checkpoints: both models, both Adam states, the step, and the run's shape.
#include "core/error.h"
#include "training/archive_io.h"
#include "training/gan_trainer.h"

namespace xdd {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "gan-checkpoint-v1";

int64_t read_int(torch::serialize::InputArchive& archive, const std::string& key,
                 const fs::path& file) {
  c10::IValue value;
  if (!archive.try_read(key, value) || !value.isInt()) {
    throw DataError(file.string() + " has no integer '" + key + "'");
  }
  return value.toInt();
}

void expect_same(torch::serialize::InputArchive& archive, const std::string& key, int64_t current,
                 const fs::path& file) {
  const int64_t stored = read_int(archive, key, file);
  if (stored != current) {
    throw DataError(file.string() + " was written by a run with " + key + " " +
                    std::to_string(stored) + ", this run has " + std::to_string(current));
  }
}

// Loads Adam's moments and checks that each belongs to a parameter of its shape (the archive reader
// would accept any shape and the next step would fail far from the cause).
void read_adam(torch::serialize::InputArchive& archive, const std::string& key,
               torch::optim::Adam& opt, const fs::path& file) {
  torch::serialize::InputArchive sub;
  if (!archive.try_read(key, sub)) throw DataError(file.string() + " has no " + key);
  opt.load(sub);
  for (const auto& p : opt.param_groups()[0].params()) {
    auto found = opt.state().find(c10::guts::to_string(p.unsafeGetTensorImpl()));
    if (found == opt.state().end()) continue;  // a parameter that never had a gradient
    auto& state = static_cast<torch::optim::AdamParamState&>(*found->second);
    if (!state.exp_avg().defined() || state.exp_avg().sizes() != p.sizes() ||
        !state.exp_avg_sq().defined() || state.exp_avg_sq().sizes() != p.sizes()) {
      throw DataError(file.string() + ": " + key +
                      " state does not match the model's parameter shapes");
    }
    state.exp_avg(state.exp_avg().to(p.device()));
    state.exp_avg_sq(state.exp_avg_sq().to(p.device()));
  }
}

}  // namespace

void GanTrainer::save_checkpoint(const fs::path& file) const {
  torch::serialize::OutputArchive archive;
  write_format_tag(archive, kFormat);
  auto write_sub = [&](const char* key, auto&& save) {
    torch::serialize::OutputArchive sub(archive.compilation_unit());
    save(sub);
    archive.write(key, sub);
  };
  write_sub("generator", [&](auto& a) { g_->save(a); });
  write_sub("discriminator", [&](auto& a) { d_->save(a); });
  write_sub("g_optimizer", [&](auto& a) { g_opt_->save(a); });
  write_sub("d_optimizer", [&](auto& a) { d_opt_->save(a); });
  archive.write("step", c10::IValue(step_));
  archive.write("seed", c10::IValue(static_cast<int64_t>(options_.seed)));
  archive.write("batch", c10::IValue(batch_));
  archive.write("num_images", c10::IValue(images_.size(0)));
  save_archive_atomically(file, archive);
}

void GanTrainer::load_checkpoint(const fs::path& file) {
  torch::serialize::InputArchive archive;
  open_archive(file, archive);
  decode_guarded(file, [&] {
    check_format_tag(archive, kFormat, file);
    expect_same(archive, "seed", static_cast<int64_t>(options_.seed), file);
    expect_same(archive, "batch", batch_, file);
    expect_same(archive, "num_images", images_.size(0), file);
    const int64_t step = read_int(archive, "step", file);
    if (step < 0 || step > total_steps_) {
      throw DataError(file.string() + " is at step " + std::to_string(step) +
                      ", outside this run's 0.." + std::to_string(total_steps_));
    }
    // Everything is read into fresh optimizers and checked before the trainer changes, so a bad
    // file leaves the trainer as it was.
    auto g_opt = std::make_unique<torch::optim::Adam>(g_->parameters(), adam_options());
    auto d_opt = std::make_unique<torch::optim::Adam>(d_->parameters(), adam_options());
    read_adam(archive, "g_optimizer", *g_opt, file);
    read_adam(archive, "d_optimizer", *d_opt, file);
    read_modules_checked(archive, {{"generator", g_.get()}, {"discriminator", d_.get()}}, file);
    g_opt_ = std::move(g_opt);
    d_opt_ = std::move(d_opt);
    step_ = step;
    order_epoch_ = -1;
  });
}

}  // namespace xdd
