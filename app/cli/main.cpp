// xdd: the headless command-line program. Each subcommand registers itself from its own file.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "core/openmp_policy.h"

int main(int argc, char** argv) {
  xdd::use_passive_openmp_wait(argv);  // before LibTorch runs anything; see openmp_policy.h
  CLI::App app{"XDD Studio command line: the paper's protocol, baselines and t-SNE, headless"};
  app.set_version_flag("--version", std::string("xdd ") + XDD_VERSION);
  app.require_subcommand(1);
  xdd::cli::register_all_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 uses exit code 0 for --help; every other parse error is a usage error (exit 2).
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const xdd::Cancelled&) {
    std::cerr << "xdd: stopped\n";
    return 130;
  } catch (const xdd::Error& e) {
    std::cerr << "xdd: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "xdd: internal error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
