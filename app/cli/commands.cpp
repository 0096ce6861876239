#include "cli/commands.h"

namespace xdd::cli {

void register_all_commands(CLI::App& app) {
  register_info_command(app);
  register_run_command(app);
  register_pretrain_command(app);
  register_eval_command(app);
  register_bench_command(app);
  register_tsne_command(app);
  register_runs_command(app);
  register_figure_command(app);
  register_export_command(app);
  register_sweep_command(app);
  register_write_stress_commands(app);
}

}  // namespace xdd::cli
