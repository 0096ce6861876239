#pragma once
// One register_* function per subcommand, each defined in its own cmd_*.cpp.
#include <CLI/CLI.hpp>

namespace xdd::cli {

void register_info_command(CLI::App& app);
void register_run_command(CLI::App& app);
void register_pretrain_command(CLI::App& app);
void register_eval_command(CLI::App& app);
void register_bench_command(CLI::App& app);
void register_tsne_command(CLI::App& app);
void register_runs_command(CLI::App& app);
void register_figure_command(CLI::App& app);
void register_export_command(CLI::App& app);
void register_sweep_command(CLI::App& app);
void register_write_stress_commands(CLI::App& app);  // hidden, for scripts/kill_trials.sh

// Adds every subcommand to `app`.
void register_all_commands(CLI::App& app);

}  // namespace xdd::cli
