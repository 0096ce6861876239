#include "logic/app_session.h"

#include <initializer_list>

#include "core/error.h"

namespace xdd::gui {
namespace {

using nlohmann::json;

// view[key] as T, `fallback` when absent; DataError naming the key on a wrong type.
template <typename T>
T read(const json& view, const char* key, T fallback) {
  if (!view.contains(key) || view.at(key).is_null()) return fallback;
  try {
    return view.at(key).get<T>();
  } catch (const json::exception&) {
    throw DataError(std::string("view.") + key + " has the wrong type: " + view.at(key).dump());
  }
}

// view[key], one of `valid` (`fallback` when absent), as the enum value of that name.
template <typename E>
E one_of(const json& view, const char* key, E fallback, std::initializer_list<E> valid,
         const char* (*name)(E)) {
  const std::string value = read<std::string>(view, key, name(fallback));
  std::string names;
  for (E v : valid) {
    if (value == name(v)) return v;
    names += names.empty() ? name(v) : std::string(", ") + name(v);
  }
  throw DataError(std::string("view.") + key + " is '" + value + "', not one of " + names);
}

json filter_json(const RunsFilter& f) {
  json j = json::object();
  if (f.holdout) j["holdout"] = *f.holdout;
  if (f.method) j["method"] = *f.method;
  if (f.beta) j["beta"] = *f.beta;
  if (f.status) j["status"] = store::to_string(*f.status);
  return j;
}

RunsFilter filter_from(const json& view) {
  RunsFilter f;
  if (!view.contains("filter")) return f;
  const json& j = view.at("filter");
  if (!j.is_object()) throw DataError("view.filter is not an object: " + j.dump());
  if (j.contains("holdout")) {
    const int h = read<int>(j, "holdout", -1);
    if (h < 0 || h > 9)
      throw DataError("view.filter.holdout must be 0-9, got " + j.at("holdout").dump());
    f.holdout = h;
  }
  if (j.contains("method")) f.method = read<std::string>(j, "method", "");
  if (j.contains("beta")) f.beta = read<double>(j, "beta", 0.0);
  if (j.contains("status")) {
    try {
      f.status = store::parse_run_status(read<std::string>(j, "status", ""));
    } catch (const InvalidArgument& e) {
      throw DataError(std::string("view.filter.status: ") + e.what());
    }
  }
  return f;
}

}  // namespace

store::Session to_session(const AppSession& app) {
  store::Session s;
  s.settings = to_json(app.settings);
  const AppView& v = app.view;
  s.view = {{"presentation", v.presentation},
            {"centre_tab", panel_name(v.centre_tab)},
            {"curve_tab", panel_name(v.curve_tab)},
            {"plane_set", plane_set_name(v.plane_set)},
            {"plane_zoom", v.plane_zoom},
            {"loss_log", v.loss_log},
            {"color_by", color_mode_name(v.color_by)},
            {"filter", filter_json(v.filter)},
            {"sort", {{"column", column_key(v.sort.column)}, {"ascending", v.sort.ascending}}},
            {"shown_stage", stage_name(v.shown_stage)}};
  s.view["shown_run"] = v.shown_run ? json(*v.shown_run) : json(nullptr);
  s.open_runs = v.compared;
  s.store_file = app.store_file;
  return s;
}

AppSession app_session_from(const store::Session& s, const ExperimentConfig& base) {
  AppSession app;
  try {
    app.settings = config_from_json(s.settings, base);
    validate(app.settings);
  } catch (const InvalidArgument& e) {
    throw DataError(std::string("settings: ") + e.what());
  }
  const json& j = s.view;
  AppView& v = app.view;
  v.presentation = read<bool>(j, "presentation", false);
  v.centre_tab = one_of(j, "centre_tab", PanelId::kEmbedding,
                        {PanelId::kEmbedding, PanelId::kRuns, PanelId::kCompare}, panel_name);
  v.curve_tab =
      one_of(j, "curve_tab", PanelId::kLoss, {PanelId::kLoss, PanelId::kInfoPlane}, panel_name);
  v.plane_set = one_of(j, "plane_set", PlaneSet::kLabeled, {PlaneSet::kLabeled, PlaneSet::kTest},
                       plane_set_name);
  v.plane_zoom = read<bool>(j, "plane_zoom", false);
  v.loss_log = read<bool>(j, "loss_log", false);
  v.color_by = one_of(j, "color_by", ColorMode::kLabel, {ColorMode::kLabel, ColorMode::kScore},
                      color_mode_name);
  v.filter = filter_from(j);
  if (j.contains("sort")) {
    const json& sort = j.at("sort");
    if (!sort.is_object()) throw DataError("view.sort is not an object: " + sort.dump());
    try {
      v.sort.column = parse_column_key(read<std::string>(sort, "column", "id"));
    } catch (const InvalidArgument& e) {
      throw DataError(std::string("view.sort: ") + e.what());
    }
    v.sort.ascending = read<bool>(sort, "ascending", false);
  }
  if (j.contains("shown_run") && !j.at("shown_run").is_null()) {
    v.shown_run = read<std::int64_t>(j, "shown_run", 0);
  }
  v.shown_stage = one_of(j, "shown_stage", EmbeddingStage::kAfter,
                         {EmbeddingStage::kBefore, EmbeddingStage::kAfter}, stage_name);
  v.compared = s.open_runs;
  app.store_file = s.store_file;
  return app;
}

}  // namespace xdd::gui
