// `xdd runs list|show|compare|delete|import|label`: browse and manage the run store.
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/runs_stress.h"
#include "cli/runs_views.h"
#include "cli/store_option.h"
#include "cli/validators.h"
#include "losses/loss_factory.h"
#include "store/run_json.h"
#include "store/run_store.h"

namespace xdd::cli {
namespace {

struct ListOptions {
  std::optional<int> holdout;
  std::optional<std::string> method;
  std::optional<double> beta;
  std::optional<std::string> status;
  bool json = false;
};

void list_runs(const CLI::App& root, const ListOptions& o) {
  store::RunStore runs(store_path(root));
  store::RunFilter f;
  f.holdout = o.holdout;
  f.method = o.method;
  f.beta = o.beta;
  if (o.status) f.status = store::parse_run_status(*o.status);
  const auto found = runs.list(f);
  if (o.json) {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& r : found) all.push_back(store::to_json(r));
    std::cout << all.dump(2) << "\n";
    return;
  }
  std::cout << std::left << std::setw(6) << "id" << std::setw(9) << "status" << std::setw(5) << "h"
            << std::setw(10) << "method" << std::setw(8) << "beta" << std::setw(6) << "seed"
            << std::setw(8) << "before" << std::setw(8) << "after" << std::setw(8) << "own"
            << std::setw(22) << "started"
            << "label\n";
  auto auprc = [](const store::RunSummary& r, const char* kind) {
    auto it = r.metrics.find(kind);
    return it == r.metrics.end() ? std::string("-") : fixed3(it->second.auprc);
  };
  for (const auto& r : found) {
    std::cout << std::setw(6) << r.id << std::setw(9) << store::to_string(r.status) << std::setw(5)
              << (r.holdout ? std::to_string(*r.holdout) : "-") << std::setw(10) << r.method
              << std::setw(8) << fixed3(r.beta) << std::setw(6)
              << (r.seed ? std::to_string(*r.seed) : "-") << std::setw(8) << auprc(r, "kde_before")
              << std::setw(8) << auprc(r, "kde_after") << std::setw(8) << auprc(r, "own_after")
              << std::setw(22) << r.started_at << r.label << "\n";
  }
}

void import_folders(const CLI::App& root, const std::vector<std::string>& dirs) {
  store::RunStore runs(store_path(root));
  for (const auto& dir : dirs) {
    if (auto existing = runs.find_by_folder(dir)) {
      std::cout << dir << ": already in the store as run " << *existing << "\n";
      continue;
    }
    std::cout << dir << ": imported as run " << runs.import_run_folder(dir) << "\n";
  }
}

}  // namespace

void register_runs_command(CLI::App& app) {
  auto* runs = app.add_subcommand("runs", "Browse, compare, import and delete stored runs");
  add_store_option(app, *runs);  // before the subcommands, so they inherit the fallthrough
  runs->require_subcommand(1);

  auto list_opts = std::make_shared<ListOptions>();
  auto* list = runs->add_subcommand("list", "List runs, newest first");
  list->add_option("--holdout", list_opts->holdout, "Only this held-out digit")
      ->check(CLI::Range(0, 9));
  list->add_option("--method", list_opts->method, "Only this method (xdd, softmax, mcdd, ...)")
      ->check(CLI::IsMember(setting_names<Method>()));
  list->add_option("--beta", list_opts->beta, "Only this beta")->check(non_negative());
  list->add_option("--status", list_opts->status, "Only running, done, failed or stopped");
  list->add_flag("--json", list_opts->json, "Print JSON instead of a table");
  list->callback([&app, list_opts] { list_runs(app, *list_opts); });

  auto show_id = std::make_shared<std::int64_t>(0);
  auto show_json = std::make_shared<bool>(false);
  auto* show = runs->add_subcommand("show", "Show one run's whole record");
  show->add_option("id", *show_id, "Run id")->required();
  show->add_flag("--json", *show_json, "Print the record as JSON");
  show->callback([&app, show_id, show_json] {
    const auto record = store::RunStore(store_path(app)).get(*show_id);
    if (*show_json) {
      std::cout << store::to_json(record).dump(2) << "\n";
    } else {
      print_run(std::cout, record);
    }
  });

  auto compare_ids = std::make_shared<std::vector<std::int64_t>>();
  auto* compare = runs->add_subcommand("compare", "Show runs side by side");
  compare->add_option("ids", *compare_ids, "Two or more run ids")->required()->expected(2, 1000);
  compare->callback([&app, compare_ids] {
    store::RunStore store(store_path(app));
    std::vector<store::RunRecord> records;
    for (auto id : *compare_ids) records.push_back(store.get(id));
    print_comparison(std::cout, records);
  });

  auto delete_ids = std::make_shared<std::vector<std::int64_t>>();
  auto* del = runs->add_subcommand("delete", "Delete runs from the store (their folders stay)");
  del->add_option("ids", *delete_ids, "Run ids")->required();
  del->callback([&app, delete_ids] {
    store::RunStore store(store_path(app));
    for (auto id : *delete_ids) {
      const std::string dir = store.get(id).summary.files_dir;
      store.remove(id);
      std::cout << "deleted run " << id << (dir.empty() ? "" : " (files kept in " + dir + ")")
                << "\n";
    }
  });

  auto dirs = std::make_shared<std::vector<std::string>>();
  auto* import = runs->add_subcommand("import", "Import finished run folders (metrics.json, ...)");
  import->add_option("dirs", *dirs, "Run folders")->required()->check(CLI::ExistingDirectory);
  import->callback([&app, dirs] { import_folders(app, *dirs);
});

auto label_id = std::make_shared<std::int64_t>(0);
auto label_text = std::make_shared<std::string>();
auto* label = runs->add_subcommand("label", "Give a run a free-text label");
label->add_option("id", *label_id, "Run id")->required();
label->add_option("text", *label_text, "The label (empty to clear)")->required();
label->callback([&app, label_id, label_text] {
  store::RunStore(store_path(app)).set_label(*label_id, *label_text);
});

register_runs_stress_commands(app, *runs);
}  // namespace xdd::cli

}  // namespace xdd::cli
