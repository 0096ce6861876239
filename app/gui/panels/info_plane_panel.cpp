#include "panels/info_plane_panel.h"

#include <imgui.h>

#include <string>

#include "panels/panel_exports.h"
#include "widgets/info_plane_plot.h"

namespace xdd {
namespace {

// Exactly what the engine computes (losses/info_plane.h, pipeline/info_plane_tracker.h).
constexpr const char* kEstimatorHelp =
    "I(X;Z), nats: the kernel (pairwise-distance) estimate of the entropy of the embedding's "
    "mixture (SPEC §4 `kde`): −(1/N) Σ_i log( (1/N) Σ_j exp(−‖z_i − z_j‖² / 2σ²) ), j including "
    "i, for Gaussian noise of fixed variance (Kolchinsky and Tracey): the set's embedding is first "
    "scaled so that its mean pairwise squared distance is 2, then σ² = 0.25. In [0, log N]. "
    "Multiplying f by a constant leaves it unchanged; it falls as the points gather into tight "
    "groups (log K for K tight groups) and rises as they spread evenly.\n\n"
    "I(Z;Y), nats: the variational lower bound H(Y) + (1/N) Σ_i log q(y_i | z_i), with q the "
    "relevance term's Gaussian class model: a softmax over the 9 known digits of "
    "−‖z − μ_k‖² / 2σ_k² − d log σ_k, μ_k and σ_k fitted to the labeled examples' embeddings. "
    "On the labeled set each example is left out of its own class's μ and σ (as the XDD term), "
    "so the gap between the labeled and test paths shows memorisation. "
    "H(Y) from the set's digit frequencies. At most H(Y); negative when q does worse than "
    "chance. Only images of known digits count: the held-out digit has no class in q.\n\n"
    "Sets: labeled = the labeled examples (90: 10 per known digit). test = a fixed sample of "
    "1,000 test images, seeded, the same for every run on a dataset; I(X;Z) over all of it, "
    "held-out digit included, I(Z;Y) over its known digits.\n\n"
    "Points: step 0 is the pre-trained GAN's embedding, then one every info_plane_every "
    "re-training steps for the first 10, thinning after (about 5 per doubling of the step "
    "count) and the last step, with f in eval mode. Dashed lines: the upper limits log N and "
    "H(Y).\n\n"
    "Other runs: those finished in this session and those in the run store, on the same "
    "held-out digit and data; the latest per β.";

void help_marker() {
  ImGui::TextDisabled("(?)");
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
  ImGui::TextUnformatted(kEstimatorHelp);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// SameLine() when an item `width` wide still fits on the current line (presentation fonts wrap).
void same_line_if_fits(float width) {
  const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

void checkbox_if_fits(const char* label, bool* value, const char* tooltip) {
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize(label).x);
  ImGui::Checkbox(label, value);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
}

}  // namespace

InfoPlanePanel::InfoPlanePanel(PlaneSet set, bool zoom, const std::filesystem::path& store_file)
    : stored_(store_file) {
  set_set(set);
  view_.fit = zoom;
}

bool InfoPlanePanel::draw(const std::shared_ptr<const Snapshot>& snapshot,
                          const ExperimentConfig& like, std::int64_t shown_run) {
  if (!snapshot) return false;
  const Snapshot& s = *snapshot;
  ImGui::TextUnformatted("Set:");
  for (int i = 0; i < 2; ++i) {
    const PlaneSet set = i == 0 ? PlaneSet::kLabeled : PlaneSet::kTest;
    const std::string label = std::string(i == 0 ? "labeled (" : "test sample (") +
                              std::to_string(plane_set_size(s, set)) + ")";
    same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                      ImGui::CalcTextSize(label.c_str()).x);
    ImGui::RadioButton(label.c_str(), &set_, i);
  }
  same_line_if_fits(ImGui::CalcTextSize("(?)").x);
  help_marker();
  const bool stored_changed = stored_.update(like);
  const std::string stored_label = "stored runs (" + std::to_string(stored_.runs().size()) + ")";
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize(stored_label.c_str()).x);
  ImGui::Checkbox(stored_label.c_str(), &show_stored_);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Also draw runs from the run store (xdd runs, %s): the latest finished run per β with this "
        "held-out digit and data.%s%s",
        stored_.store_file().string().c_str(),
        stored_.error().empty() ? "" : "\nCould not read it: ", stored_.error().c_str());
  }
  if (stored_changed || snapshot != cached_snapshot_ || set_ != cached_set_ ||
      show_stored_ != cached_show_stored_ || shown_run != cached_shown_run_) {
    static const std::vector<StoredPlaneRun> none;
    data_ = build_plane_data(s, set(), show_stored_ ? stored_.runs() : none, shown_run);
    cached_snapshot_ = snapshot;
    cached_set_ = set_;
    cached_show_stored_ = show_stored_;
    cached_shown_run_ = shown_run;
  }
  checkbox_if_fits("zoom to paths", &view_.fit,
                   "Axes span the paths only; the limits log N and H(Y) are then named at the "
                   "edge when they lie outside.");
  checkbox_if_fits("log y", &view_.symlog,
                   "y axis sign(v)·log10(1 + |v|): paths near H(Y) stay apart when others reach "
                   "far below 0 (q much worse than chance, as on the test sample early on).");
  same_line_if_fits(ImGui::CalcTextSize("Export...").x + 2 * ImGui::GetStyle().FramePadding.x);
  const bool export_clicked = ImGui::SmallButton("Export...");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("These paths as SVG, PDF or PNG");
  draw_info_plane("##info_plane", data_, view_, ImVec2(-1, -1));
  return export_clicked;
}

bool InfoPlanePanel::draw(const PanelContext& context) {
  return draw(context.shown, context.like(), context.stored_id);
}

ExportOffer InfoPlanePanel::export_offer(const PanelContext& context) const {
  return {"Export the information plane", infoplane_choices(data(), set(), context.stored_name)};
}

}  // namespace xdd
