#include "shell/guide.h"

#include <cstdio>
#include <string>

#include "panels/auprc_panel.h"
#include "pipeline/phase.h"

namespace xdd {
namespace {

const char* const kTitles[] = {"", "1 · Pre-train", "2 · Score the pre-trained embedding",
                               "3 · Re-train with XDD", "4 · Compare"};

std::string caption(int step, const Snapshot& s, int holdout, double beta) {
  char text[600];
  const double chance = chance_auprc(s);
  switch (step) {
    case 1:
      std::snprintf(text, sizeof text,
                    "A GAN learns to generate the nine known digits; digit %d is held out and "
                    "never seen. The discriminator's convolutional features f(x) become the "
                    "embedding we score in.",
                    holdout);
      break;
    case 2:
      if (s.before) {
        std::snprintf(text, sizeof text,
                      "Each test image is scored by a kernel density estimate over the 90 labeled "
                      "embeddings: far from every known digit = anomalous. AUPRC for digit %d: "
                      "%.3f (chance %.3f). Press N to re-train.",
                      holdout, s.before->auprc, chance);
      } else {
        std::snprintf(text, sizeof text,
                      "Waiting for pre-training to finish; then every test image is scored by a "
                      "kernel density estimate over the 90 labeled embeddings.");
      }
      break;
    case 3:
      std::snprintf(text, sizeof text,
                    "f is re-trained on the 90 labeled images with L = C − β·R (β = %g): C "
                    "compresses what f keeps of x, R keeps what tells the nine digits apart. "
                    "Watch the known classes pull together and the held-out digit stand out.",
                    beta);
      break;
    default:
      if (s.before && s.after) {
        std::snprintf(text, sizeof text,
                      "AUPRC for digit %d: %.3f before → %.3f after re-training (chance %.3f). "
                      "The bars collect every run: pick another digit (0–9) or β (↑/↓) and run "
                      "again (Space).",
                      holdout, s.before->auprc, s.after->auprc, chance);
      } else {
        std::snprintf(text, sizeof text, "Waiting for re-training to finish...");
      }
  }
  return text;
}

}  // namespace

void Guide::next(Controller& c) {
  step_ = step_ >= 4 ? 0 : step_ + 1;
  if (step_ == 1) {
    holding_ = false;
    c.config().method = Method::kXdd;
    c.run();
  } else if (step_ == 3) {
    if (holding_) {
      holding_ = false;
      c.resume();
    } else if (!c.in_progress() && !c.snapshot().after) {
      c.run();
    }
  }
}

void Guide::update(Controller& c) {
  const Snapshot& s = c.snapshot();
  // Act on the moment re-training begins, not on a phase already current when the guide started
  // (that snapshot may belong to the run the guide's own start is replacing).
  const bool retraining = s.phase == Phase::kRetraining;
  const bool just_began = retraining && !was_retraining_;
  was_retraining_ = retraining;
  if ((step_ == 1 || step_ == 2) && just_began && !holding_ &&
      s.status == SessionStatus::kRunning) {
    c.pause();
    holding_ = true;
  }
}

void Guide::draw(const Controller& c, ImVec2 pos, ImVec2 size) const {
  if (!active()) return;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin(
      "##guide", nullptr,
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextColored(ImVec4(0.95f, 0.5f, 0.05f, 1), "%s", kTitles[step_]);
  ImGui::SameLine();
  ImGui::TextDisabled("(N: next step)");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(caption(step_, c.snapshot(), c.config().holdout, c.config().beta).c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace xdd
