#include "shell/studio_app.h"

#include <imgui.h>

#include "shell/error_modal.h"
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

ImGuiTabItemFlags selected_if(const std::optional<PanelId>& wanted, PanelId tab) {
  return wanted == tab ? ImGuiTabItemFlags_SetSelected : 0;
}

bool is_curve_tab(PanelId p) {
  return p == PanelId::kLoss || p == PanelId::kInfoPlane;
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
      beta_sweep_(options.betas),
      embedding_panel_(&GlWindow::wake),
      runs_panel_(options.store, &GlWindow::wake),
      compare_panel_(&GlWindow::wake),
      shown_(&GlWindow::wake),
      export_dialog_(&GlWindow::wake),
      session_files_([this] { return session_state(); },
                     [this](const gui::AppSession& s) { apply_session(s); }, options.config) {
  select(options.tab);
  select(options.centre);
  if (options.autostart) beta_sweep_.set_first_beta(controller_);
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
  if (start_export_) select(*start_export_);  // the dialog exports what its panel shows
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

void StudioApp::select(PanelId panel) {
  if (panel == PanelId::kAuprc) return;  // not a tab: always in view
  (is_curve_tab(panel) ? select_curve_tab_ : select_centre_tab_) = panel;
}

bool StudioApp::showing_stored() const {
  return shown_.active() && shown_.run() && shown_.snapshot();
}

std::shared_ptr<const Snapshot> StudioApp::shown_snapshot() const {
  return showing_stored() ? shown_.snapshot() : controller_.snapshot_ptr();
}

void StudioApp::draw(double frame_ms) {
  controller_.refresh();
  // The finished runs' layouts wait while a run trains: a β click's run gets the cores first.
  if (recorder_) recorder_->set_paused(controller_.in_progress() && !controller_.paused());
  beta_sweep_.continue_sweep(controller_);
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
    if (ImGui::MenuItem("Runs")) select(PanelId::kRuns);
    if (ImGui::MenuItem("Compare")) select(PanelId::kCompare);
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
  const PanelContext context = panel_context();
  // One tile, two tabs: the tab bar takes the place of the title bar.
  ImGui::Begin("##curves", nullptr, kTiledWindowFlags | ImGuiWindowFlags_NoTitleBar);
  if (draw_stored_banner(shown_, "curves")) shown_.close();
  if (ImGui::BeginTabBar("##curve_tabs")) {
    if (ImGui::BeginTabItem("Loss terms", nullptr,
                            selected_if(select_curve_tab_, PanelId::kLoss))) {
      curve_tab_ = PanelId::kLoss;
      if (loss_panel_.draw(context)) open_export(PanelId::kLoss);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Information plane", nullptr,
                            selected_if(select_curve_tab_, PanelId::kInfoPlane))) {
      curve_tab_ = PanelId::kInfoPlane;
      if (info_plane_panel_.draw(context)) open_export(PanelId::kInfoPlane);
      ImGui::EndTabItem();
    }
    select_curve_tab_.reset();
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void StudioApp::draw_auprc() {
  ImGui::Begin(shown_.active() ? "AUPRC: stored run###AUPRC" : "AUPRC###AUPRC", nullptr,
               kTiledWindowFlags);
  if (draw_stored_banner(shown_, "auprc")) shown_.close();
  if (auprc_panel_.draw(panel_context())) open_export(PanelId::kAuprc);
  ImGui::End();
}

void StudioApp::draw_centre_tabs() {
  ImGui::Begin("##centre", nullptr, kTiledWindowFlags | ImGuiWindowFlags_NoTitleBar);
  // A tab asked for last frame; what this frame's clicks ask for (handle()) applies next frame.
  const std::optional<PanelId> select = select_centre_tab_;
  select_centre_tab_.reset();
  if (ImGui::BeginTabBar("##centre_tabs")) {
    if (ImGui::BeginTabItem("Embedding", nullptr, selected_if(select, PanelId::kEmbedding))) {
      centre_tab_ = PanelId::kEmbedding;
      if (draw_stored_banner(shown_, "embedding", true)) shown_.close();
      if (embedding_panel_.draw(panel_context())) open_export(PanelId::kEmbedding);
      ImGui::EndTabItem();
    }
    const std::string runs_label =
        "Runs (" + std::to_string(runs_panel_.runs().size()) + ")###Runs";
    if (ImGui::BeginTabItem(runs_label.c_str(), nullptr, selected_if(select, PanelId::kRuns))) {
      centre_tab_ = PanelId::kRuns;
      handle(runs_panel_.draw(view_.presentation));
      ImGui::EndTabItem();
    }
    const std::string compare_label =
        "Compare (" + std::to_string(compare_panel_.ids().size()) + ")###Compare";
    if (ImGui::BeginTabItem(compare_label.c_str(), nullptr,
                            selected_if(select, PanelId::kCompare))) {
      centre_tab_ = PanelId::kCompare;
      if (compare_panel_.draw(panel_context())) open_export(PanelId::kCompare);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void StudioApp::handle(const RunsPanelRequest& request) {
  if (request.show) {
    shown_.open(store_file_, *request.show);
    select(PanelId::kEmbedding);
  }
  if (request.compare) {
    compare_panel_.open(store_file_, *request.compare);
    select(PanelId::kCompare);
  }
  if (!request.deleted.empty()) {
    for (std::int64_t id : request.deleted) {
      if (id == shown_.id()) shown_.close();
    }
    compare_panel_.forget(request.deleted);
  }
}

PanelContext StudioApp::panel_context() {
  PanelContext c(controller_, shown_snapshot(), view_.presentation);
  if (showing_stored()) {
    c.stored_id = shown_.id();
    c.stored_name = shown_.name();
    c.stored_run = shown_.run();
    c.stored_layout = shown_.layout();
    c.stored_stage = shown_.stage();
  }
  return c;
}

Panel* StudioApp::exportable(PanelId panel) {
  switch (panel) {
    case PanelId::kLoss:
      return &loss_panel_;
    case PanelId::kInfoPlane:
      return &info_plane_panel_;
    case PanelId::kAuprc:
      return &auprc_panel_;
    case PanelId::kEmbedding:
      return &embedding_panel_;
    case PanelId::kCompare:
      return &compare_panel_;
    case PanelId::kRuns:
      return nullptr;  // the Runs table exports through its own buttons
  }
  return nullptr;
}

void StudioApp::open_export(PanelId panel) {
  Panel* p = exportable(panel);
  if (!p) return;
  const ExportOffer offer = p->export_offer(panel_context());
  export_dialog_.open(offer.title, offer.choices);
}

void StudioApp::open_start_export() {
  if (!start_export_) return;
  // Wait until the panels have drawn twice (fonts and tiling settle over the first frames) and
  // the stored runs the dialog exports have been read.
  if (ImGui::GetFrameCount() < 3 || shown_.loading() ||
      (start_export_ == PanelId::kCompare && compare_panel_.runs().empty() &&
       !compare_panel_.ids().empty())) {
    return;
  }
  open_export(*start_export_);
  start_export_.reset();
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
  v.color_by = embedding_panel_.color_mode();
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
  select(v.centre_tab);
  select(v.curve_tab);
  info_plane_panel_.set_set(v.plane_set);
  info_plane_panel_.set_zoom(v.plane_zoom);
  loss_panel_.set_log_y(v.loss_log);
  embedding_panel_.set_color_mode(v.color_by);
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
