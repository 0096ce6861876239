// `xdd export scores|layout|metrics|record --run ID --out FILE`: a stored run's data for papers and
// notebooks. (Embeddings are exported by the app, which holds them; run folders do not.)
#include <iostream>

#include "cli/commands.h"
#include "cli/store_option.h"
#include "core/error.h"
#include "export/data_export.h"
#include "store/run_artifacts.h"
#include "store/run_store.h"

namespace xdd::cli {
namespace {

struct ExportOptions {
  std::int64_t run = 0;
  std::string out, which = "after";
};

std::filesystem::path files_of(const store::RunSummary& r) {
  if (r.files_dir.empty()) {
    throw InvalidArgument("run " + std::to_string(r.id) + " has no files folder to export from");
  }
  return r.files_dir;
}

void run_export(const CLI::App& root, const std::string& kind, const ExportOptions& o) {
  store::RunStore store(store_path(root));
  const store::RunRecord record = store.get(o.run);
  if (kind == "scores") {
    data_export::write_scores_csv(o.out,
                                  store::read_scores(files_of(record.summary) / "scores.csv"));
  } else if (kind == "layout") {
    const auto dir = files_of(record.summary);
    const auto labels = store::read_scores(dir / "scores.csv").label;
    data_export::write_layout_csv(o.out,
                                  store::read_layout(dir / ("layout_" + o.which + ".csv"), labels));
  } else if (kind == "metrics") {
    data_export::write_metrics_json(o.out, record.summary);
  } else {
    data_export::write_run_record_json(o.out, record);
  }
  std::cout << "wrote " << o.out << "\n";
}

}  // namespace

void register_export_command(CLI::App& app) {
  auto* exp = app.add_subcommand("export", "Export a stored run's data (CSV, JSON)");
  add_store_option(app, *exp);
  exp->require_subcommand(1);
  const std::pair<const char*, const char*> kinds[] = {
      {"scores", "Per-image scores: index,label,score_before,score_after (CSV)"},
      {"layout", "t-SNE layout: x,y,label,labeled (CSV)"},
      {"metrics", "Final metrics (JSON)"},
      {"record", "The run's whole record: settings, metrics, loss curves (JSON)"}};
  for (const auto& [name, help] : kinds) {
    auto o = std::make_shared<ExportOptions>();
    auto* cmd = exp->add_subcommand(name, help);
    cmd->add_option("--run", o->run, "Run id")->required();
    cmd->add_option("--out", o->out, "Output file")->required();
    const std::string kind = name;
    if (kind == "layout") {
      cmd->add_option("--which", o->which, "before or after re-training")
          ->check(CLI::IsMember({"before", "after"}));
    }
    cmd->callback([&app, kind, o] { run_export(app, kind, *o); });
  }
}

}  // namespace xdd::cli
