#pragma once
// Hidden `runs stress-write` and `runs stress-check`, used by scripts/kill_trials.sh store: the first
// writes runs of known values until it is killed, the second checks what survived.
#include <CLI/CLI.hpp>

namespace xdd::cli {

void register_runs_stress_commands(CLI::App& root, CLI::App& runs);

}  // namespace xdd::cli
