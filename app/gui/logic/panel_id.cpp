#include "logic/panel_id.h"

namespace xdd {

const char* panel_name(PanelId panel) {
  switch (panel) {
    case PanelId::kLoss:
      return "loss";
    case PanelId::kInfoPlane:
      return "infoplane";
    case PanelId::kAuprc:
      return "auprc";
    case PanelId::kEmbedding:
      return "embedding";
    case PanelId::kRuns:
      return "runs";
    case PanelId::kCompare:
      return "compare";
  }
  return "?";
}

std::optional<PanelId> parse_panel(const std::string& name) {
  for (PanelId p : {PanelId::kLoss, PanelId::kInfoPlane, PanelId::kAuprc, PanelId::kEmbedding,
                    PanelId::kRuns, PanelId::kCompare}) {
    if (name == panel_name(p)) return p;
  }
  return std::nullopt;
}

}  // namespace xdd
