#pragma once
// The Embedding panel: the live t-SNE of the 10,000 test embeddings. It reads the layouts the live
// t-SNE worker beside the session publishes (session/live_tsne_feed.h; the panel never drives it),
// draws them with our own point shaders (ScatterRenderer) and animates between updates. Points are
// coloured by digit (legend) or by anomaly score (colour bar); the held-out digit is drawn larger
// with an outline and on top; the labeled examples are extra t-SNE points drawn as black circles
// and crosses (alternating by class, as the paper's Figures 2-3 draw them in black). Mouse: drag to
// pan, wheel to zoom around the cursor, double-click or "Fit" to reset the view, shift-drag to
// select a box (counts per digit below the plot; the selected points stay outlined while they
// move), hover for the test image with its label and score. It can show a stored run's layout
// instead (read-only: the same view, no t-SNE). Main thread only; create it after the GL context
// exists.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "logic/color_mode.h"
#include "logic/controller.h"
#include "panels/panel.h"
#include "render/scatter_animation.h"
#include "render/scatter_grid.h"
#include "render/scatter_renderer.h"
#include "render/scatter_thumbnail.h"
#include "render/scatter_view.h"
#include "session/live_tsne_feed.h"
#include "session/snapshot.h"
#include "widgets/scatter_colors.h"

namespace xdd::gui {

class EmbeddingPanel : public Panel {
 public:
  // Panel: draws what `context` shows; offers copies of it to the Export dialog.
  bool draw(const PanelContext& context) override;
  ExportOffer export_offer(const PanelContext& context) const override;

  using ColorMode = gui::ColorMode;

  // `wake` is called from draw() while the points are still moving (post an empty GLFW event so
  // the main loop draws again).
  explicit EmbeddingPanel(std::function<void()> wake);
  ~EmbeddingPanel();
  EmbeddingPanel(const EmbeddingPanel&) = delete;
  EmbeddingPanel& operator=(const EmbeddingPanel&) = delete;

  // Draws the panel into the current window (the centre tile's Embedding tab): the live t-SNE's
  // newest layout. With `stored` (a stored run's snapshot, logic/stored_run.h) its
  // `stored_layout` is drawn instead; a null layout says the run has none. True when the user
  // asked to export (the caller opens the Export dialog).
  // The t-SNE threads popup sends the user's choice through the controller.
  bool draw(Controller& controller, bool presentation_mode, const Snapshot* stored = nullptr,
            std::shared_ptr<const TsneLayout> stored_layout = nullptr);

  void set_color_mode(ColorMode mode) { color_mode_ = mode; }
  ColorMode color_mode() const { return color_mode_; }
  // What the exports copy (all immutable or copied): the layout drawn (null before the first),
  // its positions as shown, and the settings of its run.
  const std::shared_ptr<const TsneLayout>& layout() const { return layout_; }
  const std::vector<float>& shown_positions() const { return animation_.positions(); }
  const ExperimentConfig& shown_config() const { return config_; }

  // Points currently selected (test indices) and their count per digit.
  const std::vector<long>& selection() const { return selection_; }

 private:
  void take_layout(double now, std::shared_ptr<const TsneLayout> latest, bool fixed);
  void restyle(int holdout, bool presentation_mode);
  void draw_header(Controller& controller, bool stored);
  void draw_canvas(const Snapshot& snapshot, bool presentation_mode);
  void handle_input(bool hovered);
  void draw_labeled_markers(bool presentation_mode);
  void draw_legend(int holdout);
  void draw_tooltip(const Snapshot& snapshot);
  void draw_selection_summary(int holdout);
  void select_box(const DataBounds& box);
  void count_selection();
  int labeled_digit(std::int64_t i) const;  // -1 when unknown

  std::function<void()> wake_;
  std::unique_ptr<ScatterRenderer> renderer_;
  std::unique_ptr<DigitThumbnail> thumbnail_;
  std::string renderer_error_;

  std::shared_ptr<const TsneLayout> layout_;
  bool showing_fixed_ = false;  // layout_ is a stored run's
  bool export_clicked_ = false;
  ExperimentConfig config_;  // of the snapshot drawn (labeled digits, held-out digit)

  LayoutAnimation animation_;
  ScatterView view_;
  bool auto_fit_ = true;
  ScatterGrid grid_;
  bool grid_stale_ = true;
  ColorMode color_mode_ = ColorMode::kLabel;
  ScoreRange score_range_;

  // Drawing order of the test points (held-out digit and selection last, on top) and the style
  // key they were built for.
  std::vector<std::int32_t> order_;
  std::vector<float> ordered_xy_;
  std::shared_ptr<const EmbeddingFrame> styled_frame_;
  int styled_holdout_ = -1;
  ColorMode styled_mode_ = ColorMode::kLabel;
  bool styled_presentation_ = false;
  std::uint64_t selection_version_ = 0, styled_selection_ = 0;

  // The texture is redrawn only when the points, their styles, the view or the size changed.
  bool positions_changed_ = true;
  std::uint64_t content_version_ = 0, rendered_version_ = ~std::uint64_t{0};
  ScatterTransform rendered_transform_;
  int rendered_width_ = 0, rendered_height_ = 0;

  std::vector<long> selection_;
  std::vector<char> selected_;  // per test point
  std::array<int, 10> selection_counts_{};
  bool box_dragging_ = false;
  ImVec2 box_start_{0, 0};
  long hovered_test_ = -1;
  long hovered_labeled_ = -1;
};

}  // namespace xdd::gui
