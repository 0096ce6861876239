// `xdd info`: what this build computes with (threads, device, LibTorch) and where it looks for
// data.
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "cli/validators.h"
#include "core/compute.h"

namespace xdd::cli {
namespace {

const char* wait_policy() {
  const char* policy = std::getenv("OMP_WAIT_POLICY");
  return policy ? policy : "default (active)";
}

}  // namespace

void register_info_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("info", "Show version, threads, device and the default data folder");
  auto threads = std::make_shared<int>(0);
  cmd->add_option("--threads", *threads, "LibTorch intra-op threads (0 = all cores)")
      ->check(non_negative());
  cmd->callback([threads] {
    const int in_force = set_compute_threads(*threads);
    std::cout << "xdd " << XDD_VERSION << "\n"
              << "libtorch threads: " << in_force << "\n"
              << "device (auto): " << resolve_device(DeviceChoice::kAuto).str() << "\n"
              << "OpenMP wait policy: " << wait_policy() << "\n"
              << "default data folder: " << XDD_DEFAULT_DATA_DIR << "\n";
  });
}

}  // namespace xdd::cli
