// Every kind of CLI parameter outside its range: exit status 2, a message that names the parameter
// and says what is valid, and nothing written. (Config keys are covered one by one in
// ExperimentConfig.EveryKeyRejectsBadValuesNamingItsRange; these are the flags of each command.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct BadCall {
  std::string args;      // after `xdd --store <scratch>/runs.db`
  std::string mentions;  // the parameter the message must name
  std::string says;      // and what it says is valid
};

}  // namespace

TEST(CliValidation, EveryCommandRefusesOutOfRangeParametersNamingTheRange) {
  xdd::test::ScratchDir dir;
  const std::string points = (dir.path() / "p.csv").string();
  std::ofstream(points) << "1,2\n3,4\n5,6\n";
  const std::string out = (dir.path() / "out").string();
  const std::string data = " --data " + xdd::test::small_mnist_dir().string();
  const std::vector<BadCall> calls = {
      {"run" + data + " --steps -1 --out " + out, "retrain_steps", "0-1000000"},
      {"run" + data + " --lr 20 --out " + out, "retrain_lr", "(0, 10]"},
      {"run" + data + " --labeled 0 --out " + out, "labeled_per_class", "1-5000"},
      {"run" + data + " --threads 2000 --out " + out, "threads", "0-1024"},
      {"run" + data + " --info-plane-every -2 --out " + out, "info_plane_every", "0-1000000"},
      {"pretrain" + data + " --epochs 5000", "gan_epochs", "0-1000"},
      {"sweep" + data + " --jobs 0 --out " + out, "--jobs", "not in range 1 to 64"},
      {"sweep" + data + " --reps 0 --out " + out, "--reps", "not in range 1 to 1000"},
      {"sweep" + data + " --holdouts 3,11 --out " + out, "held-out digit 11", "0-9"},
      {"sweep" + data + " --betas -1 --out " + out, "beta", ">= 0"},
      {"tsne " + points + " --out " + out + ".csv --perplexity 0", "perplexity", ">= 1"},
      {"tsne " + points + " --out " + out + ".csv --theta 3", "theta", "0..2"},
      {"tsne " + points + " --out " + out + ".csv --iters -4", "--iters", ">= 0"},
      {"tsne " + points + " --out " + out + ".csv --threads -1", "threads", "0..1024"},
      {"figure fig1 --dpi 50 --out " + out + ".png", "--dpi", "not in range 72 to 1200"},
      {"figure tsne --runs 1 --width 10 --out " + out + ".png", "--width",
       "not in range 36 to 7200"},
      {"figure losses --runs 1 --out " + out + ".bmp", ".bmp", ".svg, .pdf or .png"},
      {"runs list --holdout 12", "--holdout", "not in range 0 to 9"},
      {"runs list --beta -1", "--beta", "must be a number >= 0"},
      {"runs list --method magic", "--method", "xdd"},
      {"runs list --status lost", "status 'lost'", "running, done, failed, stopped"},
      {"eval " + out + " --holdout 10", "--holdout", "not in range 0 to 9"},
      {"info --threads -1", "--threads", "must be a number >= 0"},
  };
  const std::string store = " --store " + (dir.path() / "runs.db").string() + " ";
  for (const BadCall& c : calls) {
    const xdd::test::CliResult r = xdd::test::run_cli(store + c.args);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.mentions), std::string::npos) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.says), std::string::npos) << c.args << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(out)) << "a refused call wrote its output folder";
  EXPECT_FALSE(fs::exists(out + ".csv"));
  EXPECT_FALSE(fs::exists(out + ".png"));
}
