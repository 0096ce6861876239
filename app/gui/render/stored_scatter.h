#pragma once
// A read-only t-SNE scatter of a stored layout, for the Compare tab's scatters side by side: our
// point shaders (ScatterRenderer) into a texture of its own, coloured by digit, the held-out digit
// larger and outlined on top, the labeled examples as black circles and crosses, the view fitted
// to the points. Hover names a point's digit and score. Main thread only; the constructor needs
// the GL context and throws what ScatterRenderer throws.
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "render/scatter_renderer.h"
#include "render/scatter_view.h"
#include "session/live_tsne.h"

namespace xdd::gui {

class StoredScatter {
 public:
  StoredScatter();

  // The layout to draw (null: none) and its run's held-out digit and labeled examples per class.
  void set_layout(std::shared_ptr<const TsneLayout> layout, int holdout, int labeled_per_class);
  // Draws at the cursor, `size` in pixels.
  void draw(const char* id, ImVec2 size);

 private:
  void restyle();
  void draw_tooltip(ImVec2 mouse) const;

  std::unique_ptr<ScatterRenderer> renderer_;
  std::shared_ptr<const TsneLayout> layout_;
  int holdout_ = -1;
  int per_class_ = 10;
  std::vector<std::int32_t> order_;  // drawing order of the test points (held-out digit last)
  ScatterView view_;
  bool content_changed_ = true;
  int rendered_width_ = 0, rendered_height_ = 0;
};

}  // namespace xdd::gui
