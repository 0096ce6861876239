#include "test_support.h"

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

}  // namespace xdd::test
