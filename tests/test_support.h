#pragma once
// Helpers shared by the suites: scratch folders and the small MNIST subset in assets/testdata.
#include <filesystem>
#include <string>

namespace xdd::test {

// A fresh empty folder under the system temp dir, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Folder of the committed MNIST subset (1,000 train and 500 test images, gzip IDX).
std::filesystem::path small_mnist_dir();

// Path of the built CLI program.
std::filesystem::path cli_path();

// What the CLI printed (stdout and stderr) and its exit status (-1 if it did not exit normally).
struct CliResult {
  int status;
  std::string output;
};

// Runs the CLI with `args` through the shell; `env` is an optional "NAME=value " prefix.
CliResult run_cli(const std::string& args, const std::string& env = "");

}  // namespace xdd::test
