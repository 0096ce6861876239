// The CLI end to end on a fake run folder: import, filtered JSON listing, a figure, and the exit
// code and message of an error. (Each call loads LibTorch, so this suite keeps to four.)
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fake_run_folder.h"
#include "svg_check.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  int code;
  std::string out;  // stdout and stderr
};

Result run_cli(const std::string& args) {
  const std::string cmd = xdd::test::cli_path().string() + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  const int status = p ? pclose(p) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace

TEST(StoreCli, ImportListFigureAndError) {
  ASSERT_TRUE(fs::exists(xdd::test::cli_path())) << "build the xdd target first";
  xdd::test::ScratchDir dir;
  xdd::test::FakeRun a, b;
  b.holdout = 3;
  b.auprc_after = 0.7;
  write_fake_run_folder(dir.path() / "a", a);
  write_fake_run_folder(dir.path() / "b", b);
  const std::string store = "--store " + (dir.path() / "runs.db").string();

  Result r = run_cli(store + " runs import " + (dir.path() / "a").string() + " " +
                     (dir.path() / "b").string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("imported as run 2"), std::string::npos) << r.out;

  r = run_cli("runs list --holdout 3 --json " + store);  // --store after the subcommand works too
  ASSERT_EQ(r.code, 0) << r.out;
  const auto listed = nlohmann::json::parse(r.out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["holdout"], 3);
  EXPECT_DOUBLE_EQ(listed[0]["metrics"]["kde_after"]["auprc"].get<double>(), 0.7);
  EXPECT_DOUBLE_EQ(listed[0]["entanglement"]["before"].get<double>(), 2.25);

  r = run_cli(store + " runs show 2");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("entanglement 2.250 -> 1.750"), std::string::npos) << r.out;

  const fs::path svg = dir.path() / "fig1.svg";
  r = run_cli(store + " figure fig1 --out " + svg.string());
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream in(svg);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(xdd::test::check_xml(text.str(), nullptr), "");

  // fig1 of one method's runs: with a softmax run in the store, --method xdd draws exactly what
  // naming the two XDD runs draws, and --method softmax something else.
  xdd::test::FakeRun c;
  c.method = "softmax";
  write_fake_run_folder(dir.path() / "c", c);
  ASSERT_EQ(run_cli(store + " runs import " + (dir.path() / "c").string()).code, 0);
  const auto svg_of = [&](const std::string& selection) {
    const fs::path file = dir.path() / "selected.svg";
    const Result made = run_cli(store + " figure fig1 " + selection + " --out " + file.string());
    EXPECT_EQ(made.code, 0) << selection << "\n" << made.out;
    std::stringstream bytes;
    bytes << std::ifstream(file).rdbuf();
    return bytes.str();
  };
  const std::string named = svg_of("--runs 1 2");
  EXPECT_EQ(svg_of("--method xdd"), named);
  EXPECT_NE(svg_of("--method softmax"), named);
  EXPECT_NE(svg_of(""), named);  // every run: the softmax run too
  const std::string refused_svg = (dir.path() / "never.svg").string();
  r = run_cli(store + " figure fig1 --runs 1 --method xdd --out " + refused_svg);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("give --runs or --method, not both"), std::string::npos) << r.out;
  r = run_cli(store + " figure fig1 --method vae --out " + refused_svg);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("--method"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(refused_svg));

  r = run_cli(store + " runs show 99");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("no run with id 99"), std::string::npos) << r.out;
}
