#include "test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <random>

namespace xdd::test {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("xdd-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path small_mnist_dir() {
  return XDD_TEST_DATA_DIR;
}

fs::path cli_path() {
  return XDD_CLI_PATH;
}

CliResult run_cli(const std::string& args, const std::string& env) {
  const std::string command = env + cli_path().string() + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  CliResult r{-1, {}};
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) r.output += buf.data();
  const int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

}  // namespace xdd::test
