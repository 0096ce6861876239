#include "shell/studio_app.h"

#include <imgui.h>

#include "shell/error_modal.h"
#include "shell/panel_exports.h"
#include "shell/status_bar.h"
#include "store/session_file.h"
#include "widgets/layout.h"

namespace xdd {
namespace {

namespace fs = std::filesystem;

// Runs the app records go to a folder beside their store: runs.db -> studio-runs/.
fs::path runs_dir_for(const fs::path& store_file) {
  return fs::absolute(store_file).parent_path() / "studio-runs";
}

std::unique_ptr<RunRecorder> make_recorder(const AppOptions& o) {
  if (!o.record) return nullptr;
  RecorderOptions r;
  r.store_file = o.store;
  r.runs_dir = runs_dir_for(o.store);
  return std::make_unique<RunRecorder>(r, &GlWindow::wake);
}

ImGuiTabItemFlags selected_if(const std::string& wanted, const char* tab) {
  return wanted == tab ? ImGuiTabItemFlags_SetSelected : 0;
}

}  // namespace

StudioApp::StudioApp(const AppOptions& options, GlWindow& window)
    : window_(window),
      fonts_(load_fonts()),
      store_file_(options.store),
      recorder_(make_recorder(options)),
      controller_(options.config, &GlWindow::wake,
                  recorder_
                      ? std::function<void(FinishedRun)>(
                            [r = recorder_.get()](FinishedRun run) { r->record(std::move(run)); })
                      : nullptr),
      experiment_panel_(&GlWindow::wake),
      info_plane_panel_(options.plane_set, options.plane_zoom, options.store),
      embedding_panel_(&GlWindow::wake),
      runs_panel_(options.store, &GlWindow::wake),
      compare_panel_(&GlWindow::wake),
      shown_(&GlWindow::wake),
      export_dialog_(&GlWindow::wake),
      session_files_([this] { return session_state(); },
                     [this](const gui::AppSession& s) { apply_session(s); }, options.config) {
  select_curve_tab_ = options.tab;
  select_centre_tab_ = options.centre;
  pending_betas_.assign(options.betas.begin(), options.betas.end());
  if (options.autostart && !pending_betas_.empty()) {
    controller_.config().beta = pending_betas_.front();
    pending_betas_.pop_front();
  }
  view_.presentation = options.presentation;
  theme_presentation_ = options.presentation;
  apply_theme(view_.presentation);
  if (!options.session.empty()) session_files_.load(options.session);
  if (options.show_run > 0) {
    shown_.open(store_file_, options.show_run);
    runs_panel_.set_current(options.show_run);
  }
  if (!options.compare.empty()) compare_panel_.open(store_file_, options.compare);
  start_export_ = options.export_dialog;
  // The dialog exports what its panel shows: show that panel first.
  if (start_export_ == "loss" || start_export_ == "infoplane") select_curve_tab_ = start_export_;
  if (start_export_ == "embedding" || start_export_ == "compare") {
    select_centre_tab_ = start_export_;
  }
  start_export_to_ = options.export_to;
  if (options.guide) {
    guide_.next(controller_);  // step 1 starts the run
  } else if (options.autostart) {
    controller_.run();
  }
}

void StudioApp::clear_color(float& r, float& g, float& b) const {
  // The tiled windows draw no background (layout.h): the clear colour is their background.
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  r = bg.x;
  g = bg.y;
  b = bg.z;
}

void StudioApp::continue_beta_sweep() {
  const Snapshot& s = controller_.snapshot();
  if (pending_betas_.empty() || s.status != SessionStatus::kDone ||
      s.finished_runs.size() <= runs_at_last_start_) {
    return;
  }
  runs_at_last_start_ = s.finished_runs.size();
  controller_.config().beta = pending_betas_.front();
  pending_betas_.pop_front();
  controller_.run();
}

std::shared_ptr<const Snapshot> StudioApp::shown_snapshot() const {
  return shown_.active() && shown_.snapshot() ? shown_.snapshot() : controller_.snapshot_ptr();
}

std::string StudioApp::shown_name() const {
  return shown_.active() && shown_.run() ? shown_.name() : "";
}

void StudioApp::draw(double frame_ms) {
  controller_.refresh();
  continue_beta_sweep();
  guide_.update(controller_);
  runs_panel_.update();
  compare_panel_.update();
  shown_.update();
  handle_shortcuts(controller_, guide_, window_, view_);
  if (view_.presentation != theme_presentation_) {
    theme_presentation_ = view_.presentation;
    apply_theme(view_.presentation);
  }
  ImGui::PushFont(view_.presentation ? fonts_.large : fonts_.normal);
  draw_menu_bar();
  draw_panels(frame_ms);
  draw_help_overlay(view_);
  // One modal at a time: the controller's errors first, then the app's own dialogs.
  const bool error_up = controller_.has_error();
  draw_error_modal(controller_);
  if (!error_up) {
    open_start_export();
    export_dialog_.draw();
    session_files_.draw(false);
  }
  ImGui::PopFont();
}

void StudioApp::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    session_files_.menu_items();
    if (ImGui::MenuItem("Quit")) glfwSetWindowShouldClose(window_.handle(), GLFW_TRUE);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    const bool busy = controller_.in_progress();
    if (ImGui::MenuItem(busy ? "Restart" : "Run", busy ? nullptr : "Space")) controller_.run();
    if (ImGui::MenuItem(controller_.paused() ? "Resume" : "Pause", "Space", false, busy)) {
      controller_.toggle_run_pause();
    }
    if (ImGui::MenuItem("Stop", "S", false, busy)) controller_.stop();
    if (ImGui::MenuItem("Reset settings")) controller_.reset();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Presentation mode", "F11", &view_.presentation);
    if (ImGui::MenuItem("Full screen", "F", window_.fullscreen())) window_.toggle_fullscreen();
    if (ImGui::MenuItem(guide_.active() ? "Guide: next step" : "Guide: start", "N")) {
      guide_.next(controller_);
    }
    if (ImGui::MenuItem("End guide", nullptr, false, guide_.active())) guide_.end();
    ImGui::Separator();
    if (ImGui::MenuItem("Runs")) select_centre_tab_ = "runs";
    if (ImGui::MenuItem("Compare")) select_centre_tab_ = "compare";
    if (ImGui::MenuItem("Back to live session", nullptr, false, shown_.active())) shown_.close();
    ImGui::Separator();
    ImGui::MenuItem("Keyboard shortcuts", "H", &view_.help);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void StudioApp::draw_panels(double frame_ms) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float guide_h = guide_.active() ? line * 3.2f + ImGui::GetStyle().WindowPadding.y * 2 : 0;
  const float status_h = ImGui::GetFrameHeight() + 8;
  const Layout l = tile_layout(ImGui::GetIO().DisplaySize, ImGui::GetFrameHeight(), status_h,
                               guide_h, view_.presentation);
  const Snapshot& live = controller_.snapshot();
  guide_.draw(controller_, l.guide.pos, l.guide.size);
  place_next_window(l.experiment);
  experiment_panel_.draw(controller_, view_.presentation);
  place_next_window(l.gan_samples);
  gan_samples_panel_.draw(live);
  place_next_window(l.loss);
  draw_curve_tabs();
  place_next_window(l.auprc);
  draw_auprc();
  place_next_window(l.embedding);
  draw_centre_tabs();
  draw_status_bar(live, controller_.config().threads, frame_ms, l.status.pos, l.status.size);
}

void StudioApp::draw_curve_tabs() {
  const std::shared_ptr<const Snapshot> shown = shown_snapshot();
  const bool stored = shown != controller_.snapshot_ptr();
  // One tile, two tabs: the tab bar takes the place of the title bar.
  ImGui::Begin("##curves", nullptr, kTiledWindowFlags | ImGuiWindowFlags_NoTitleBar);
  if (draw_stored_banner(shown_, "curves")) shown_.close();
  if (ImGui::BeginTabBar("##curve_tabs")) {
    if (ImGui::BeginTabItem("Loss terms", nullptr, selected_if(select_curve_tab_, "loss"))) {
      curve_tab_ = "loss";
      if (loss_panel_.draw(*shown)) open_export("loss");
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Information plane", nullptr,
                            selected_if(select_curve_tab_, "infoplane"))) {
      curve_tab_ = "infoplane";
      const bool idle = shown->status == SessionStatus::kIdle;
      const ExperimentConfig& like = idle ? controller_.config() : shown->config;
      if (info_plane_panel_.draw(shown, like, stored ? shown_.id() : 0)) open_export("infoplane");
      ImGui::EndTabItem();
    }
    select_curve_tab_.clear();
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void StudioApp::draw_auprc() {
  const std::shared_ptr<const Snapshot> shown = shown_snapshot();
  ImGui::Begin(shown_.active() ? "AUPRC: stored run###AUPRC" : "AUPRC###AUPRC", nullptr,
               kTiledWindowFlags);
  if (draw_stored_banner(shown_, "auprc")) shown_.close();
  if (auprc_panel_.draw(*shown, controller_.config())) open_export("auprc");
  ImGui::End();
}

void StudioApp::draw_centre_tabs() {
  ImGui::Begin("##centre", nullptr, kTiledWindowFlags | ImGuiWindowFlags_NoTitleBar);
  // A tab asked for last frame; what this frame's clicks ask for (handle()) applies next frame.
  const std::string select = select_centre_tab_;
  select_centre_tab_.clear();
  if (ImGui::BeginTabBar("##centre_tabs")) {
    if (ImGui::BeginTabItem("Embedding", nullptr, selected_if(select, "embedding"))) {
      centre_tab_ = "embedding";
      if (draw_stored_banner(shown_, "embedding", true)) shown_.close();
      const std::shared_ptr<const Snapshot> shown = shown_snapshot();
      const bool stored = shown != controller_.snapshot_ptr();
      if (embedding_panel_.draw(controller_, view_.presentation, stored ? shown.get() : nullptr,
                                stored ? shown_.layout() : nullptr)) {
        open_export("embedding");
      }
      ImGui::EndTabItem();
    }
    const std::string runs_label =
        "Runs (" + std::to_string(runs_panel_.runs().size()) + ")###Runs";
    if (ImGui::BeginTabItem(runs_label.c_str(), nullptr, selected_if(select, "runs"))) {
      centre_tab_ = "runs";
      handle(runs_panel_.draw(view_.presentation));
      ImGui::EndTabItem();
    }
    const std::string compare_label =
        "Compare (" + std::to_string(compare_panel_.ids().size()) + ")###Compare";
    if (ImGui::BeginTabItem(compare_label.c_str(), nullptr, selected_if(select, "compare"))) {
      centre_tab_ = "compare";
      if (compare_panel_.draw()) open_export("compare");
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void StudioApp::handle(const RunsPanelRequest& request) {
  if (request.show) {
    shown_.open(store_file_, *request.show);
    select_centre_tab_ = "embedding";
  }
  if (request.compare) {
    compare_panel_.open(store_file_, *request.compare);
    select_centre_tab_ = "compare";
  }
  if (!request.deleted.empty()) {
    for (std::int64_t id : request.deleted) {
      if (id == shown_.id()) shown_.close();
    }
    compare_panel_.forget(request.deleted);
  }
}

void StudioApp::open_export(const std::string& panel) {
  const std::shared_ptr<const Snapshot> shown = shown_snapshot();
  const bool stored = shown_.active() && shown_.run();
  if (panel == "loss") {
    export_dialog_.open("Export the loss curves",
                        loss_choices(*shown, shown_name(), loss_panel_.log_y()));
  } else if (panel == "infoplane") {
    export_dialog_.open(
        "Export the information plane",
        infoplane_choices(info_plane_panel_.data(), info_plane_panel_.set(), shown_name()));
  } else if (panel == "auprc") {
    const ExperimentConfig& like =
        shown->status == SessionStatus::kIdle ? controller_.config() : shown->config;
    export_dialog_.open("Export the per-digit AUPRC bars",
                        figure1_choices(*shown, like, shown_name()));
  } else if (panel == "embedding") {
    export_dialog_.open(
        stored ? "Export the t-SNE of stored run " + shown_.name() : "Export the t-SNE scatter",
        stored ? stored_embedding_choices(*shown_.run(), shown_.stage())
               : live_embedding_choices(embedding_panel_, controller_.live_tsne(),
                                        controller_.snapshot()));
  } else if (panel == "compare") {
    export_dialog_.open("Export the compared runs", compare_choices(compare_panel_));
  }
}

void StudioApp::open_start_export() {
  if (start_export_.empty()) return;
  // Wait one frame for the panels to have drawn, and for the stored runs it shows to be read.
  if (ImGui::GetFrameCount() < 3 || shown_.loading() ||
      (start_export_ == "compare" && compare_panel_.runs().empty() &&
       !compare_panel_.ids().empty())) {
    return;
  }
  open_export(start_export_);
  start_export_.clear();
  if (!start_export_to_.empty()) export_dialog_.press_export(start_export_to_);
}

void StudioApp::write_session(const fs::path& file) const {
  store::save_session(file, gui::to_session(session_state()));
}

gui::AppSession StudioApp::session_state() const {
  gui::AppSession s;
  s.settings = controller_.config();
  // Folders as absolute paths: the session may be opened from another working folder.
  for (std::string* dir : {&s.settings.data_dir, &s.settings.cache_dir}) {
    std::error_code ec;
    const fs::path absolute = dir->empty() ? fs::path() : fs::absolute(*dir, ec);
    if (!dir->empty() && !ec) *dir = absolute.lexically_normal().string();
  }
  gui::AppView& v = s.view;
  v.presentation = view_.presentation;
  v.centre_tab = centre_tab_;
  v.curve_tab = curve_tab_;
  v.plane_set = info_plane_panel_.set();
  v.plane_zoom = info_plane_panel_.zoom();
  v.loss_log = loss_panel_.log_y();
  v.color_by =
      embedding_panel_.color_mode() == gui::EmbeddingPanel::ColorMode::kScore ? "score" : "digit";
  v.filter = runs_panel_.filter();
  v.sort = runs_panel_.sort();
  if (shown_.active()) v.shown_run = shown_.id();
  v.shown_stage = shown_.stage();
  v.compared = compare_panel_.ids();
  s.store_file = fs::absolute(store_file_).string();
  return s;
}

void StudioApp::use_store(const fs::path& store_file) {
  if (store_file == store_file_) return;
  store_file_ = store_file;
  runs_panel_.set_store(store_file);
  info_plane_panel_.set_store(store_file);
  if (recorder_) recorder_->set_destination(store_file, runs_dir_for(store_file));
}

void StudioApp::apply_session(const gui::AppSession& s) {
  controller_.config() = s.settings;  // the panel's settings; a run in progress goes on
  const gui::AppView& v = s.view;
  view_.presentation = v.presentation;
  select_centre_tab_ = v.centre_tab;
  select_curve_tab_ = v.curve_tab;
  info_plane_panel_.set_set(v.plane_set);
  info_plane_panel_.set_zoom(v.plane_zoom);
  loss_panel_.set_log_y(v.loss_log);
  embedding_panel_.set_color_mode(v.color_by == "score" ? gui::EmbeddingPanel::ColorMode::kScore
                                                        : gui::EmbeddingPanel::ColorMode::kLabel);
  if (!s.store_file.empty()) use_store(s.store_file);
  runs_panel_.filter() = v.filter;
  runs_panel_.set_sort(v.sort);
  shown_.set_stage(v.shown_stage);
  if (v.shown_run) {
    shown_.open(store_file_, *v.shown_run);
    runs_panel_.set_current(*v.shown_run);
  } else {
    shown_.close();
  }
  compare_panel_.open(store_file_, v.compared);
}

}  // namespace xdd
